// rlrec_support/slate_probability.hpp — the plugin side of the extension
// rlrec.policy.slate_probability/1 (rlrec/ext/slate_probability.h): checking a call, writing
// each row's outputs from the distribution the policy draws from, and the extension table.
//
// Most built-in policies draw ε-greedy around a slate of their own choosing (ε = 0: a
// deterministic policy; ε = 1: the uniform one), which EpsilonGreedySlates
// (epsilon_greedy_slates.hpp) gives in closed form.
#pragma once

#include <rlrec/ext/slate_probability.h>

#include <cstdint>
#include <string>

#include "boundary.hpp"
#include "epsilon_greedy_slates.hpp"

namespace rlrec_support {

// One score() call: checks its arguments, then takes the rows one by one.
class SlateScores {
 public:
  // k slots, n candidates; `who` starts every message. Throws Error(INVALID_ARGUMENT) for a NULL
  // in, slates or slate_prob, or a slate entry outside [0, n).
  SlateScores(const std::string &who, const rlrec_act_input *in, const int32_t *slates, double *slate_prob,
              double *slot_prob, double *item_prob, uint32_t k, uint32_t n)
      : slates_(slates), slate_prob_(slate_prob), slot_prob_(slot_prob), item_prob_(item_prob), k_(k), n_(n) {
    if (in == nullptr || slates == nullptr || slate_prob == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, who + ".slate_probability: input, slates or slate_prob is NULL");
    rows_ = in->rows;
    for (uint32_t r = 0; r < rows_; ++r)
      for (uint32_t l = 0; l < k_; ++l)
        if (const int32_t i = slate(r)[l]; i < 0 || static_cast<uint32_t>(i) >= n_)
          fail(RLREC_ERR_INVALID_ARGUMENT, who + ".slate_probability: row " + std::to_string(r) + " slot " +
                                               std::to_string(l) + " is candidate " + std::to_string(i) +
                                               ", outside 0.." + std::to_string(n_ - 1));
  }

  uint32_t rows() const { return rows_; }
  const int32_t *slate(uint32_t r) const { return slates_ + static_cast<std::size_t>(r) * k_; }

  // Row r: the slate's probability p, and item(l, i) = P(slot l shows candidate i).
  template <class ItemProb>
  void write(uint32_t r, double p, ItemProb &&item) {
    slate_prob_[r] = p;
    for (uint32_t l = 0; l < k_; ++l) {
      const std::size_t at = static_cast<std::size_t>(r) * k_ + l;
      if (slot_prob_ != nullptr) slot_prob_[at] = item(l, slate(r)[l]);
      if (item_prob_ != nullptr)
        for (uint32_t i = 0; i < n_; ++i) item_prob_[at * n_ + i] = item(l, static_cast<int32_t>(i));
    }
  }

  template <class Mask>
  void write(uint32_t r, const EpsilonGreedySlates<Mask> &d) {
    write(r, d.slate_prob(slate(r)), [&](uint32_t l, int32_t i) { return d.item_prob(l, i); });
  }

 private:
  const int32_t *slates_;
  double *slate_prob_, *slot_prob_, *item_prob_;
  uint32_t rows_ = 0, k_, n_;
};

// The extension table of a policy class whose instances are the handles: Policy has
//     std::string error;   // the last_error text
//     void score(const rlrec_act_input *in, const int32_t *slates, double *slate_prob,
//                double *slot_prob, double *item_prob);   // throws to fail
template <class Policy>
struct SlateProbabilityExtension {
  static rlrec_status score(void *handle, const rlrec_act_input *in, const int32_t *slates, double *slate_prob,
                            double *slot_prob, double *item_prob) {
    Policy *p = static_cast<Policy *>(handle);
    return guard(p->error, [&] { p->score(in, slates, slate_prob, slot_prob, item_prob); });
  }
  static constexpr rlrec_policy_slate_probability table = {sizeof(rlrec_policy_slate_probability), 0, score};
};

}  // namespace rlrec_support
