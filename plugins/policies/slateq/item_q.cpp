#include "item_q.hpp"

#include <cmath>
#include <stdexcept>

namespace rlrec_slateq {

ItemQ::Part ItemQ::make_part(int inputs, const rlrec::nn::agent::QSettings &settings, rlrec::nn::Rng &rng) const {
  std::vector<int> sizes{inputs};
  sizes.insert(sizes.end(), settings.hidden.begin(), settings.hidden.end());
  sizes.push_back(1);
  Part part;
  part.online = rlrec::nn::Mlp<float>(sizes, settings.activation, rlrec::nn::Activation::kLinear);
  part.online.init(rng);
  part.target = part.online;
  part.averaged = part.online;
  part.optimizer = rlrec::nn::Optimizer(settings.optimizer, part.online.num_params());
  return part;
}

ItemQ::ItemQ(int user_dim, int item_dim, bool dueling, float act_average,
             const rlrec::nn::agent::QSettings &settings, rlrec::nn::Rng &rng)
    : user_dim_(user_dim),
      item_dim_(item_dim),
      dueling_(dueling),
      loss_(settings.loss),
      huber_delta_(settings.huber_delta),
      grad_clip_(settings.grad_clip),
      tau_(settings.tau),
      act_average_(act_average),
      value_(make_part(dueling ? user_dim : user_dim + item_dim + 1, settings, rng)) {
  if (dueling) advantage_ = make_part(user_dim + item_dim, settings, rng);
}

Eigen::MatrixXf ItemQ::values(Net net, const Eigen::MatrixXf &x) const {
  auto of = [this, net](const Part &part) -> const rlrec::nn::Mlp<float> & {
    if (net == Net::kTarget) return part.target;
    return net == Net::kActing && act_average_ > 0.0f ? part.averaged : part.online;
  };
  if (!dueling_) return of(value_).forward(x);
  Eigen::MatrixXf q = of(value_).forward(x.topRows(user_dim_));
  const Eigen::MatrixXf a = of(advantage_).forward(x.topRows(user_dim_ + item_dim_));
  const auto null_row = static_cast<Eigen::Index>(user_dim_ + item_dim_);
  for (Eigen::Index c = 0; c < x.cols(); ++c)
    if (x(null_row, c) == 0.0f) q(0, c) += a(0, c);
  return q;
}

ItemQ::Update ItemQ::regress(const Eigen::MatrixXf &x, const Eigen::VectorXf &y, const Eigen::VectorXf *weights) {
  const Eigen::Index batch = x.cols();
  if (y.size() != batch) throw std::invalid_argument("ItemQ::regress: inputs and targets differ in batch size");
  Update update;
  Eigen::VectorXf is_item;  // 1 for item columns, 0 for the null item (dueling: A(s, none) = 0)
  if (dueling_) {
    const Eigen::MatrixXf &v = value_.online.forward(x.topRows(user_dim_), value_.cache);
    const Eigen::MatrixXf &a = advantage_.online.forward(x.topRows(user_dim_ + item_dim_), advantage_.cache);
    is_item = (x.row(user_dim_ + item_dim_).array() == 0.0f).cast<float>().transpose();
    update.prediction = v.row(0).transpose() + is_item.cwiseProduct(a.row(0).transpose());
  } else {
    update.prediction = value_.online.forward(x, value_.cache).row(0).transpose();
  }
  Eigen::VectorXf dq;
  update.loss = rlrec::nn::regression_loss<float>(loss_, huber_delta_, update.prediction, y, weights, dq);

  value_.grad.setZero(value_.online.num_params());
  value_.online.backward(value_.cache, dq.transpose(), value_.grad);
  float squared = value_.grad.squaredNorm();
  if (dueling_) {
    advantage_.grad.setZero(advantage_.online.num_params());
    advantage_.online.backward(advantage_.cache, dq.cwiseProduct(is_item).transpose(), advantage_.grad);
    squared += advantage_.grad.squaredNorm();
  }
  // Clipping by the norm of both gradients together, as if they were one network's.
  update.grad_norm = std::sqrt(squared);
  const float scale = grad_clip_ > 0.0f && update.grad_norm > grad_clip_ ? grad_clip_ / update.grad_norm : 1.0f;
  for (Part *part : {&value_, dueling_ ? &advantage_ : nullptr}) {
    if (part == nullptr) continue;
    part->grad *= scale;
    part->optimizer.step(part->online.params(), part->grad);
    if (tau_ > 0.0f) part->target.blend_from(part->online, tau_);
    if (act_average_ > 0.0f) part->averaged.blend_from(part->online, act_average_);
  }
  return update;
}

void ItemQ::sync() {
  value_.target.copy_from(value_.online);
  if (dueling_) advantage_.target.copy_from(advantage_.online);
}

void ItemQ::save(rlrec::nn::ByteWriter &out) const {
  for (const Part *part : {&value_, dueling_ ? &advantage_ : nullptr}) {
    if (part == nullptr) continue;
    part->online.save(out);
    part->target.save(out);
    part->averaged.save(out);
    part->optimizer.save(out);
  }
}

void ItemQ::load(rlrec::nn::ByteReader &in) {
  Part value = value_, advantage = advantage_;
  for (Part *part : {&value, dueling_ ? &advantage : nullptr}) {
    if (part == nullptr) continue;
    part->online.load(in);
    part->target.load(in);
    part->averaged.load(in);
    part->optimizer.load(in);
  }
  value_ = std::move(value);
  advantage_ = std::move(advantage);
}

}  // namespace rlrec_slateq
