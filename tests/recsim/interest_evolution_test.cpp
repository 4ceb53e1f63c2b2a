// Interest evolution against specs/recsim.md §2: documents, users, the choice frequencies of
// every choice model, the response, the interest update and the budget, termination.
#include "rlrec_recsim/interest_evolution.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "slates.hpp"
#include "stats.hpp"

using namespace rlrec_recsim;
using namespace recsim_test;

namespace {

// Steps sub-env 0 of `env` for `steps` steps with random slates, resetting at the end of every
// episode, and hands each step to `check(pre, slate, response, info, result)` where `pre` is the
// state before the step.
struct PreState {
  std::vector<double> u;
  double budget;
  std::vector<uint32_t> cluster;
  std::vector<double> quality;
};

template <class Check>
void run(InterestEvolution &env, int steps, uint64_t seed, Check check) {
  const uint32_t n = env.params().slate.num_candidates;
  const uint32_t k = env.params().slate.slate_size;
  const uint32_t t = env.num_topics();
  Rng policy = test_rng(seed);
  std::vector<float> response(static_cast<size_t>(k) * kIeResponseDim);
  float info[kIeInfoDim];
  uint64_t episode = seed * 1000;
  env.reset(0, episode);
  for (int s = 0; s < steps; ++s) {
    PreState pre;
    pre.u.assign(env.interests(0), env.interests(0) + t);
    pre.budget = env.budget(0);
    for (uint32_t i = 0; i < n; ++i) {
      pre.cluster.push_back(env.cluster(0, i));
      pre.quality.push_back(env.quality(0, i));
    }
    const std::vector<int32_t> slate = random_slate(policy, n, k);
    const StepResult result = env.step(0, slate.data(), response.data(), info);
    check(pre, slate, response, info, result);
    if (result.terminated) env.reset(0, ++episode);
  }
}

// The choice weights of the spec, written out independently of choice.hpp.
double weight(const ChoiceParams &p, double a) {
  switch (p.kind) {
    case ChoiceKind::multinomial_proportional:
      return a - p.min_normalizer;
    case ChoiceKind::multinomial_logit:
      return std::exp(a);
    case ChoiceKind::cascade_exponential:
      return p.attention_prob * p.score_scaling * std::exp(a);
    case ChoiceKind::cascade_proportional:
      return p.attention_prob * p.score_scaling * (a - p.min_normalizer);
  }
  return 0;
}

}  // namespace

TEST_CASE("IE cluster means are RecSim's two linspaces", "[ie]") {
  const InterestEvolution env(InterestEvolutionParams{}, 1);
  const double expected[20] = {-3.0,      -2.769231, -2.538462, -2.307692, -2.076923, -1.846154, -1.615385,
                               -1.384615, -1.153846, -0.923077, -0.692308, -0.461538, -0.230769, 0.0,
                               0.0,       0.6,       1.2,       1.8,       2.4,       3.0};
  REQUIRE(env.cluster_means().size() == 20);
  double mean = 0;
  for (int c = 0; c < 20; ++c) {
    CHECK(env.cluster_means()[c] == Approx(expected[c]).margin(1e-6));
    mean += env.cluster_means()[c] / 20;
  }
  CHECK(mean == Approx(-0.6));
}

TEST_CASE("IE documents: uniform clusters, quality ~ N(mean of cluster, quality_std)", "[ie]") {
  InterestEvolutionParams p;
  InterestEvolution env(p, 1);
  std::vector<BernoulliTally> clusters(20);
  Moments residual;
  for (uint64_t seed = 0; seed < 20000; ++seed) {
    env.reset(0, seed);
    for (uint32_t i = 0; i < p.slate.num_candidates; ++i) {
      const uint32_t c = env.cluster(0, i);
      REQUIRE(c < 20);
      for (uint32_t x = 0; x < 20; ++x) clusters[x].add(x == c, 1.0 / 20);
      residual.add((env.quality(0, i) - env.cluster_means()[c]) / p.quality_std);
    }
  }
  for (uint32_t x = 0; x < 20; ++x) check_tally(clusters[x], "cluster " + std::to_string(x));
  check_mean(residual, 0.0, 1.0, "standardised quality");
  check_variance(residual, 1.0, "standardised quality");
}

