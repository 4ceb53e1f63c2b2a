#include "item_inputs.hpp"

#include <algorithm>

namespace rlrec_slateq {

ItemInputs::ItemInputs(size_t user_dim, size_t item_dim, uint32_t candidates)
    : user_dim_(user_dim),
      item_dim_(item_dim),
      n_(candidates),
      user_(user_dim),
      item_(item_dim),
      user_scratch_(static_cast<Eigen::Index>(user_dim)),
      item_scratch_(static_cast<Eigen::Index>(item_dim)) {}

void ItemInputs::accumulate(const float *user, const float *candidates) {
  user_.accumulate(user);
  for (uint32_t i = 0; i < n_; ++i) item_.accumulate(candidates + i * item_dim_);
}

void ItemInputs::fit() {
  user_.fit();
  item_.fit();
}

void ItemInputs::write_user(Eigen::MatrixXf &x, Eigen::Index col) const {
  std::copy_n(user_scratch_.data(), user_dim_, x.col(col).data());
}

void ItemInputs::write_item(const float *features, Eigen::MatrixXf &x, Eigen::Index col) const {
  float *dst = x.col(col).data() + user_dim_;
  if (features == nullptr) {
    std::fill_n(dst, item_dim_, 0.0f);
    dst[item_dim_] = 1.0f;
    return;
  }
  std::copy_n(features, item_dim_, dst);
  item_.apply(dst);
  dst[item_dim_] = 0.0f;
}

void ItemInputs::state(const float *user, const float *candidates, Eigen::MatrixXf &x, Eigen::Index col) {
  std::copy_n(user, user_dim_, user_scratch_.data());
  user_.apply(user_scratch_.data());
  for (uint32_t i = 0; i <= n_; ++i) {
    write_user(x, col + i);
    write_item(i < n_ ? candidates + i * item_dim_ : nullptr, x, col + i);
  }
}

void ItemInputs::item(const float *user, const float *candidates, int item, Eigen::MatrixXf &x, Eigen::Index col) {
  std::copy_n(user, user_dim_, user_scratch_.data());
  user_.apply(user_scratch_.data());
  write_user(x, col);
  write_item(item >= 0 ? candidates + static_cast<size_t>(item) * item_dim_ : nullptr, x, col);
}

void ItemInputs::save(rlrec::nn::ByteWriter &out) const {
  user_.save(out);
  item_.save(out);
}

void ItemInputs::load(rlrec::nn::ByteReader &in) {
  rlrec::nn::Standardizer user = user_, item = item_;
  user.load(in);
  item.load(in);
  user_ = std::move(user);
  item_ = std::move(item);
}

}  // namespace rlrec_slateq
