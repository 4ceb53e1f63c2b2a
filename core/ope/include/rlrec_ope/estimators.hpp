// rlrec_ope/estimators.hpp — off-policy estimates of a target policy from logged decisions.
//
//   rlrec::ope::LoggedData data = ...;           // logged_data.hpp
//   rlrec::ope::Settings settings;               // 200 resamples, 95 %, seed 0
//   for (const auto &e : rlrec::ope::estimate_all(data, settings)) ...
//
// Pure functions of their inputs: the same data and settings give the same numbers, bit for bit.
// Single-threaded; concurrent calls on shared const data are safe.
#pragma once

#include <vector>

#include "rlrec_ope/estimate.hpp"
#include "rlrec_ope/logged_data.hpp"

namespace rlrec::ope {

// Whether `data` holds the columns `estimator` reads: slate propensities (is, wis, tis, pdis,
// pdwis, dr), a reward model (dm, dr), per-slot propensities (pi).
bool applies(Estimator estimator, const LoggedData &data);

// One estimator. Throws std::invalid_argument when it does not apply, when the columns disagree
// in length (LoggedData::check_shapes) or when an episode has two decisions at the same step.
Estimate estimate(Estimator estimator, const LoggedData &data, const Settings &settings);

// Every estimator that applies, in kAllEstimators order.
std::vector<Estimate> estimate_all(const LoggedData &data, const Settings &settings);

}  // namespace rlrec::ope
