// rlrec_bandit/credit.hpp — credit assignment: which shown items a slate's reward teaches the
// model about, with what target and what weight.
//
// A slate gets one reward per step; the model predicts the reward of one item. The env's
// `clicked_slot` info channel says which item earned it:
//   kClicked     (default) the clicked item gets the reward; the shown-but-skipped items get 0
//                (the user saw them and preferred something else, or nothing). No click: every
//                shown item gets 0.
//   kCascade     as kClicked, but items below the click get no update: under a cascade model
//                the user never looked at them, so a 0 there would be a false negative.
//   kClickedOnly only the clicked item is updated, with the reward; skips teach nothing. The
//                model then estimates the reward given a click, not the click probability.
//   kAllShown    every shown item gets the slate's reward (slate-level credit). This is also
//                what every mode falls back to when the env has no `clicked_slot` channel: with
//                no way to tell the items apart, each one is credited with what the slate earned,
//                which ranks items by the reward of the slates they appear in.
//
// Position discounts (optional): weight[l] scales the evidence from slot l for an item that
// was NOT clicked — users look at lower slots less, so a skip there says less. A clicked item's
// update always has weight 1; under kAllShown every update is weighted by its slot.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace rlrec_bandit {

enum class Credit : uint32_t { kClicked = 0, kAllShown = 1, kClickedOnly = 2, kCascade = 3 };

struct CreditedItem {
  uint32_t slot;
  double target;
  double weight;
};

// Fills `out` (cleared first) for one transition.
//   slate_size: slots shown; reward: the step's reward;
//   clicked:    the clicked slot, -1 for no click; std::nullopt when the env reports no clicks;
//   discounts:  per-slot weights, empty = all 1; shorter than the slate = its last value repeats.
// REQUIRES: clicked is -1 or in [0, slate_size).
void assign_credit(Credit mode, uint32_t slate_size, double reward, std::optional<int32_t> clicked,
                   std::span<const double> discounts, std::vector<CreditedItem> &out);

}  // namespace rlrec_bandit
