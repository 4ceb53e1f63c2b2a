// The four choice models of recsim/choice_model.py: weights and closed-form probabilities
// against hand-computed values, and sampled frequencies against the closed forms.
#include "rlrec_recsim/choice.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "rlrec_recsim/episode_rngs.hpp"
#include "stats.hpp"

using namespace rlrec_recsim;
using namespace recsim_test;

namespace {

ChoiceParams model(ChoiceKind kind) {
  ChoiceParams p;  // interest evolution's constants: no_click_mass 1, min_normalizer -1
  p.kind = kind;
  p.attention_prob = 0.65;
  p.score_scaling = 0.3;  // large enough to matter, small enough that nothing clamps below
  return p;
}

// The closed form written out independently of choice_probabilities().
std::vector<double> expected_probabilities(const ChoiceParams &p, const std::vector<double> &a) {
  const size_t k = a.size();
  std::vector<double> out(k + 1);
  switch (p.kind) {
    case ChoiceKind::multinomial_proportional:
    case ChoiceKind::multinomial_logit: {
      const bool logit = p.kind == ChoiceKind::multinomial_logit;
      double total = logit ? std::exp(p.no_click_mass) : p.no_click_mass - p.min_normalizer;
      out[k] = total;
      for (size_t i = 0; i < k; ++i) {
        out[i] = logit ? std::exp(a[i]) : a[i] - p.min_normalizer;
        total += out[i];
      }
      for (double &x : out) x /= total;
      break;
    }
    default: {
      double unexamined_or_skipped = 1.0;
      for (size_t i = 0; i < k; ++i) {
        const double s = p.kind == ChoiceKind::cascade_exponential ? std::exp(a[i]) : a[i] - p.min_normalizer;
        const double click = p.attention_prob * p.score_scaling * s;
        out[i] = unexamined_or_skipped * click;
        unexamined_or_skipped *= 1.0 - click;
      }
      out[k] = unexamined_or_skipped;
    }
  }
  return out;
}

const ChoiceKind kKinds[] = {ChoiceKind::multinomial_proportional, ChoiceKind::multinomial_logit,
                             ChoiceKind::cascade_exponential, ChoiceKind::cascade_proportional};

}  // namespace

TEST_CASE("closed-form choice probabilities match the models' definitions", "[choice]") {
  const std::vector<double> a = {0.3, -0.5, 0.9};
  for (ChoiceKind kind : kKinds) {
    const ChoiceParams p = model(kind);
    std::vector<double> v;
    for (double x : a) v.push_back(p.weight(x));
    std::vector<double> got(a.size() + 1);
    choice_probabilities(p, v.data(), static_cast<uint32_t>(v.size()), got.data());
    const std::vector<double> want = expected_probabilities(p, a);
    double total = 0;
    for (size_t i = 0; i < got.size(); ++i) {
      INFO("kind " << static_cast<int>(kind) << " outcome " << i);
      CHECK(got[i] == Approx(want[i]).epsilon(1e-12));
      total += got[i];
    }
    CHECK(total == Approx(1.0));
  }
  // Interest evolution's default by hand: weights u + 1 = 1.3, 0.5, 1.9 and v0 = 2.
  const ChoiceParams ie = model(ChoiceKind::multinomial_proportional);
  CHECK(ie.no_click_weight() == Approx(2.0));
  CHECK(ie.weight(0.3) == Approx(1.3));
  // Interest exploration's default: softmax over [a..., 5].
  ChoiceParams ix = model(ChoiceKind::multinomial_logit);
  ix.no_click_mass = 5.0;
  CHECK(ix.no_click_weight() == Approx(std::exp(5.0)));
}

TEST_CASE("sampled choices follow the closed form for every model", "[choice]") {
  const std::vector<double> a = {0.3, -0.5, 0.9};
  Rng rng;
  uint64_t seed = 21;
  rng.seed(seed);
  for (ChoiceKind kind : kKinds) {
    const ChoiceParams p = model(kind);
    std::vector<double> v;
    for (double x : a) v.push_back(p.weight(x));
    const std::vector<double> want = expected_probabilities(p, a);
    std::vector<BernoulliTally> tallies(a.size() + 1);
    const double v0 = p.no_click_weight();
    for (int i = 0; i < 200000; ++i) {
      const int32_t slot = sample_choice(p, v.data(), 3, v0, uniform(rng));
      const size_t outcome = slot < 0 ? a.size() : static_cast<size_t>(slot);
      for (size_t o = 0; o < tallies.size(); ++o) tallies[o].add(o == outcome, want[o]);
    }
    for (size_t o = 0; o < tallies.size(); ++o) {
      check_tally(tallies[o], "model " + std::to_string(static_cast<int>(kind)) + " outcome " + std::to_string(o));
    }
  }
}

TEST_CASE("where RecSim asserts, the ports clamp", "[choice]") {
  ChoiceParams p = model(ChoiceKind::multinomial_proportional);
  CHECK(p.weight(-1.5) == 0.0);  // below min_normalizer
  p.kind = ChoiceKind::cascade_exponential;
  p.score_scaling = 1.0;
  CHECK(p.weight(3.0) == Approx(p.attention_prob));  // score_scaling * e^3 > 1
  p.kind = ChoiceKind::cascade_proportional;
  CHECK(p.weight(-2.0) == 0.0);
}

TEST_CASE("the logit model without a no-click option always clicks", "[choice]") {
  ChoiceParams p = model(ChoiceKind::multinomial_logit);
  p.no_click_mass = -HUGE_VAL;
  CHECK(p.no_click_weight() == 0.0);
  const double v[2] = {p.weight(-30.0), p.weight(-30.0)};
  CHECK(sample_conditional(v, 2, 0.0, 0.999999999) == 1);  // never "no click", even at u -> 1
  CHECK(sample_choice(p, v, 2, 0.0, 0.0) == 0);
}

TEST_CASE("single_item_score is RecSim's scores[0] for one document", "[choice]") {
  ChoiceParams p = model(ChoiceKind::multinomial_logit);
  // softmax([0.4, no_click_mass = 1])[0]
  CHECK(p.single_item_score(0.4) == Approx(std::exp(0.4) / (std::exp(0.4) + std::exp(1.0))));
  p.kind = ChoiceKind::multinomial_proportional;
  CHECK(p.single_item_score(0.4) == Approx(1.4));
}
