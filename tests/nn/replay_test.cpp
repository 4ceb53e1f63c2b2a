// Replay: successor links per stream, overwrite safety, n-step returns, uniform and prioritised
// sampling frequencies, importance weights, and save/load.
#include <catch2/catch.hpp>

#include <map>

#include "rlrec_nn/replay.hpp"

using rlrec::nn::ReplayBuffer;
using rlrec::nn::ReplaySettings;

namespace {

ReplaySettings settings(size_t capacity, bool prioritized = false) {
  ReplaySettings s;
  s.capacity = capacity;
  s.float_width = 2;
  s.int_width = 1;
  s.prioritized = prioritized;
  return s;
}

size_t push(ReplayBuffer &buffer, uint32_t stream, bool continues, float reward, bool terminated, float tag) {
  const float floats[2] = {tag, -tag};
  const int32_t ints[1] = {static_cast<int32_t>(tag)};
  return buffer.push(stream, continues, reward, terminated, floats, ints);
}

}  // namespace

TEST_CASE("records link to the next step of their own stream only", "[replay]") {
  ReplayBuffer buffer(settings(16));
  // Two streams interleaved, as rows of a vectorised env arrive.
  const size_t a0 = push(buffer, 0, false, 1.0f, false, 10);
  const size_t b0 = push(buffer, 1, false, 5.0f, false, 20);
  const size_t a1 = push(buffer, 0, true, 2.0f, false, 11);
  const size_t b1 = push(buffer, 1, true, 6.0f, true, 21);   // stream 1's episode terminates
  const size_t b2 = push(buffer, 1, false, 7.0f, false, 30); // a new episode: no link from b1
  CHECK(buffer.successor(a0) == static_cast<int64_t>(a1));
  CHECK(buffer.successor(b0) == static_cast<int64_t>(b1));
  CHECK(buffer.successor(b1) == -1);
  CHECK(buffer.successor(a1) == -1);  // not pushed yet
  CHECK(buffer.successor(b2) == -1);
  CHECK(buffer.floats(a1)[0] == 11.0f);
  CHECK(buffer.ints(b2)[0] == 30);
  CHECK(buffer.size() == 5);
}

TEST_CASE("n-step returns stop at terminals and at the end of what is stored", "[replay]") {
  ReplayBuffer buffer(settings(32));
  size_t slots[5];
  for (int t = 0; t < 5; ++t) slots[t] = push(buffer, 0, t > 0, static_cast<float>(t + 1), t == 3, 0);
  const double g = 0.5;
  // From t=0 with n=2: r0 + g r1, bootstrap from s2 with g^2.
  ReplayBuffer::NStep a = buffer.n_step(slots[0], 2, g);
  CHECK(a.valid);
  CHECK(a.reward == Approx(1 + 0.5 * 2));
  CHECK(a.bootstrap == static_cast<int64_t>(slots[2]));
  CHECK(a.discount == Approx(0.25));
  // From t=1 with n=5: r1 + g r2 + g^2 r3 and t=3 is terminal: no bootstrap.
  ReplayBuffer::NStep b = buffer.n_step(slots[1], 5, g);
  CHECK(b.valid);
  CHECK(b.reward == Approx(2 + 0.5 * 3 + 0.25 * 4));
  CHECK(b.bootstrap == -1);
  // t=4 starts a new episode and has no successor yet: no target.
  CHECK_FALSE(buffer.n_step(slots[4], 3, g).valid);
  // Stream ends before n steps: bootstrap from the last known state, without its reward.
  ReplayBuffer other(settings(8));
  const size_t x0 = push(other, 0, false, 1.0f, false, 0);
  const size_t x1 = push(other, 0, true, 1.0f, false, 0);
  ReplayBuffer::NStep c = other.n_step(x0, 4, g);
  CHECK(c.valid);
  CHECK(c.reward == Approx(1.0));
  CHECK(c.bootstrap == static_cast<int64_t>(x1));
  CHECK(c.discount == Approx(0.5));
}

TEST_CASE("a successor that was overwritten reads as missing", "[replay]") {
  ReplayBuffer buffer(settings(4));
  const size_t first = push(buffer, 0, false, 0.0f, false, 1);
  push(buffer, 1, false, 0.0f, false, 2);
  push(buffer, 1, true, 0.0f, false, 3);
  push(buffer, 1, true, 0.0f, false, 4);
  push(buffer, 0, true, 0.0f, false, 5);  // overwrites slot `first`; stream 0's link target
  CHECK(buffer.size() == 4);
  CHECK(buffer.floats(first)[0] == 5.0f);
  CHECK(buffer.successor(first) == -1);
}

