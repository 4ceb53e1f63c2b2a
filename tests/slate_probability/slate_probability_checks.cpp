#include "slate_probability_checks.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <vector>

namespace rlrec_test {
namespace {

using Bytes = std::vector<unsigned char>;

Bytes save(rlrec_policy &policy) {
  Bytes bytes;
  rlrec_byte_sink sink{&bytes, [](void *ctx, const void *data, size_t size) -> rlrec_status {
                         const auto *p = static_cast<const unsigned char *>(data);
                         static_cast<Bytes *>(ctx)->insert(static_cast<Bytes *>(ctx)->end(), p, p + size);
                         return RLREC_OK;
                       }};
  REQUIRE(policy.vtable->save(policy.handle, &sink) == RLREC_OK);
  return bytes;
}

void load(rlrec_policy &policy, const Bytes &bytes) {
  REQUIRE(policy.vtable->load(policy.handle, bytes.data(), bytes.size()) == RLREC_OK);
}

// act's outputs for every row of one call.
struct Acted {
  Acted(uint32_t rows, uint32_t k) : slates(rows * k), prob(rows), propensity(rows * k), scores(rows * k) {}
  std::vector<int32_t> slates;
  std::vector<float> prob, propensity, scores;

  void act(rlrec_policy &policy, const rlrec_act_input &in) {
    rlrec_act_output out{sizeof out, in.rows, slates.data(), prob.data(), propensity.data(), scores.data()};
    REQUIRE(policy.vtable->act(policy.handle, &in, &out) == RLREC_OK);
  }
};

// score()'s outputs for every row of one call.
struct Scored {
  Scored(uint32_t rows, uint32_t k, uint32_t n) : slate_prob(rows), slot_prob(rows * k), item_prob(rows * k * n) {}
  std::vector<double> slate_prob, slot_prob, item_prob;

