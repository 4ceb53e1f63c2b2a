// ess.hpp — effective sample sizes, (Σ g)² / Σ g²: how many equally weighted samples a set of
// weights g is worth. n when all weights are equal; near 1 when one weight dominates. Kept as
// sums, so episodes can be added as they come.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace rlrec::ope {

class EssSums {
 public:
  enum class Kind {
    kDecision,    // over every decision's weight
    kTrajectory,  // over the episodes' full products ρ_T (trajectory IS)
    kPerStep,     // the smallest over steps t of the ESS of ρ_t across episodes (an ended episode
                  // keeps its last ρ, as in pdwis): the step where per-decision IS has the fewest
                  // effective episodes, which is the last one when ρ degenerates with the horizon
  };
  // `horizon`: the longest episode (kPerStep).
  EssSums(Kind kind, size_t horizon);
  // One episode: the weights of its decisions in step order.
  void add(std::span<const uint32_t> decisions, const std::vector<double> &w);
  double value() const;

 private:
  Kind kind_;
  double sum_ = 0.0, squares_ = 0.0;
  // kPerStep: per step Σ ρ, Σ ρ², and what episodes that ended at that step carry on adding.
  std::vector<double> step_sum_, step_squares_, ended_, ended_squares_;
};

}  // namespace rlrec::ope
