// The per-slot softmax of bc/marwil: its log-probability gradient against finite differences,
// its sampled slates against slate_log_prob, and the slot marginals against sampling frequencies.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "slate_softmax.hpp"

using rlrec_offline::sample_slate;
using rlrec_offline::slate_log_prob;
using rlrec_offline::slot_marginals;

TEST_CASE("slate_log_prob's gradient matches finite differences; masked candidates get none") {
  std::vector<float> s = {0.3f, -1.2f, 2.0f, 0.7f, 0.0f};
  const std::vector<uint8_t> open = {1, 1, 1, 0, 1};
  const std::vector<int32_t> slate = {2, 0, 4};
  std::vector<float> grad(5, 0.0f);
  slate_log_prob(s.data(), open.data(), 5, slate.data(), 3, grad.data());
  for (uint32_t j = 0; j < 5; ++j) {
    const float h = 1e-2f;
    std::vector<float> up = s, down = s;
    up[j] += h;
    down[j] -= h;
    const double numeric = (slate_log_prob(up.data(), open.data(), 5, slate.data(), 3, nullptr) -
                            slate_log_prob(down.data(), open.data(), 5, slate.data(), 3, nullptr)) /
                           (2 * h);
    CHECK(grad[j] == Approx(numeric).margin(1e-3));
  }
  CHECK(grad[3] == 0.0f);
}

TEST_CASE("sampled slates have the probability slate_log_prob gives; marginals match frequencies") {
  const std::vector<float> s = {1.0f, 0.2f, -0.5f, 0.8f};
  const std::vector<uint8_t> open = {1, 1, 1, 1};
  rlrec::nn::Rng rng(11);
  std::vector<int32_t> slate(2);
  std::vector<double> freq_slot1(4, 0.0);
  const int draws = 40000;
  for (int i = 0; i < draws; ++i) {
    const double p = sample_slate(rng, s.data(), open.data(), 4, 2, slate.data());
    REQUIRE(std::log(p) == Approx(slate_log_prob(s.data(), open.data(), 4, slate.data(), 2, nullptr)).margin(1e-9));
    freq_slot1[static_cast<size_t>(slate[1])] += 1.0 / draws;
  }
  for (int32_t item = 0; item < 4; ++item) {
    const std::vector<int32_t> probe = {item == 0 ? 1 : 0, item};
    std::vector<float> marg(2);
    slot_marginals(s.data(), open.data(), 4, probe.data(), 2, marg.data());
    CHECK(marg[1] == Approx(freq_slot1[static_cast<size_t>(item)]).margin(0.01));  // 4 SE at 40000 draws
  }
}
