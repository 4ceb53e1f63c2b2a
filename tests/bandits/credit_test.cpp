// Credit assignment for slates: who gets which target, with which weight.
#include "rlrec_bandit/credit.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace rlrec_bandit;

namespace {

struct Row {
  uint32_t slot;
  double target;
  double weight;
  bool operator==(const Row &o) const { return slot == o.slot && target == o.target && weight == o.weight; }
};

std::vector<Row> credit(Credit mode, double reward, std::optional<int32_t> clicked,
                        std::vector<double> discounts = {}) {
  std::vector<CreditedItem> out;
  assign_credit(mode, 3, reward, clicked, discounts, out);
  std::vector<Row> rows;
  for (const CreditedItem &c : out) rows.push_back({c.slot, c.target, c.weight});
  return rows;
}

}  // namespace

TEST_CASE("clicked: the click gets the reward, skipped items 0", "[credit]") {
  CHECK(credit(Credit::kClicked, 2.0, 1) == std::vector<Row>{{0, 0, 1}, {1, 2, 1}, {2, 0, 1}});
  CHECK(credit(Credit::kClicked, 0.0, -1) == std::vector<Row>{{0, 0, 1}, {1, 0, 1}, {2, 0, 1}});
}

TEST_CASE("cascade: nothing below the click", "[credit]") {
  CHECK(credit(Credit::kCascade, 2.0, 1) == std::vector<Row>{{0, 0, 1}, {1, 2, 1}});
  CHECK(credit(Credit::kCascade, 0.0, -1).size() == 3);
}

TEST_CASE("clicked_only: the click alone", "[credit]") {
  CHECK(credit(Credit::kClickedOnly, 2.0, 2) == std::vector<Row>{{2, 2, 1}});
  CHECK(credit(Credit::kClickedOnly, 0.0, -1).empty());
}

TEST_CASE("all_shown, and every mode without click information, credit the slate's reward", "[credit]") {
  const std::vector<Row> all = {{0, 2, 1}, {1, 2, 1}, {2, 2, 1}};
  CHECK(credit(Credit::kAllShown, 2.0, 0) == all);
  for (Credit mode : {Credit::kClicked, Credit::kCascade, Credit::kClickedOnly})
    CHECK(credit(mode, 2.0, std::nullopt) == all);
}

TEST_CASE("position discounts weigh skips by slot, never the click", "[credit]") {
  CHECK(credit(Credit::kClicked, 2.0, 1, {1.0, 0.5}) ==
        std::vector<Row>{{0, 0, 1.0}, {1, 2, 1.0}, {2, 0, 0.5}});  // a short list repeats its last value
  CHECK(credit(Credit::kAllShown, 2.0, 0, {1.0, 0.5, 0.25}) ==
        std::vector<Row>{{0, 2, 1.0}, {1, 2, 0.5}, {2, 2, 0.25}});
}
