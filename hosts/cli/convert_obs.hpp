// convert_obs.hpp — the decision every import builds and the observation every export takes
// apart. Both use the conventional recommender fields, `user` [du] and `candidates` [N, dd]
// (DESIGN.md §3), so imported logs fit the envs that use them (bandit.linear, example.feed) and
// the policies written for those envs.
#pragma once

#include <cstdint>
#include <rlrec_data/decision.hpp>
#include <span>
#include <string>
#include <vector>

namespace rlrec::cli {

// What an import knows of one logged round.
struct ImportedRound {
  uint64_t index = 0;                  // the round's position in the input, from 0: its episode id
  std::span<const double> user;        // [du]
  int64_t num_candidates = 0;          // N
  std::span<const double> candidates;  // [N, dd] row-major
  int32_t chosen = 0;                  // the candidate shown (a slate of 1)
  float probability = 1.0f;            // of showing it
  float reward = 0.0f;
};

// `round` into `d` (its vectors reused): its own one-step episode (t 0, terminated), since the
// formats imported log independent rounds. With `add_response`, also the `response` obs field
// [1, 2] of zeros (the previous step's response, none at an episode's start), the step's
// `responses` [[clicked, reward]] with clicked = reward > 0 and the info channel `clicked_slot`
// (0, or -1 for none): the conventions of bandit.linear and example.feed, whose observation spec
// then matches the data (the channels a log cannot know, such as regret, read as NaN).
void fill_imported(rlrec_data::Decision &d, const ImportedRound &round, bool add_response);

// `value` as a probability in (0, 1], or throws "<where>: <what> must be in (0, 1], got V".
float checked_probability(double value, const std::string &where, const std::string &what);

// The `user` and `candidates` fields of decisions exported to a format that has a place for just
// those. Other obs fields are dropped, and said so by warnings().
class ExportedObs {
 public:
  explicit ExportedObs(std::string format) : format_(std::move(format)) {}

  // Finds the fields of `d` (which must outlive the use of the accessors). Throws "<where>: ..."
  // when `d` has no `candidates` [N, dd] field or a `user` that is not [du].
  void take(const rlrec_data::Decision &d, const std::string &where);

  std::span<const double> user() const;  // empty without a `user` field
  int64_t num_candidates() const { return candidates_->shape[0]; }
  int64_t candidate_dim() const { return candidates_->shape[1]; }
  std::span<const double> candidate(int64_t i) const;
  const std::vector<double> &candidate_values() const { return candidates_->values; }

  // "obs field 'X' dropped: FORMAT has no place for it", once per field.
  std::vector<std::string> warnings() const;

 private:
  std::string format_;
  const rlrec_data::NamedArray *user_ = nullptr;
  const rlrec_data::NamedArray *candidates_ = nullptr;
  std::vector<std::string> dropped_;
};

}  // namespace rlrec::cli
