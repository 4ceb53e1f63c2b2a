// rlrec_recsim/choice.hpp — RecSim's choice models (recsim/choice_model.py), as weights.
//
// Every model reduces to one nonnegative weight v per slate item, computed from the user's raw
// affinity a = score_document(user, doc) (u·d in interest evolution, affinity + quality in
// interest exploration), plus a no-click weight v0:
//   multinomial_proportional  v = a - min_normalizer            v0 = no_click_mass - min_normalizer
//   multinomial_logit         v = exp(a)                        v0 = exp(no_click_mass)
//                             (RecSim's softmax over [a..., no_click_mass], unnormalised;
//                              v0 = 0 when no_click_mass = -inf: no no-click option)
//   cascade_exponential       v = attention_prob * min(1, score_scaling * exp(a))
//   cascade_proportional      v = attention_prob * min(1, score_scaling * (a - min_normalizer))
// The two multinomial models are conditional: the user clicks item i with
// P = v_i / (v0 + sum_j v_j) and nothing with v0 / (...). The cascades examine the slots in order
// and click slot l with P = prod_{m<l} (1 - v_m) * v_l; nothing with the rest.
//
// Where RecSim asserts (a proportional score below min_normalizer, a cascade score_scaling * score
// above 1) the ports clamp instead — to 0 and to 1 — so that a long training run never dies on
// one unlucky draw; at RecSim's defaults neither clamp can trigger.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace rlrec_recsim {

enum class ChoiceKind : uint32_t {
  multinomial_proportional = 0,
  multinomial_logit = 1,
  cascade_exponential = 2,
  cascade_proportional = 3
};

// The '|'-separated CHOICE text of the plugins' schemas, in enum order.
inline constexpr const char *kChoiceKindNames =
    "multinomial_proportional|multinomial_logit|cascade_exponential|cascade_proportional";

struct ChoiceParams {
  ChoiceKind kind = ChoiceKind::multinomial_proportional;
  double no_click_mass = 1.0;
  double min_normalizer = -1.0;
  double attention_prob = 0.65;
  double score_scaling = 0.05;

  bool is_cascade() const noexcept {
    return kind == ChoiceKind::cascade_exponential || kind == ChoiceKind::cascade_proportional;
  }

  // The weight v of an item with raw affinity a (header comment).
  double weight(double a) const noexcept {
    switch (kind) {
      case ChoiceKind::multinomial_proportional:
        return std::max(0.0, a - min_normalizer);
      case ChoiceKind::multinomial_logit:
        return std::exp(a);
      case ChoiceKind::cascade_exponential:
        return attention_prob * std::min(1.0, score_scaling * std::exp(a));
      case ChoiceKind::cascade_proportional:
        return attention_prob * std::min(1.0, score_scaling * std::max(0.0, a - min_normalizer));
    }
    return 0.0;
  }

  // The no-click weight v0 of the conditional models; 0 for cascades, whose no-click probability
  // is what is left after the last slot.
  double no_click_weight() const noexcept {
    switch (kind) {
      case ChoiceKind::multinomial_proportional:
        return std::max(0.0, no_click_mass - min_normalizer);
      case ChoiceKind::multinomial_logit:
        return std::exp(no_click_mass);
      default:
        return 0.0;
    }
  }

  // RecSim's `choice_model.scores[0]` after scoring one document alone: the "expected utility"
  // that interest evolution's budget update weighs by user_quality_factor. The logit model
  // normalises it against the no-click option; the others return the item's weight.
  double single_item_score(double a) const noexcept {
    if (kind != ChoiceKind::multinomial_logit) return weight(a);
    const double m = std::max(a, no_click_mass);
    const double ea = std::exp(a - m);
    return ea / (ea + std::exp(no_click_mass - m));
  }
};

// Closed-form probabilities: p[0..k) for the slots, p[k] for no click. v: [k] item weights.
inline void choice_probabilities(const ChoiceParams &params, const double *v, uint32_t k, double *p) noexcept {
  if (params.is_cascade()) {
    double none = 1.0;
    for (uint32_t i = 0; i < k; ++i) {
      p[i] = none * v[i];
      none *= 1.0 - v[i];
    }
    p[k] = none;
    return;
  }
  const double v0 = params.no_click_weight();
  double total = v0;
  for (uint32_t i = 0; i < k; ++i) total += v[i];
  for (uint32_t i = 0; i < k; ++i) p[i] = total > 0 ? v[i] / total : 0.0;
  p[k] = total > 0 ? v0 / total : 1.0;
}

// The clicked slot (-1: none) of a conditional model, from one uniform u01 in [0, 1). Slots own
// consecutive intervals of [0, total) in slate order and the no-click option the last one, as in
// NumPy's choice over [scores..., no_click]. Rounding can leave r a hair past the last slot when
// v0 = 0; the draw then belongs to the last slot with positive weight, never to an impossible
// no-click.
inline int32_t sample_conditional(const double *v, uint32_t k, double v0, double u01) noexcept {
  double total = v0;
  for (uint32_t i = 0; i < k; ++i) total += v[i];
  double r = u01 * total;
  int32_t last_positive = -1;
  for (uint32_t i = 0; i < k; ++i) {
    if (v[i] > 0) last_positive = static_cast<int32_t>(i);
    if (r < v[i]) return static_cast<int32_t>(i);
    r -= v[i];
  }
  return v0 > 0 ? -1 : last_positive;
}

// The clicked slot (-1: none) of a cascade, from one uniform u01 in [0, 1): slot l owns an
// interval of length prod_{m<l}(1 - v_m) v_l, the no-click option the remainder.
inline int32_t sample_cascade(const double *v, uint32_t k, double u01) noexcept {
  double none = 1.0;
  double r = u01;
  for (uint32_t i = 0; i < k; ++i) {
    const double p = none * v[i];
    if (r < p) return static_cast<int32_t>(i);
    r -= p;
    none -= p;
  }
  return -1;
}

// One draw of the clicked slot under `params`, whatever its kind. v0 = params.no_click_weight(),
// which the models compute once rather than per step (it is an exp for the logit model).
inline int32_t sample_choice(const ChoiceParams &params, const double *v, uint32_t k, double v0, double u01) noexcept {
  return params.is_cascade() ? sample_cascade(v, k, u01) : sample_conditional(v, k, v0, u01);
}

}  // namespace rlrec_recsim
