#include "rlrec_nn/agent/history.hpp"

#include <algorithm>
#include <stdexcept>

namespace rlrec::nn::agent {

History::History(const ObsLayout &layout, HistorySettings settings, const std::string &who)
    : layout_(layout), settings_(std::move(settings)) {
  if (!settings_.decays.empty()) {
    if (!layout.has_response())
      throw std::invalid_argument(who + ": history_decays needs an obs field 'response'; this env has none "
                                        "(set history_decays: [])");
    if (settings_.click_column < 0 || static_cast<uint32_t>(settings_.click_column) >= layout.response_dim())
      throw std::invalid_argument(who + ": click_column " + std::to_string(settings_.click_column) +
                                  " is outside the response's " + std::to_string(layout.response_dim()) + " columns");
    consumed_dim_ = 1 + layout.response_dim() + layout.item_dim();
  }
  dim_ = (settings_.step_feature ? 1 : 0) + settings_.decays.size() * consumed_dim_;
  response_.resize(static_cast<size_t>(layout.slate_size()) * layout.response_dim());
  candidates_.resize(static_cast<size_t>(layout.num_candidates()) * layout.item_dim());
  consumed_.resize(consumed_dim_);
}

History::Row History::fresh_row() const {
  Row row;
  row.sums.assign(settings_.decays.size() * consumed_dim_, 0.0f);
  row.shown.assign(static_cast<size_t>(layout_.slate_size()) * layout_.item_dim(), 0.0f);
  return row;
}

std::vector<History::Row> &History::rows_of(const void *key, uint32_t rows) {
  std::vector<Row> &book = books_[key];
  if (book.size() != rows) book.assign(rows, fresh_row());
  return book;
}

void History::features(const void *key, uint32_t rows, const uint8_t *episode_start, const rlrec_tensor *obs,
                       float *out) {
  std::vector<Row> &book = rows_of(key, rows);
  for (uint32_t r = 0; r < rows; ++r)
    advance(book[r], episode_start == nullptr || episode_start[r] != 0, obs, r, out + static_cast<size_t>(r) * dim_);
}

void History::peek(const void *key, uint32_t rows, const uint8_t *episode_start, const rlrec_tensor *obs, float *out) {
  const auto book = books_.find(key);
  const bool known = book != books_.end() && book->second.size() == rows;  // else features() would start afresh
  for (uint32_t r = 0; r < rows; ++r) {
    Row row = known ? book->second[r] : fresh_row();
    advance(row, episode_start == nullptr || episode_start[r] != 0, obs, r, out + static_cast<size_t>(r) * dim_);
  }
}

void History::shown(const void *key, uint32_t rows, const rlrec_tensor *obs, const int32_t *slates) {
  if (consumed_dim_ == 0) return;
  std::vector<Row> &book = rows_of(key, rows);
  for (uint32_t r = 0; r < rows; ++r) remember(book[r], obs, r, slates + static_cast<size_t>(r) * layout_.slate_size());
}

void History::logged_user_features(const rlrec_transition_batch &batch, size_t stride, float *out) {
  Row &row = rows_of(&logged_episode_, 1)[0];
  const size_t context = layout_.context_dim();
  for (uint32_t r = 0; r < batch.rows; ++r) {
    float *user = out + static_cast<size_t>(r) * stride;
    layout_.read_context(batch.obs, r, user);
    const bool start = batch.step_index[r] == 0 || batch.episode_id[r] != logged_episode_;
    advance(row, start, batch.obs, r, user + context);
    if (consumed_dim_ > 0) remember(row, batch.obs, r, batch.actions + static_cast<size_t>(r) * layout_.slate_size());
    logged_episode_ = batch.episode_id[r];
  }
}

void History::advance(Row &row, bool start, const rlrec_tensor *obs, uint32_t r, float *out) {
  const uint32_t k = layout_.slate_size();
  const uint32_t dr = layout_.response_dim();
  const uint32_t dd = layout_.item_dim();
  if (start) {
    row.steps = 0;
    std::fill(row.sums.begin(), row.sums.end(), 0.0f);
  } else {
    ++row.steps;
    if (consumed_dim_ > 0) {
      layout_.read_response(obs, r, response_.data());
      std::fill(consumed_.begin(), consumed_.end(), 0.0f);
      for (uint32_t l = 0; l < k; ++l) {
        const float click = response_[static_cast<size_t>(l) * dr + static_cast<uint32_t>(settings_.click_column)];
        if (click == 0.0f) continue;
        consumed_[0] += click;
        for (uint32_t j = 0; j < dr; ++j) consumed_[1 + j] += click * response_[static_cast<size_t>(l) * dr + j];
        for (uint32_t j = 0; j < dd; ++j) consumed_[1 + dr + j] += click * row.shown[static_cast<size_t>(l) * dd + j];
      }
      for (size_t b = 0; b < settings_.decays.size(); ++b) {
        float *sums = row.sums.data() + b * consumed_dim_;
        const auto decay = static_cast<float>(settings_.decays[b]);
        for (size_t j = 0; j < consumed_dim_; ++j) sums[j] = decay * sums[j] + consumed_[j];
      }
    }
  }
  if (settings_.step_feature) *out++ = static_cast<float>(row.steps);
  std::copy(row.sums.begin(), row.sums.end(), out);
}

void History::remember(Row &row, const rlrec_tensor *obs, uint32_t r, const int32_t *slate) {
  const uint32_t dd = layout_.item_dim();
  layout_.read_candidates(obs, r, candidates_.data());
  for (uint32_t l = 0; l < layout_.slate_size(); ++l)
    std::copy_n(candidates_.data() + static_cast<size_t>(slate[l]) * dd, dd, row.shown.data() + static_cast<size_t>(l) * dd);
}

}  // namespace rlrec::nn::agent
