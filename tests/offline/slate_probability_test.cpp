// rlrec.policy.slate_probability/1 of bc and marwil: the per-slot softmax's exact slate
// probabilities and marginals when they sample (EXPLORE, or GREEDY with sample_greedy), the top-k
// indicator when they do not; the shared checks on a policy trained briefly on the feed env.
#include <catch2/catch.hpp>
#include <string>

#include "driver.hpp"
#include "slate_probability_checks.hpp"

using slateq_test::Driver;

TEST_CASE("bc and marwil score any slate exactly, as they act", "[slate_probability]") {
  const std::string params = "{hidden: [8], batch_size: 8, buffer_capacity: 200";
  for (const char *plugin : {"bc", "marwil"}) {
    for (const std::string extra : {"", ", sample_greedy: true"}) {
      Driver driver("example.feed", "{num_candidates: 5, slate_size: 2, budget: 10}", 3, plugin, params + extra + "}",
                    9);
      driver.train(40);
      for (const uint32_t mode : {RLREC_ACT_EXPLORE, RLREC_ACT_GREEDY}) {
        INFO(plugin << extra << (mode == RLREC_ACT_EXPLORE ? " explore" : " greedy"));
        rlrec_test::check_slate_probability(driver.policy(), driver.input(mode), 2, 5, 1000);
      }
    }
  }
}
