// ess.hpp — effective sample sizes, (Σ g)² / Σ g²: how many equally weighted samples a set of
// weights g is worth. n when all weights are equal; near 1 when one weight dominates.
#pragma once

#include <span>
#include <vector>

#include "episodes.hpp"

namespace rlrec::ope {

// Over every decision of the `used` episodes, weights w [n].
double decision_ess(const Episodes &episodes, std::span<const uint32_t> used, const std::vector<double> &w);
// Over the used episodes' full products ρ_T (trajectory IS).
double trajectory_ess(const Episodes &episodes, std::span<const uint32_t> used, const std::vector<double> &w);
// The smallest over steps t of the ESS of ρ_t across the used episodes (an ended episode keeps its
// last ρ, as in pdwis): the step where per-decision IS has the fewest effective episodes, which
// is the last one when ρ degenerates with the horizon.
double per_step_ess(const Episodes &episodes, std::span<const uint32_t> used, const std::vector<double> &w);

}  // namespace rlrec::ope
