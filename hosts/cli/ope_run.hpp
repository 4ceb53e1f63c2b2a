// ope_run.hpp — `rlrec ope`'s data side: streams a dataset through the target policy
// (ope_target.hpp) into the estimators (rlrec_ope/estimators.hpp, EstimateStream), and fits the
// reward model (ope_features.hpp, ridge with cross-fitting by episode) for dm and dr.
//
// Two passes over the file, the target scoring every decision in each: the first counts, finds
// the longest episode and adds up the model's per-fold sums; the second (after the fit) predicts
// q̂ and hands the estimators whole episodes, a part of up to kPartDecisions decisions at a time.
// Memory does not grow with the dataset: the reader's window, one batch of decisions,
// O(folds × d²) for the model, the bootstrap's sums, and the rows of the episodes still open (in
// a vector env's logs, episodes interleave: about num_envs of them at a time) and of one part.
// Observations, features and the target's marginals are never held beyond their batch.
#pragma once

#include <rlrec_data/dataset_reader.hpp>
#include <rlrec_ope/estimators.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine.hpp"

namespace rlrec::cli {

struct OpeOptions {
  uint32_t mode = 1;     // rlrec_act_mode of the target (RLREC_ACT_GREEDY by default)
  bool skip_bad = false;  // skip and count malformed lines (ReaderOptions::skip_bad)
  int folds = 5;          // cross-fitting folds of the reward model (1: fit and predict on all rows)
  double lambda = 1.0;    // ridge penalty
  rlrec::ope::Settings estimators;
};

struct OpeResult {
  uint64_t decisions = 0;
  uint64_t episodes = 0;
  double behavior_episode_value = 0.0;   // mean undiscounted episode return of the logs
  double behavior_decision_value = 0.0;  // mean reward per decision
  bool multi_step = false;               // some episode has more than one decision
  bool model = false;                    // dm and dr had a reward model
  std::vector<rlrec::ope::Estimate> estimates;  // every estimator that applies, kAllEstimators order
  std::vector<std::string> warnings;     // the reader's and our own, for a person
};

// Reads `path`, scores it with `engine`'s policy and estimates its value. Throws
// rlrec_data::DataError (a malformed line, naming file and line), core::ConfigError (a target it
// cannot score, an empty dataset).
OpeResult run_ope(const std::filesystem::path &path, core::Engine &engine, const OpeOptions &options);

}  // namespace rlrec::cli
