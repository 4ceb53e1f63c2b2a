// weights.hpp — importance weights of the logged decisions, and what their propensities say about
// the logs: missing, zero or impossible values, and whether π stays inside μ's support.
#pragma once

#include <cstddef>
#include <vector>

#include "rlrec_ope/estimate.hpp"
#include "rlrec_ope/logged_data.hpp"

namespace rlrec::ope {

struct Weights {
  std::vector<double> w;  // [n] one weight per decision; NaN where a propensity is unusable
  size_t decisions = 0;   // decisions weighed (n, or summed over parts: add_summary)
  size_t missing = 0;     // decisions left out, by cause
  size_t zero = 0;
  size_t invalid = 0;
  // Sums over the ratios π/μ (slates), or over every slot's π_l/μ_l (pi), of the usable decisions:
  // their mean is the mass π keeps inside μ's support, 1 when the policies overlap.
  double ratio_sum = 0.0;
  double ratio_sq_sum = 0.0;
  size_t ratio_count = 0;
};

// w_i = π(A_i|x_i) / μ(A_i|x_i). REQUIRES: the slate columns are filled.
Weights slate_weights(const LoggedData &data);
// g_i = Σ_l π_l(A_il|x_i) / μ_l(A_il|x_i) − (L − 1), the pseudo-inverse weight for a μ that fills
// slots independently. REQUIRES: the per-slot columns are filled.
Weights pseudo_inverse_weights(const LoggedData &data);

// Adds part's counts and ratio sums to into's (not the weights): the summary of a dataset fed in parts.
void add_summary(Weights &into, const Weights &part);
// Warnings for the decisions left out, and for a mean ratio clearly off 1 (four standard errors).
void add_propensity_warnings(const Weights &weights, std::vector<Warning> &warnings);

}  // namespace rlrec::ope
