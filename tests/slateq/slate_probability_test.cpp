// rlrec.policy.slate_probability/1 of slateq and dqn: ε-greedy around their greedy slate, exact
// in both modes (the shared checks, on episode starts), and scoring mid-episode neither advances
// the episode history nor records anything: a policy that scored every step acts and learns as
// its twin that did not, and act's probabilities are the ones scored just before. Also `random`,
// which this driver loads like the engine does (it has no static library of its own).
#include <catch2/catch.hpp>

#include "driver.hpp"
#include "slate_probability_checks.hpp"

using slateq_test::Driver;

namespace {

const char *kFeed = "{num_candidates: 6, slate_size: 2, budget: 10}";

// Constant ε, so act's distribution stays put while the checks draw from it.
const std::pair<const char *, const char *> kPolicies[] = {
    {"slateq",
     "{hidden: [16], batch_size: 8, learning_starts: 32, train_every: 4, history_decays: [1.0, 0.5], "
     "epsilon_start: 0.3, epsilon_end: 0.3, epsilon_eval: 0.05}"},
    {"dqn",
     "{hidden: [16], batch_size: 8, learning_starts: 32, train_every: 4, history_decays: [1.0], "
     "epsilon_start: 0.3, epsilon_end: 0.3}"}};

}  // namespace

TEST_CASE("slateq and dqn score any slate exactly, as they act", "[slate_probability]") {
  for (const auto &[plugin, params] : kPolicies) {
    for (const uint32_t mode : {RLREC_ACT_EXPLORE, RLREC_ACT_GREEDY}) {
      INFO(plugin << (mode == RLREC_ACT_EXPLORE ? " explore" : " greedy"));
      Driver driver("example.feed", kFeed, 4, plugin, params, 7);
      driver.train(60);
      rlrec_act_input in = driver.input(mode);
      in.episode_start = nullptr;  // every row starts afresh: act's history never moves
      rlrec_test::check_slate_probability(driver.policy(), in, 2, 6, 1000);
    }
  }
}

TEST_CASE("scoring mid-episode changes nothing slateq or dqn do next", "[slate_probability]") {
  for (const auto &[plugin, params] : kPolicies) {
    INFO(plugin);
    Driver scored("example.feed", kFeed, 4, plugin, params, 3);
    Driver twin("example.feed", kFeed, 4, plugin, params, 3);
    const rlrec_policy_slate_probability *ext = rlrec_test::slate_probability_of(scored.policy());
    REQUIRE(ext != nullptr);
    std::vector<int32_t> slates(8);
    std::vector<double> prob(4 * 36);  // [tuple, row]
    for (int step = 0; step < 40; ++step) {
      // Every ordered pair of the 6 candidates, each scored for the 4 rows of this step.
      const rlrec_act_input in = scored.input(RLREC_ACT_EXPLORE);
      for (int t = 0; t < 36; ++t) {
        for (int r = 0; r < 4; ++r) slates[2 * r] = t % 6, slates[2 * r + 1] = t / 6;
        REQUIRE(ext->score(scored.policy().handle, &in, slates.data(), prob.data() + 4 * t, nullptr, nullptr) ==
                RLREC_OK);
      }
      scored.train(1, &twin);  // acts and learns both; their slates must agree
      for (int r = 0; r < 4; ++r) {
        const int32_t *slate = scored.last_slates().data() + 2 * r;
        CHECK(scored.last_slate_prob()[r] == Approx(prob[4 * (slate[0] + 6 * slate[1]) + r]).epsilon(1e-6));
      }
    }
    CHECK(scored.save() == twin.save());
  }
}

TEST_CASE("random scores every valid slate uniformly, in both modes", "[slate_probability]") {
  Driver driver("example.feed", kFeed, 4, "random", "{}", 5);
  for (const uint32_t mode : {RLREC_ACT_EXPLORE, RLREC_ACT_GREEDY}) {
    INFO((mode == RLREC_ACT_EXPLORE ? "explore" : "greedy"));
    rlrec_test::check_slate_probability(driver.policy(), driver.input(mode), 2, 6, 1000);
  }
}
