#include "logged_batches.hpp"

#include <rlrec_data/errors.hpp>

#include <cmath>
#include <cstring>
#include <limits>

namespace rlrec::core {
namespace {

int64_t numel(const rlrec_field &field) {
  int64_t n = 1;
  for (uint32_t i = 0; i < field.space.rank; ++i) n *= field.space.shape[i];
  return n;
}

}  // namespace

LoggedBatches::LoggedBatches(const rlrec_env_spec &spec, uint32_t batch_rows)
    : fields_(obs_fields_of(spec)),
      capacity_(batch_rows),
      obs_(fields_, batch_rows),
      act_(batch_rows, static_cast<uint32_t>(spec.action_space.shape[0])),
      out_(spec, batch_rows),
      episode_id_(batch_rows),
      step_index_(batch_rows) {
  for (uint32_t c = 0; c < spec.num_info_channels; ++c) info_names_.emplace_back(spec.info_channels[c].name);
}

void LoggedBatches::write_obs(ObsBuffers &to, uint32_t row, const rlrec_data::Decision &d) {
  for (std::size_t f = 0; f < fields_.size(); ++f) {
    const rlrec_field &field = fields_[f];
    const rlrec_data::NamedArray *found = nullptr;
    for (const rlrec_data::NamedArray &a : d.obs) found = a.name == field.name ? &a : found;
    if (found == nullptr) {
      throw rlrec_data::DataError(pending_where_ + ": the logged obs has no field '" + field.name +
                                  "', which the env declares");
    }
    if (static_cast<int64_t>(found->values.size()) != numel(field)) {
      throw rlrec_data::DataError(pending_where_ + ": obs field '" + field.name + "' has " +
                                  std::to_string(found->values.size()) + " values, the env's field " +
                                  std::to_string(numel(field)));
    }
    if (!store_values(field.space.dtype, found->values, to.row(f, row)))
      throw rlrec_data::DataError(pending_where_ + ": obs field '" + field.name + "' has an unknown dtype");
  }
}

void LoggedBatches::push_pending(const rlrec_data::Decision *next) {
  const rlrec_data::Decision &d = *pending_;
  const uint32_t r = rows_;
  const uint32_t k = act_.slate_size;
  if (d.slate.size() != k) {
    throw rlrec_data::DataError(pending_where_ + ": a slate of " + std::to_string(d.slate.size()) +
                                " items, the env's slates have " + std::to_string(k));
  }
  write_obs(obs_, r, d);
  const bool continues = next != nullptr && next->episode_id == d.episode_id && next->t == d.t + 1;
  write_obs(out_.obs, r, continues ? *next : d);
  std::copy(d.slate.begin(), d.slate.end(), act_.slates.begin() + static_cast<std::ptrdiff_t>(r) * k);
  act_.slate_prob[r] = d.slate_prob;
  for (uint32_t l = 0; l < k; ++l) {
    act_.slot_propensity[r * k + l] =
        d.slot_propensity.empty() ? std::numeric_limits<float>::quiet_NaN() : d.slot_propensity[l];
  }
  out_.reward[r] = d.reward;
  out_.terminated[r] = d.terminated ? 1 : 0;
  out_.truncated[r] = d.truncated || (!d.terminated && !continues) ? 1 : 0;
  const std::size_t channels = info_names_.size();
  for (std::size_t c = 0; c < channels; ++c) {
    // A channel the log lacks is NaN, as for a null one: `info` is optional in the format, and logs
    // imported from other tools (rlrec data convert) cannot know a simulator's regret.
    float value = std::numeric_limits<float>::quiet_NaN();
    for (const rlrec_data::NamedScalar &s : d.info)
      if (s.name == info_names_[c]) value = static_cast<float>(s.value);
    out_.info[r * channels + c] = value;
  }
  episode_id_[r] = d.episode_id;
  step_index_[r] = d.t;
  ++rows_;
}

bool LoggedBatches::add(const rlrec_data::Decision &d, const std::string &where) {
  if (pending_) push_pending(&d);
  if (pending_) {
    *pending_ = d;  // reuses the vectors
  } else {
    pending_ = d;
  }
  pending_where_ = where;
  return rows_ == capacity_;
}

bool LoggedBatches::finish() {
  if (pending_) {
    push_pending(nullptr);
    pending_.reset();
  }
  return rows_ > 0;
}

rlrec_transition_batch LoggedBatches::batch() {
  rlrec_transition_batch b = transition_batch(obs_, act_, out_, episode_id_.data(), step_index_.data());
  b.rows = rows_;
  obs_view_.resize(fields_.size());
  next_view_.resize(fields_.size());
  obs_.slice(0, rows_, obs_view_.data());
  out_.obs.slice(0, rows_, next_view_.data());
  b.obs = obs_view_.data();
  b.next_obs = next_view_.data();
  return b;
}

}  // namespace rlrec::core