  void score(rlrec_policy &policy, const rlrec_act_input &in, const int32_t *slates) {
    const rlrec_policy_slate_probability *ext = slate_probability_of(policy);
    const rlrec_status status =
        ext->score(policy.handle, &in, slates, slate_prob.data(), slot_prob.data(), item_prob.data());
    INFO(policy.vtable->last_error(policy.handle));
    REQUIRE(status == RLREC_OK);
  }
};

// Every ordered k-tuple of candidates in [0, n), tuple t's slot l being digit l of t in base n.
std::vector<int32_t> tuple(uint32_t t, uint32_t k, uint32_t n) {
  std::vector<int32_t> out(k);
  for (uint32_t l = 0; l < k; ++l, t /= n) out[l] = static_cast<int32_t>(t % n);
  return out;
}

uint32_t index_of(const int32_t *slate, uint32_t k, uint32_t n) {
  uint32_t t = 0;
  for (uint32_t l = k; l-- > 0;) t = t * n + static_cast<uint32_t>(slate[l]);
  return t;
}

bool repeats(const std::vector<int32_t> &slate) {
  for (std::size_t l = 0; l < slate.size(); ++l)
    for (std::size_t j = 0; j < l; ++j)
      if (slate[j] == slate[l]) return true;
  return false;
}

}  // namespace

const rlrec_policy_slate_probability *slate_probability_of(const rlrec_policy &policy) {
  if (policy.vtable->get_extension == nullptr) return nullptr;
  return static_cast<const rlrec_policy_slate_probability *>(
      policy.vtable->get_extension(policy.handle, RLREC_EXT_POLICY_SLATE_PROBABILITY));
}

void check_slate_probability(rlrec_policy &policy, const rlrec_act_input &in, uint32_t k, uint32_t n, uint32_t draws) {
  REQUIRE(slate_probability_of(policy) != nullptr);
  const uint32_t rows = in.rows;
  uint32_t tuples = 1;
  for (uint32_t l = 0; l < k; ++l) tuples *= n;
  const Bytes state = save(policy);

  // Exhaustive: one score call per tuple, every row given that tuple.
  std::vector<double> prob(static_cast<std::size_t>(tuples) * rows);  // [tuple, row]
  std::vector<double> marginal_sums(static_cast<std::size_t>(rows) * k * n, 0.0);
  Scored first(rows, k, n), scored(rows, k, n);
  std::vector<int32_t> slates(static_cast<std::size_t>(rows) * k);
  for (uint32_t t = 0; t < tuples; ++t) {
    const std::vector<int32_t> slate = tuple(t, k, n);
    INFO("slate " << slate[0] << (k > 1 ? ", " + std::to_string(slate[1]) : std::string()));
    for (uint32_t r = 0; r < rows; ++r) std::copy(slate.begin(), slate.end(), slates.begin() + r * k);
    (t == 0 ? first : scored).score(policy, in, slates.data());
    const Scored &s = t == 0 ? first : scored;
    CHECK(s.item_prob == first.item_prob);
    for (uint32_t r = 0; r < rows; ++r) {
      const double p = s.slate_prob[r];
      prob[static_cast<std::size_t>(t) * rows + r] = p;
      REQUIRE((p >= 0.0 && p <= 1.0 + 1e-12));
      if (repeats(slate)) CHECK(p == 0.0);
      for (uint32_t l = 0; l < k; ++l) {
        const std::size_t at = static_cast<std::size_t>(r) * k + l;
        CHECK(s.slot_prob[at] == Approx(s.item_prob[at * n + static_cast<uint32_t>(slate[l])]).margin(1e-12));
        marginal_sums[at * n + static_cast<uint32_t>(slate[l])] += p;
      }
    }
  }
  for (uint32_t r = 0; r < rows; ++r) {
    double total = 0.0;
    for (uint32_t t = 0; t < tuples; ++t) total += prob[static_cast<std::size_t>(t) * rows + r];
    CHECK(total == Approx(1.0).margin(1e-9));
  }
  for (std::size_t i = 0; i < marginal_sums.size(); ++i)
    CHECK(marginal_sums[i] == Approx(first.item_prob[i]).margin(1e-9));

  // Scoring act's own slates gives act's probabilities; scoring changes nothing act does next.
  load(policy, state);
  Acted before(rows, k), after(rows, k);
  before.act(policy, in);
  load(policy, state);
  scored.score(policy, in, before.slates.data());
  scored.score(policy, in, slates.data());
  after.act(policy, in);
  CHECK(after.slates == before.slates);
  CHECK(after.prob == before.prob);
  CHECK(after.propensity == before.propensity);
  scored.score(policy, in, before.slates.data());
  for (uint32_t r = 0; r < rows; ++r) {
    CHECK(static_cast<float>(scored.slate_prob[r]) == Approx(before.prob[r]).epsilon(1e-6));
    for (uint32_t l = 0; l < k; ++l)
      CHECK(static_cast<float>(scored.slot_prob[r * k + l]) == Approx(before.propensity[r * k + l]).epsilon(1e-6));
  }

  // act's frequencies.
  load(policy, state);
  std::vector<uint32_t> counts(prob.size(), 0);
  for (uint32_t d = 0; d < draws; ++d) {
    before.act(policy, in);
    for (uint32_t r = 0; r < rows; ++r)
      ++counts[static_cast<std::size_t>(index_of(&before.slates[r * k], k, n)) * rows + r];
  }
  for (std::size_t i = 0; i < prob.size(); ++i) {
    const double p = prob[i];
    const double freq = counts[i] / static_cast<double>(draws);
    INFO("slate " << i / rows << ", row " << i % rows << ": p " << p << ", frequency " << freq);
    if (p == 0.0) CHECK(counts[i] == 0);
    CHECK(std::abs(freq - p) <= 5.0 * std::sqrt(p * (1.0 - p) / draws) + 1.0 / draws);
  }
  load(policy, state);
}

}  // namespace rlrec_test
