// logged_batches.hpp — turns a stream of logged decisions (docs/dataset.md) back into the
// rlrec_transition_batch rows the runner would have given a policy's learn: obs from the logged
// fields, actions = the logged slate, the behaviour's slate_prob and slot_propensity, reward,
// flags, info channels by name, and next_obs = the obs of the next decision of the same episode.
//
// Decisions are read in file order, which keeps each episode's lines in order (the dataset
// logger and `rlrec collect` write them so). A decision whose successor is not the next line of
// its episode (the last line of an episode, or one the dataset lost) gets its own obs as
// next_obs, and when it is neither terminated nor truncated it is marked truncated: the data
// ends the episode there, and a learner must not bootstrap across a gap.
//
// Memory: one batch of `batch_rows` rows and one pending decision, whatever the dataset's size.
// Threads: one thread at a time.
#pragma once

#include <rlrec_data/decision.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "batch.hpp"
#include "vector_env.hpp"

namespace rlrec::core {

class LoggedBatches {
 public:
  // `spec` is the env spec the policy was created for: the logged obs fields are matched to its
  // fields by name (each must be present with the field's element count), its info channels to
  // the logged `info` keys.
  LoggedBatches(const rlrec_env_spec &spec, uint32_t batch_rows);

  // Adds a decision. Returns true when a batch is full: take it with batch(), then clear().
  // Throws rlrec_data::DataError naming `where` when the decision does not fit the spec.
  bool add(const rlrec_data::Decision &d, const std::string &where);
  // Ends the stream (the pending decision becomes a row). Returns true if rows are waiting.
  bool finish();

  // The rows gathered so far; a view valid until the next add/finish/clear.
  rlrec_transition_batch batch();
  uint32_t rows() const { return rows_; }
  void clear() { rows_ = 0; }

 private:
  void push_pending(const rlrec_data::Decision *next);
  void write_obs(ObsBuffers &to, uint32_t row, const rlrec_data::Decision &d);

  std::vector<rlrec_field> fields_;
  std::vector<std::string> info_names_;
  uint32_t capacity_ = 0;
  uint32_t rows_ = 0;
  ObsBuffers obs_;
  ActBuffers act_;
  EnvOutputBuffers out_;  // next_obs, reward, flags, info
  std::vector<uint64_t> episode_id_;
  std::vector<uint32_t> step_index_;
  std::vector<rlrec_tensor> obs_view_, next_view_;  // tensor headers of the first rows_ rows
  std::optional<rlrec_data::Decision> pending_;
  std::string pending_where_;
};

}  // namespace rlrec::core
