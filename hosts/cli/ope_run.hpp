// ope_run.hpp — `rlrec ope`'s data side: streams a dataset through the target policy
// (ope_target.hpp) into the estimators' columns (rlrec_ope/logged_data.hpp), and fits the reward
// model (ope_features.hpp, ridge with cross-fitting by episode) for dm and dr.
//
// Two passes over the file, the target scoring every decision in each: the first fills the
// propensity columns and the model's per-fold sums, the second (after the fit) predicts q̂ for
// each decision. Memory: the reader's window, one batch of decisions, O(folds × d²) for the
// model, a set of episode ids, and per decision the estimators' columns — (52 + 16 L) bytes (84 B
// for a slate of 2: 84 MB per million decisions). Observations, features and the target's
// marginals are never held beyond their batch.
#pragma once

#include <rlrec_data/dataset_reader.hpp>
#include <rlrec_ope/logged_data.hpp>

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
};

struct OpeData {
  rlrec::ope::LoggedData logged;
  uint64_t episodes = 0;
  double behavior_episode_value = 0.0;   // mean undiscounted episode return of the logs
  double behavior_decision_value = 0.0;  // mean reward per decision
  bool multi_step = false;               // some episode has more than one decision
  bool model = false;                    // q_logged / q_target are filled
  std::vector<std::string> warnings;     // the reader's and our own, for a person
};

// Reads `path` and scores it with `engine`'s policy. Throws rlrec_data::DataError (a malformed
// line, naming file and line), core::ConfigError (a target it cannot score).
OpeData read_for_ope(const std::filesystem::path &path, core::Engine &engine, const OpeOptions &options);

}  // namespace rlrec::cli