TEST_CASE("uniform sampling covers accepted records evenly", "[replay]") {
  ReplayBuffer buffer(settings(8));
  for (int i = 0; i < 8; ++i) push(buffer, static_cast<uint32_t>(i), false, 0.0f, false, static_cast<float>(i));
  rlrec::nn::Rng rng(1);
  std::map<size_t, int> counts;
  std::vector<size_t> slots;
  std::vector<float> weights;
  for (int round = 0; round < 2000; ++round) {
    buffer.sample(rng, 8, 0.0, [](size_t slot) { return slot % 2 == 0; }, slots, weights);
    REQUIRE(slots.size() == 8);
    for (size_t s : slots) ++counts[s];
    for (float w : weights) CHECK(w == 1.0f);
  }
  CHECK(counts.size() == 4);
  for (const auto &[slot, count] : counts) CHECK(count == Approx(4000).margin(300));
}

TEST_CASE("prioritised sampling is proportional to priority^alpha, with importance weights", "[replay]") {
  ReplaySettings s = settings(4, true);
  s.alpha = 1.0;
  s.priority_eps = 0.0;
  ReplayBuffer buffer(s);
  for (int i = 0; i < 4; ++i) push(buffer, 0, false, 0.0f, false, 0);
  const double td[4] = {1.0, 2.0, 3.0, 4.0};
  for (size_t i = 0; i < 4; ++i) buffer.update_priority(i, td[i]);
  rlrec::nn::Rng rng(2);
  std::vector<size_t> slots;
  std::vector<float> weights;
  double counts[4] = {0, 0, 0, 0};
  const int rounds = 20000;
  for (int round = 0; round < rounds; ++round) {
    buffer.sample(rng, 1, 1.0, [](size_t) { return true; }, slots, weights);
    ++counts[slots[0]];
  }
  for (int i = 0; i < 4; ++i) CHECK(counts[i] / rounds == Approx(td[i] / 10.0).margin(0.012));
  // beta = 1: weight (N P)^-1 normalised by the batch maximum.
  buffer.sample(rng, 4, 1.0, [](size_t) { return true; }, slots, weights);
  REQUIRE(slots.size() == 4);
  double largest = 0.0;
  for (size_t s_ : slots) largest = std::max(largest, 1.0 / (4 * td[s_] / 10.0));
  for (size_t i = 0; i < 4; ++i) CHECK(weights[i] == Approx((1.0 / (4 * td[slots[i]] / 10.0)) / largest));
}

TEST_CASE("replay saves and loads its records, links and priorities", "[replay]") {
  ReplayBuffer buffer(settings(4, true));
  for (int i = 0; i < 6; ++i) push(buffer, static_cast<uint32_t>(i % 2), i >= 2, static_cast<float>(i), false, static_cast<float>(i));
  buffer.update_priority(1, 5.0);
  rlrec::nn::ByteWriter out;
  buffer.save(out);
  ReplayBuffer copy(settings(4, true));
  rlrec::nn::ByteReader in(out.bytes().data(), out.bytes().size());
  copy.load(in);
  CHECK(in.remaining() == 0);
  for (size_t slot = 0; slot < 4; ++slot) {
    CHECK(copy.floats(slot)[0] == buffer.floats(slot)[0]);
    CHECK(copy.reward(slot) == buffer.reward(slot));
    CHECK(copy.successor(slot) == buffer.successor(slot));
  }
  rlrec::nn::Rng r1(7), r2(7);
  std::vector<size_t> s1, s2;
  std::vector<float> w1, w2;
  buffer.sample(r1, 3, 0.5, [](size_t) { return true; }, s1, w1);
  copy.sample(r2, 3, 0.5, [](size_t) { return true; }, s2, w2);
  CHECK(s1 == s2);
  CHECK(w1 == w2);
  // A new push links exactly as it would have in the original.
  CHECK(push(buffer, 0, true, 0.0f, false, 9) == push(copy, 0, true, 0.0f, false, 9));
  ReplayBuffer wrong(settings(5, true));
  rlrec::nn::ByteReader again(out.bytes().data(), out.bytes().size());
  CHECK_THROWS_AS(wrong.load(again), rlrec::nn::FormatError);
}
