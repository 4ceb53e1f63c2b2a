// passes.hpp — each estimator as one pass over the episodes: the sums one episode adds, and the
// estimate as a function of sums (over all episodes, or over one bootstrap replicate). Written
// this way, every estimator gets its interval from the same Poisson bootstrap.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "bootstrap.hpp"
#include "episodes.hpp"
#include "rlrec_ope/estimate.hpp"
#include "rlrec_ope/logged_data.hpp"

namespace rlrec::ope {

struct PassInputs {
  const LoggedData &data;
  const Episodes &episodes;
  const std::vector<double> &w;  // [n] the estimator's per-decision weights (empty for dm)
  double gamma;
  size_t horizon;  // the longest episode of the whole dataset (data may be one part of it)
};

struct Pass {
  size_t width;  // sums; component 0 counts episodes (PoissonBootstrap keeps it)
  // Adds one episode's sums. REQUIRES: every decision of the episode has a finite weight.
  std::function<void(std::span<const uint32_t> decisions, PoissonBootstrap &)> add_episode;
  std::function<double(std::span<const double> sums)> value;
};

// is, wis and pi: the value of one decision, from decision weights (slate or pseudo-inverse).
Pass decision_pass(const PassInputs &in, bool self_normalised);
// tis, pdis, pdwis, dm, dr: the discounted return of an episode.
Pass episode_pass(Estimator estimator, const PassInputs &in);

}  // namespace rlrec::ope
