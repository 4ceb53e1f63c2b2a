#include "ope_target.hpp"

#include <rlrec_data/errors.hpp>

#include <cstring>

#include "errors.hpp"

namespace rlrec::cli {
namespace {

constexpr const char *kUniformPolicy = "random";

template <class T>
void store(uint8_t *row, const std::vector<double> &values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const T v = static_cast<T>(values[i]);
    std::memcpy(row + i * sizeof(T), &v, sizeof(T));
  }
}

std::string shape_text(const int64_t *shape, std::size_t rank) {
  std::string s = "[";
  for (std::size_t i = 0; i < rank; ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

}  // namespace

TargetScorer::TargetScorer(core::Engine &engine, uint32_t mode)
    : engine_(engine),
      mode_(mode),
      uniform_(engine.config().policy.plugin == kUniformPolicy),
      policy_id_(engine.config().policy.plugin),
      fields_(core::obs_fields_of(engine.env_spec())),
      // The policy was created for num_envs rows; batches of that size are what it expects.
      obs_(fields_, std::max<uint32_t>(engine.env_spec().num_envs, 1)),
      act_(obs_.rows(), static_cast<uint32_t>(engine.env_spec().action_space.shape[0])),
      pending_(obs_.rows()),
      slot_prob_(static_cast<uint32_t>(engine.env_spec().action_space.shape[0])) {}

void TargetScorer::fill_obs(uint32_t row, const rlrec_data::Decision &d) {
  for (std::size_t f = 0; f < fields_.size(); ++f) {
    const rlrec_field &field = fields_[f];
    const rlrec_data::NamedArray *logged = nullptr;
    for (const rlrec_data::NamedArray &a : d.obs)
      if (a.name == field.name) logged = &a;
    if (logged == nullptr)
      throw rlrec_data::DataError(std::string("the dataset has no observation field '") + field.name +
                                  "', which the target policy needs");
    const rlrec_space &space = field.space;
    if (logged->shape.size() != space.rank ||
        !std::equal(logged->shape.begin(), logged->shape.end(), space.shape))
      throw rlrec_data::DataError(std::string("observation field '") + field.name + "' has shape " +
                                  shape_text(logged->shape.data(), logged->shape.size()) + " in the dataset, " +
                                  shape_text(space.shape, space.rank) + " for the target policy");
    uint8_t *dst = obs_.row(f, row);
    switch (space.dtype) {
      case RLREC_DTYPE_F32: store<float>(dst, logged->values); break;
      case RLREC_DTYPE_F64: store<double>(dst, logged->values); break;
      case RLREC_DTYPE_I32: store<int32_t>(dst, logged->values); break;
      case RLREC_DTYPE_I64: store<int64_t>(dst, logged->values); break;
      default: store<uint8_t>(dst, logged->values); break;
    }
  }
}

void TargetScorer::push(rlrec_data::Decision &d, const Sink &sink) {
  std::swap(pending_[count_++], d);
  if (count_ == pending_.size()) flush(sink);
}

void TargetScorer::flush(const Sink &sink) {
  if (count_ == 0) return;
  for (uint32_t r = 0; r < count_; ++r) fill_obs(r, pending_[r]);
  std::vector<rlrec_tensor> tensors(fields_.size());
  obs_.slice(0, count_, tensors.data());
  rlrec_act_input in{};
  in.struct_size = sizeof in;
  in.rows = count_;
  in.mode = mode_;
  in.obs = tensors.data();
  rlrec_act_output out = act_.slice(0, count_);
  engine_.act(in, out);

  const std::size_t slate = act_.slate_size;
  for (uint32_t r = 0; r < count_; ++r) {
    const rlrec_data::Decision &d = pending_[r];
    const std::span<const int32_t> own(act_.slates.data() + r * slate, slate);
    TargetView view;
    view.own_slate = own;
    view.uniform = uniform_;
    const float p = act_.slate_prob[r];
    if (uniform_) {
      view.slate_prob = p;
      for (std::size_t l = 0; l < slate; ++l) slot_prob_[l] = act_.slot_propensity[r * slate + l];
    } else if (p == 1.0f) {
      view.slate_prob = std::equal(own.begin(), own.end(), d.slate.begin(), d.slate.end()) ? 1.0 : 0.0;
      for (std::size_t l = 0; l < slate; ++l) slot_prob_[l] = own[l] == d.slate[l] ? 1.0 : 0.0;
    } else {
      throw core::ConfigError("the target policy '" + policy_id_ + "' is stochastic in this mode (slate_prob " +
                              std::to_string(p) +
                              "), and the policy ABI gives only the probability of the slate a policy picks, not "
                              "of the logged one: evaluate its greedy mode (without --explore), a deterministic "
                              "policy, or `random`");
    }
    view.slot_prob = slot_prob_;
    sink(d, view);
  }
  count_ = 0;
}

}  // namespace rlrec::cli
