// The generators every model draws from: uniform, bounded integers, the ziggurat normal (all
// three of its paths), categorical draws, and the separation of an episode's streams.
#include "rlrec_recsim/episode_rngs.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "stats.hpp"

using namespace rlrec_recsim;
using namespace recsim_test;

namespace {

Rng seeded(uint64_t seed) {
  Rng rng;
  rng.seed(seed);
  return rng;
}

// P(|Z| > x) for a standard normal.
double two_sided_tail(double x) {
  return std::erfc(x / std::sqrt(2.0));
}

}  // namespace

TEST_CASE("uniform draws are U[0, 1)", "[rng]") {
  Rng rng = seeded(1);
  Moments m;
  BernoulliTally below_tenth;
  for (int i = 0; i < 1000000; ++i) {
    const double u = uniform(rng);
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    m.add(u);
    below_tenth.add(u < 0.1, 0.1);
  }
  check_mean(m, 0.5, std::sqrt(1.0 / 12.0), "uniform mean");
  check_variance(m, std::sqrt(1.0 / 12.0), "uniform variance", -1.2);
  check_tally(below_tenth, "P(U < 0.1)");
}

TEST_CASE("below(n) is uniform on [0, n), also where rejection matters", "[rng]") {
  Rng rng = seeded(2);
  for (uint32_t n : {1u, 7u, 20u}) {
    std::vector<int> counts(n, 0);
    const int draws = 200000;
    for (int i = 0; i < draws; ++i) {
      const uint32_t x = below(rng, n);
      REQUIRE(x < n);
      ++counts[x];
    }
    for (uint32_t v = 0; v < n; ++v) {
      BernoulliTally t;
      t.observed = counts[v];
      t.expected = draws / static_cast<double>(n);
      t.variance = draws * (1.0 / n) * (1.0 - 1.0 / n);
      t.draws = draws;
      check_tally(t, "below(" + std::to_string(n) + ") == " + std::to_string(v));
    }
  }
  // n = 3 * 2^30: 2^32 / n = 4/3, so without the rejection step the multiply-shift maps two
  // 32-bit inputs to every multiple of 3 and one to the others: residue 0 would get half the mass.
  const uint32_t big = 3u << 30;
  BernoulliTally residue0;
  for (int i = 0; i < 400000; ++i) residue0.add(below(rng, big) % 3 == 0, 1.0 / 3.0);
  check_tally(residue0, "below(3 * 2^30) % 3 == 0");
}

TEST_CASE("the ziggurat normal has N(0, 1) moments and tails, through every path", "[rng]") {
  Rng rng = seeded(3);
  Moments m;
  BernoulliTally beyond1, beyond2, tail, positive_tail, deep_tail;
  const double r = 3.442619855899;  // the ziggurat's tail start: draws beyond it take the tail path
  const int draws = 4000000;
  for (int i = 0; i < draws; ++i) {
    const double z = normal(rng);
    m.add(z);
    beyond1.add(std::fabs(z) > 1.0, two_sided_tail(1.0));
    beyond2.add(std::fabs(z) > 2.0, two_sided_tail(2.0));
    tail.add(std::fabs(z) > r, two_sided_tail(r));
    positive_tail.add(z > r, two_sided_tail(r) / 2);
    deep_tail.add(std::fabs(z) > 4.0, two_sided_tail(4.0));  // the shape inside the tail
  }
  check_mean(m, 0.0, 1.0, "normal mean");
  check_variance(m, 1.0, "normal variance");
  check_tally(beyond1, "P(|Z| > 1)");
  check_tally(beyond2, "P(|Z| > 2)");
  check_tally(tail, "P(|Z| > R)");
  check_tally(positive_tail, "P(Z > R)");
  check_tally(deep_tail, "P(|Z| > 4)");
}

TEST_CASE("categorical draws follow unnormalised cumulative weights", "[rng]") {
  Rng rng = seeded(4);
  const double cdf[3] = {1.0, 3.0, 6.0};  // weights 1, 2, 3
  BernoulliTally t0, t1, t2;
  for (int i = 0; i < 300000; ++i) {
    const uint32_t x = categorical(rng, cdf, 3);
    t0.add(x == 0, 1.0 / 6);
    t1.add(x == 1, 2.0 / 6);
    t2.add(x == 2, 3.0 / 6);
  }
  check_tally(t0, "weight 1 of 6");
  check_tally(t1, "weight 2 of 6");
  check_tally(t2, "weight 3 of 6");
}

TEST_CASE("an episode's user and document streams are distinct, and the catalogue is shared", "[rng]") {
  EpisodeRngs a = episode_rngs(11, -1);
  EpisodeRngs again = episode_rngs(11, -1);
  EpisodeRngs b = episode_rngs(12, -1);
  const uint64_t a_user = a.user.next();
  CHECK(a_user == again.user.next());
  CHECK(a_user != a.docs.next());
  CHECK(a_user != b.user.next());

  // document_seed >= 0: the documents no longer depend on the episode seed, the user still does.
  EpisodeRngs c = episode_rngs(11, 5);
  EpisodeRngs d = episode_rngs(99, 5);
  CHECK(c.docs.next() == d.docs.next());
  CHECK(c.user.next() != d.user.next());
  EpisodeRngs e = episode_rngs(5, 5);  // same value as seed and as catalogue: different streams
  CHECK(e.user.next() != episode_rngs(0, 5).docs.next());
}
