#include "rlrec_bandit/credit.hpp"

#include <algorithm>

namespace rlrec_bandit {
namespace {

double discount(std::span<const double> discounts, uint32_t slot) {
  if (discounts.empty()) return 1.0;
  return discounts[std::min<std::size_t>(slot, discounts.size() - 1)];
}

}  // namespace

void assign_credit(Credit mode, uint32_t slate_size, double reward, std::optional<int32_t> clicked,
                   std::span<const double> discounts, std::vector<CreditedItem> &out) {
  out.clear();
  if (!clicked.has_value() || mode == Credit::kAllShown) {
    for (uint32_t l = 0; l < slate_size; ++l) out.push_back({l, reward, discount(discounts, l)});
    return;
  }
  const int32_t click = *clicked;
  if (mode == Credit::kClickedOnly) {
    if (click >= 0) out.push_back({static_cast<uint32_t>(click), reward, 1.0});
    return;
  }
  // kClicked / kCascade: without a click the user examined (and skipped) the whole slate.
  const uint32_t examined = mode == Credit::kCascade && click >= 0 ? static_cast<uint32_t>(click) + 1 : slate_size;
  for (uint32_t l = 0; l < examined; ++l) {
    if (static_cast<int32_t>(l) == click)
      out.push_back({l, reward, 1.0});
    else
      out.push_back({l, 0.0, discount(discounts, l)});
  }
}

}  // namespace rlrec_bandit
