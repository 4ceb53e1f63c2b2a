#include "convert_obs.hpp"

#include <algorithm>
#include <rlrec_data/decision.hpp>

#include "convert_text.hpp"

namespace rlrec::cli {
namespace {

constexpr int64_t kResponseDim = 2;  // (clicked, reward)

// Field `slot` of d.obs named `name` with `shape` (names and shapes set, values to be filled).
rlrec_data::NamedArray &obs_field(rlrec_data::Decision &d, std::size_t slot, const char *name,
                                  std::vector<int64_t> shape) {
  if (d.obs.size() <= slot) d.obs.resize(slot + 1);
  rlrec_data::NamedArray &field = d.obs[slot];
  field.name = name;
  field.shape = std::move(shape);
  field.dtype = RLREC_DTYPE_F64;  // the input's numbers as they were written, not rounded to float
  return field;
}

}  // namespace

void fill_imported(rlrec_data::Decision &d, const ImportedRound &round, bool add_response) {
  const auto du = static_cast<int64_t>(round.user.size());
  const int64_t dd =
      round.num_candidates == 0 ? 0 : static_cast<int64_t>(round.candidates.size()) / round.num_candidates;
  obs_field(d, 0, "user", {du}).values.assign(round.user.begin(), round.user.end());
  obs_field(d, 1, "candidates", {round.num_candidates, dd})
      .values.assign(round.candidates.begin(), round.candidates.end());
  d.obs.resize(add_response ? 3 : 2);
  d.has_responses = add_response;
  if (add_response) {
    obs_field(d, 2, "response", {1, kResponseDim}).values.assign(kResponseDim, 0.0);
    d.responses.name = "responses";
    d.responses.shape = {1, kResponseDim};
    d.responses.dtype = RLREC_DTYPE_F32;
    d.responses.values = {round.reward > 0.0f ? 1.0 : 0.0, static_cast<double>(round.reward)};
  }
  d.info.clear();
  if (add_response) d.info.push_back({"clicked_slot", round.reward > 0.0f ? 0.0 : -1.0});
  d.episode_id = round.index;
  d.t = 0;
  d.slate.assign(1, round.chosen);
  d.slate_prob = round.probability;
  d.slot_propensity.clear();
  d.reward = round.reward;
  d.terminated = true;
  d.truncated = false;
}

float checked_probability(double value, const std::string &where, const std::string &what) {
  const auto p = static_cast<float>(value);
  if (!(p > 0.0f && p <= 1.0f)) {
    std::string text;
    append_number(text, value, where);
    fail_at(where, what + " must be in (0, 1], got " + text);
  }
  return p;
}

void ExportedObs::take(const rlrec_data::Decision &d, const std::string &where) {
  user_ = candidates_ = nullptr;
  for (const rlrec_data::NamedArray &field : d.obs) {
    if (field.name == "user")
      user_ = &field;
    else if (field.name == "candidates")
      candidates_ = &field;
    else if (std::find(dropped_.begin(), dropped_.end(), field.name) == dropped_.end())
      dropped_.push_back(field.name);
  }
  if (candidates_ == nullptr || candidates_->shape.size() != 2) {
    fail_at(where, "no obs field 'candidates' of shape [N, dd]: " + format_ +
                       " needs the candidates' features (the conventional field of DESIGN.md §3)");
  }
  if (user_ != nullptr && user_->shape.size() != 1) fail_at(where, "obs field 'user' is not a vector [du]");
}

std::span<const double> ExportedObs::user() const {
  return user_ == nullptr ? std::span<const double>() : std::span<const double>(user_->values);
}

std::span<const double> ExportedObs::candidate(int64_t i) const {
  const auto dd = static_cast<std::size_t>(candidate_dim());
  return std::span<const double>(candidates_->values).subspan(static_cast<std::size_t>(i) * dd, dd);
}

std::vector<std::string> ExportedObs::warnings() const {
  std::vector<std::string> out;
  for (const std::string &name : dropped_)
    out.push_back("obs field '" + name + "' dropped: " + format_ + " has no place for it");
  return out;
}

}  // namespace rlrec::cli