TEST_CASE("IE users: interests U(-1, 1)^T, budget = time_budget, observed as is", "[ie]") {
  InterestEvolution env(InterestEvolutionParams{}, 3);
  Moments u;
  std::vector<float> obs(20);
  for (uint64_t seed = 0; seed < 20000; ++seed) {
    env.reset(2, seed);
    CHECK(env.budget(2) == 200.0);
    env.write_user(2, obs.data());
    for (int t = 0; t < 20; ++t) {
      REQUIRE(std::fabs(env.interests(2)[t]) <= 1.0);
      REQUIRE(obs[t] == static_cast<float>(env.interests(2)[t]));
      u.add(env.interests(2)[t]);
    }
  }
  check_mean(u, 0.0, std::sqrt(1.0 / 3.0), "interest mean");
  check_variance(u, std::sqrt(1.0 / 3.0), "interest variance", -1.2);
}

TEST_CASE("IE click frequencies match the closed form of each choice model", "[ie][choice]") {
  const ChoiceKind kinds[] = {ChoiceKind::multinomial_proportional, ChoiceKind::multinomial_logit,
                              ChoiceKind::cascade_exponential, ChoiceKind::cascade_proportional};
  for (ChoiceKind kind : kinds) {
    InterestEvolutionParams p;
    p.slate.slate_size = 3;
    p.choice.kind = kind;  // RecSim's IE user: no_click_mass 1, min_normalizer -1, 0.65, 0.05
    InterestEvolution env(p, 1);
    std::vector<BernoulliTally> slots(4);  // three slots, then no click
    run(env, 120000, 7 + static_cast<uint64_t>(kind),
        [&](const PreState &pre, const std::vector<int32_t> &slate, const std::vector<float> &, const float *info,
            const StepResult &) {
          double v[3], prob[4];
          for (int l = 0; l < 3; ++l) v[l] = weight(p.choice, pre.u[pre.cluster[slate[l]]]);
          if (p.choice.is_cascade()) {
            double none = 1.0;
            for (int l = 0; l < 3; ++l) {
              prob[l] = none * v[l];
              none *= 1.0 - v[l];
            }
            prob[3] = none;
          } else {
            const double v0 = kind == ChoiceKind::multinomial_logit ? std::exp(1.0) : 2.0;
            const double total = v0 + v[0] + v[1] + v[2];
            for (int l = 0; l < 3; ++l) prob[l] = v[l] / total;
            prob[3] = v0 / total;
          }
          const int clicked = static_cast<int>(info[kIeInfoClickedSlot]);
          for (int o = 0; o < 4; ++o) slots[o].add((o == 3 ? -1 : o) == clicked, prob[o]);
        });
    for (int o = 0; o < 4; ++o) {
      check_tally(slots[o], "model " + std::to_string(static_cast<int>(kind)) +
                                (o == 3 ? " no click" : " slot " + std::to_string(o)));
    }
  }
}

TEST_CASE("IE response: per-slot quality and cluster, watch time min(budget, length) on the click", "[ie]") {
  InterestEvolution env(InterestEvolutionParams{}, 1);
  int clicks = 0;
  run(env, 20000, 3,
      [&](const PreState &pre, const std::vector<int32_t> &slate, const std::vector<float> &response, const float *info,
          const StepResult &result) {
        const int clicked = static_cast<int>(info[kIeInfoClickedSlot]);
        for (size_t l = 0; l < slate.size(); ++l) {
          const float *row = &response[l * kIeResponseDim];
          REQUIRE(row[kIeClusterId] == static_cast<float>(pre.cluster[slate[l]]));
          REQUIRE(row[kIeQuality] == static_cast<float>(pre.quality[slate[l]]));
          REQUIRE(row[kIeClick] == (static_cast<int>(l) == clicked ? 1.0f : 0.0f));
          const double watch = static_cast<int>(l) == clicked ? std::min(pre.budget, 4.0) : 0.0;
          REQUIRE(row[kIeWatchTime] == static_cast<float>(watch));
        }
        const double reward = clicked >= 0 ? std::min(pre.budget, 4.0) : 0.0;
        REQUIRE(result.reward == reward);
        REQUIRE(info[kIeInfoEngagement] == static_cast<float>(reward));
        REQUIRE(info[kIeInfoClickedCluster] ==
                (clicked >= 0 ? static_cast<float>(pre.cluster[slate[clicked]]) : -1.0f));
        clicks += clicked >= 0;
      });
  CHECK(clicks > 1000);
}

