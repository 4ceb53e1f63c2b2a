#include "ope_target.hpp"

#include <rlrec_data/errors.hpp>

#include <cstring>

#include "errors.hpp"

namespace rlrec::cli {
namespace {

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
      policy_id_(engine.config().policy.plugin),
      fields_(core::obs_fields_of(engine.env_spec())),
      slate_(static_cast<uint32_t>(engine.env_spec().action_space.shape[0])),
      candidates_(static_cast<uint32_t>(engine.env_spec().action_space.n)),
      // The policy was created for num_envs rows; batches of that size are what it expects.
      obs_(fields_, std::max<uint32_t>(engine.env_spec().num_envs, 1)),
      act_(obs_.rows(), slate_),
      pending_(obs_.rows()),
      logged_(static_cast<std::size_t>(obs_.rows()) * slate_),
      slate_prob_(obs_.rows()),
      slot_prob_(static_cast<std::size_t>(obs_.rows()) * slate_),
      item_prob_(static_cast<std::size_t>(obs_.rows()) * slate_ * candidates_) {}

void TargetScorer::fill_row(uint32_t row, const rlrec_data::Decision &d) {
  if (d.slate.size() != slate_)
    throw rlrec_data::DataError("a logged slate has " + std::to_string(d.slate.size()) +
                                " slots, the target policy's " + std::to_string(slate_));
  for (uint32_t l = 0; l < slate_; ++l) {
    if (d.slate[l] < 0 || static_cast<uint32_t>(d.slate[l]) >= candidates_)
      throw rlrec_data::DataError("a logged slate shows candidate " + std::to_string(d.slate[l]) + ", outside 0.." +
                                  std::to_string(candidates_ - 1) + " of the target policy");
    logged_[static_cast<std::size_t>(row) * slate_ + l] = d.slate[l];
  }
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
  for (uint32_t r = 0; r < count_; ++r) fill_row(r, pending_[r]);
  std::vector<rlrec_tensor> tensors(fields_.size());
  obs_.slice(0, count_, tensors.data());
  rlrec_act_input in{};
  in.struct_size = sizeof in;
  in.rows = count_;
  in.mode = mode_;
  in.obs = tensors.data();
  score(in);
  const std::size_t per_row = static_cast<std::size_t>(slate_) * candidates_;
  for (uint32_t r = 0; r < count_; ++r) {
    TargetView view;
    view.slate_prob = slate_prob_[r];
    view.slot_prob = std::span<const double>(slot_prob_).subspan(static_cast<std::size_t>(r) * slate_, slate_);
    view.item_prob = std::span<const double>(item_prob_).subspan(r * per_row, per_row);
    sink(pending_[r], view);
  }
  count_ = 0;
}

void TargetScorer::score(const rlrec_act_input &in) {
  if (engine_.scores_slates())
    engine_.score_slates(in, logged_.data(), slate_prob_.data(), slot_prob_.data(), item_prob_.data());
  else
    score_by_act(in);
}

void TargetScorer::score_by_act(const rlrec_act_input &in) {
  rlrec_act_output out = act_.slice(0, count_);
  engine_.act(in, out);
  std::fill(item_prob_.begin(), item_prob_.end(), 0.0);
  for (uint32_t r = 0; r < count_; ++r) {
    const float p = act_.slate_prob[r];
    if (p != 1.0f)
      throw core::ConfigError("the target policy '" + policy_id_ + "' is stochastic in this mode (slate_prob " +
                              std::to_string(p) + ") and does not offer " RLREC_EXT_POLICY_SLATE_PROBABILITY
                              ", so the probability of a logged slate is unknown (act gives only that of the "
                              "slate it picks): evaluate its greedy mode (without --explore) or a policy that "
                              "scores slates (docs/ope.md)");
    // Deterministic: every probability is an indicator of the target's own slate.
    bool same = true;
    for (uint32_t l = 0; l < slate_; ++l) {
      const std::size_t at = static_cast<std::size_t>(r) * slate_ + l;
      const int32_t own = act_.slates[at];
      same = same && own == logged_[at];
      slot_prob_[at] = own == logged_[at] ? 1.0 : 0.0;
      item_prob_[at * candidates_ + static_cast<uint32_t>(own)] = 1.0;
    }
    slate_prob_[r] = same ? 1.0 : 0.0;
  }
}

}  // namespace rlrec::cli
