// slate_optimizer.hpp — choosing the slate that maximises SlateQ's decomposed value
// (Ie et al., IJCAI 2019; docs/slateq.md):
//
//     f(A) = (v0 q0 + sum_{i in A} v_i q_i) / (v0 + sum_{i in A} v_i),    |A| = k,
//
// the expectation of the item-wise long-term value q over the user's conditional choice among A
// and "no click" (score v0, value q0). Subtracting q0 from every value shows f(A) - q0 is the
// classic SlateQ objective with values q~_i = q_i - q0 and a no-click value of 0, so every
// optimiser below works on q~ and the result is shifted back.
//
//   exhaustive   all C(m, k) subsets: exact, for small m (the order within a slate does not
//                change f, so subsets suffice)
//   topk         the k largest v_i q~_i: fast, no guarantee
//   greedy       k rounds, each adding the item that maximises f of the partial slate (RecSim's
//                "GS")
//   lp           the paper's exact method: the fractional program relaxed to x in [0,1]^m,
//                sum x = k, made linear by Charnes–Cooper (t = 1/(v0 + sum v x), y = x t); its
//                vertices are integral, so the simplex optimum is a slate
//   dinkelbach   the same optimum without an LP: f(A) >= lambda iff
//                sum_A v_i (q~_i - lambda) >= lambda v0, so iterate lambda <- f(top-k by
//                v_i (q~_i - lambda)); exact, a few O(m log m) rounds
//
// Results are indices into the m items, best first (by v_i q~_i, ties to the lower index), so
// every optimiser is a deterministic function of its inputs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rlrec_slateq {

// REQUIRES v0 > 0 or every v_i > 0: some outcome of every slate has positive probability (a
// user who must click and finds nothing clickable is not a choice model).
struct SlateProblem {
  std::vector<double> v;  // [m] choice scores, >= 0
  std::vector<double> q;  // [m] item values
  double v0 = 0.0;        // no-click score, >= 0
  double q0 = 0.0;        // value of no click
  uint32_t k = 1;         // slate size, <= m
};

enum class SlateOptimizer : uint32_t { kExhaustive = 0, kTopK = 1, kGreedy = 2, kLp = 3, kDinkelbach = 4 };

// The schema's choice text "exhaustive|topk|greedy|lp|dinkelbach", in enum order.
inline constexpr const char *kSlateOptimizerChoices = "exhaustive|topk|greedy|lp|dinkelbach";

// f(A) for items[0..k).
double slate_value(const SlateProblem &problem, const uint32_t *items);

// Writes the k chosen items into out[0..k), best first.
void optimize_slate(SlateOptimizer optimizer, const SlateProblem &problem, uint32_t *out);

// The exact LP of the paper on its own, for tests: its optimal objective f* - q0 (NaN when the
// problem has no feasible slate of positive total score).
double lp_relaxation_value(const SlateProblem &problem);

}  // namespace rlrec_slateq