TEST_CASE("IE transition: the interest update and the budget follow the formulas", "[ie]") {
  for (double user_quality_factor : {0.0, 1.0}) {
    InterestEvolutionParams p;
    p.user_quality_factor = user_quality_factor;
    InterestEvolution env(p, 1);
    BernoulliTally towards;  // the clicked interest moved up
    int clicks = 0;
    run(env, 60000, 5,
        [&](const PreState &pre, const std::vector<int32_t> &slate, const std::vector<float> &, const float *info,
            const StepResult &) {
          const int clicked = static_cast<int>(info[kIeInfoClickedSlot]);
          const double *u = env.interests(0);
          if (clicked < 0) {
            for (int t = 0; t < 20; ++t) REQUIRE(u[t] == pre.u[t]);
            REQUIRE(env.budget(0) == Approx(pre.budget - 0.5).margin(1e-12));
            return;
          }
          ++clicks;
          const uint32_t j = static_cast<uint32_t>(slate[clicked]);
          const uint32_t c = pre.cluster[j];
          for (uint32_t t = 0; t < 20; ++t) {
            if (t != c) REQUIRE(u[t] == pre.u[t]);
          }
          const double alpha = 0.3 * (1.0 - std::fabs(pre.u[c]));
          const double delta = alpha * (1.0 - pre.u[c]);
          const bool up = u[c] > pre.u[c];
          REQUIRE(u[c] == Approx(std::clamp(pre.u[c] + (up ? delta : -delta), -1.0, 1.0)).margin(1e-12));
          towards.add(up, (pre.u[c] + 1.0) / 2.0);

          const double watch = std::min(pre.budget, 4.0);
          const double received = user_quality_factor * (pre.u[c] + 1.0) + pre.quality[j];
          REQUIRE(env.budget(0) == Approx(pre.budget - watch + 0.9 / 3.4 * watch * received).margin(1e-9));
        });
    CHECK(clicks > 5000);
    check_tally(towards, "P(interest moves up) = (u + 1) / 2");
  }
}

TEST_CASE("IE episodes end exactly when the budget is spent, within 400 steps", "[ie]") {
  InterestEvolution env(InterestEvolutionParams{}, 1);
  std::vector<float> response(2 * kIeResponseDim);
  Rng policy = test_rng(9);
  Moments lengths;
  for (uint64_t seed = 0; seed < 300; ++seed) {
    env.reset(0, seed);
    int steps = 0;
    for (;;) {
      const std::vector<int32_t> slate = random_slate(policy, 10, 2);
      const StepResult r = env.step(0, slate.data(), response.data(), nullptr);
      ++steps;
      REQUIRE(r.terminated == (env.budget(0) <= 0.0));
      if (r.terminated) break;
      REQUIRE(steps < 400);
    }
    REQUIRE(steps <= 400);
    lengths.add(steps);
  }
  // Every step costs at least 0.5 and a click at most 4 * (1 + 3.3 / 3.4): 50 < length <= 400.
  CHECK(lengths.mean() > 50);
}

TEST_CASE("IE candidates: resampled every step, fixed per episode, or one shared catalogue", "[ie]") {
  std::vector<float> response(2 * kIeResponseDim);
  const int32_t slate[2] = {0, 1};
  auto clusters = [](const InterestEvolution &env) {
    std::vector<uint32_t> out;
    for (uint32_t i = 0; i < 10; ++i) out.push_back(env.cluster(0, i));
    return out;
  };
  InterestEvolutionParams p;
  InterestEvolution resampled(p, 1);
  resampled.reset(0, 1);
  const auto first = clusters(resampled);
  resampled.step(0, slate, response.data(), nullptr);
  CHECK(clusters(resampled) != first);

  p.slate.resample_documents = false;
  InterestEvolution fixed(p, 1);
  fixed.reset(0, 1);
  const auto kept = clusters(fixed);
  for (int s = 0; s < 5; ++s) fixed.step(0, slate, response.data(), nullptr);
  CHECK(clusters(fixed) == kept);
  fixed.reset(0, 2);
  CHECK(clusters(fixed) != kept);  // per episode, from its seed

  p.slate.document_seed = 77;
  InterestEvolution catalogue(p, 1);
  catalogue.reset(0, 1);
  const auto shared = clusters(catalogue);
  catalogue.reset(0, 2);
  CHECK(clusters(catalogue) == shared);
}
