// bootstrap.hpp — the Poisson bootstrap of sums: every estimator here is a function of sums over
// units (episodes), so a resample needs only its own copy of those sums.
//
// Each unit enters each replicate k ~ Poisson(1) times instead of being drawn n times with
// replacement (Hanley & MacGibbon 2006; Chamandy et al. 2012): the replicates are built in one
// streaming pass, memory is replicates x width whatever n, and shards of a dataset can be
// bootstrapped separately and their sums added (DESIGN.md §7). For the n of OPE (hundreds and
// up) its intervals match the multinomial bootstrap's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "rlrec_nn/rng.hpp"

namespace rlrec::ope {

class PoissonBootstrap {
 public:
  // `width` sums; component 0 is kept by the bootstrap itself: the number of units.
  PoissonBootstrap(size_t width, uint32_t replicates, uint64_t seed);

  // Starts a unit: draws its count in every replicate. REQUIRES: called before its add()s.
  void next_unit();
  // Adds `value` to sum `component` (>= 1) of the current unit.
  void add(size_t component, double value);

  const std::vector<double> &totals() const { return totals_; }
  uint32_t replicates() const { return replicates_; }
  // Writes replicate b's sums into `out` (resized to width).
  void replicate(uint32_t b, std::vector<double> &out) const;

 private:
  size_t width_;
  uint32_t replicates_;
  nn::Rng rng_;
  std::vector<double> totals_;  // [width]
  std::vector<double> counts_;  // [replicates] the current unit's Poisson counts
  std::vector<double> sums_;    // [width x replicates]: component c, replicate b at c * replicates + b
};

struct Interval {
  double low;
  double high;
  uint32_t finite;  // replicates whose value was finite (a ratio with no weight is not)
};

// The percentile interval of value(replicate sums) at `confidence`; NaN bounds when no replicate
// gives a finite value.
Interval percentile_interval(const PoissonBootstrap &bootstrap,
                             const std::function<double(std::span<const double>)> &value, double confidence);

}  // namespace rlrec::ope
