// rlrec_ope/estimators.hpp — off-policy estimates of a target policy from logged decisions.
//
//   rlrec::ope::LoggedData data = ...;           // logged_data.hpp
//   rlrec::ope::Settings settings;               // 200 resamples, 95 %, seed 0
//   for (const auto &e : rlrec::ope::estimate_all(data, settings)) ...
//
// Pure functions of their inputs: the same data and settings give the same numbers, bit for bit.
// Single-threaded; concurrent calls on shared const data are safe.
#pragma once

#include <cstddef>
#include <vector>

#include "rlrec_ope/estimate.hpp"
#include "rlrec_ope/logged_data.hpp"

namespace rlrec::ope {

// Which optional columns a dataset fills (LoggedData): what decides the estimators that apply.
struct Columns {
  bool slate = false;  // behavior_prob / target_prob
  bool slots = false;  // behavior_slot_prob / target_slot_prob (with slate_size > 0)
  bool model = false;  // q_logged / q_target
  static Columns of(const LoggedData &data);
};

// Whether the columns are those `estimator` reads: slate propensities (is, wis, tis, pdis,
// pdwis, dr), a reward model (dm, dr), per-slot propensities (pi).
bool applies(Estimator estimator, const Columns &columns);
bool applies(Estimator estimator, const LoggedData &data);

// The estimators fed a dataset in parts, each part whole episodes, so memory is bounded by a part
// and not by the dataset (the bootstrap keeps only sums). Parts in the same order give the same
// numbers, bit for bit; so does the whole dataset as one part (estimate, estimate_all).
//
//   EstimateStream stream(columns, horizon, settings);
//   for (const LoggedData &part : parts) stream.add(part);
//   std::vector<Estimate> estimates = stream.finish();
class EstimateStream {
 public:
  // Every estimator that applies to `columns`; `horizon` is the longest episode of the dataset.
  EstimateStream(const Columns &columns, size_t horizon, const Settings &settings);
  ~EstimateStream();
  EstimateStream(const EstimateStream &) = delete;
  EstimateStream &operator=(const EstimateStream &) = delete;

  // A part: whole episodes (an episode split over two parts would count as two), with the
  // columns given at construction filled and no episode longer than the horizon. Throws
  // std::invalid_argument as estimate() does.
  void add(const LoggedData &part);
  // The estimates, in kAllEstimators order.
  std::vector<Estimate> finish() const;

 private:
  struct State;
  Columns columns_;
  size_t horizon_;
  Settings settings_;
  std::vector<State> states_;
};

// One estimator. Throws std::invalid_argument when it does not apply, when the columns disagree
// in length (LoggedData::check_shapes) or when an episode has two decisions at the same step.
Estimate estimate(Estimator estimator, const LoggedData &data, const Settings &settings);
// Every estimator that applies, in kAllEstimators order.
std::vector<Estimate> estimate_all(const LoggedData &data, const Settings &settings);

}  // namespace rlrec::ope
