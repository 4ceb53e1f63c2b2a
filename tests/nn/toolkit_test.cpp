// The small pieces: RNG determinism and ranges, the byte format, the sum tree, the standardiser,
// the linear schedule.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "rlrec_nn/bytes.hpp"
#include "rlrec_nn/rng.hpp"
#include "rlrec_nn/schedule.hpp"
#include "rlrec_nn/standardizer.hpp"
#include "rlrec_nn/sum_tree.hpp"

TEST_CASE("the RNG is deterministic, in range, and restores from its state", "[rng]") {
  rlrec::nn::Rng a(42), b(42);
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < 20000; ++i) {
    const double u = a.uniform();
    CHECK(u == b.uniform());
    REQUIRE((u >= 0.0 && u < 1.0));
    const double z = a.normal();
    b.normal();
    sum += z;
    sum_sq += z * z;
    REQUIRE(a.below(7) < 7);
    b.below(7);
  }
  CHECK(sum / 20000 == Approx(0.0).margin(0.03));
  CHECK(sum_sq / 20000 == Approx(1.0).margin(0.04));
  rlrec::nn::Rng c(0);
  CHECK(c.set_state(a.state()));
  CHECK(c.next() == a.next());
  const uint64_t zeros[4] = {0, 0, 0, 0};
  CHECK_FALSE(c.set_state(zeros));
}

TEST_CASE("bytes round-trip and a short or foreign state is refused", "[bytes]") {
  rlrec::nn::ByteWriter out;
  out.tag("rlrecTST");
  out.u32(7);
  out.f64(-1.5);
  const float values[3] = {1.0f, -0.0f, 3.25f};
  out.f32s(values, 3);
  rlrec::nn::ByteReader in(out.bytes().data(), out.bytes().size());
  in.expect_tag("rlrecTST", "a test");
  CHECK(in.u32() == 7);
  CHECK(in.f64() == -1.5);
  CHECK(in.f32s(3) == std::vector<float>{1.0f, -0.0f, 3.25f});
  CHECK(in.remaining() == 0);
  CHECK_THROWS_AS(in.u32(), rlrec::nn::FormatError);
  rlrec::nn::ByteReader wrong(out.bytes().data(), out.bytes().size());
  CHECK_THROWS_AS(wrong.expect_tag("rlrecXXX", "something else"), rlrec::nn::FormatError);
  rlrec::nn::ByteReader count(out.bytes().data(), out.bytes().size());
  count.expect_tag("rlrecTST", "a test");
  count.u32();
  count.f64();
  CHECK_THROWS_AS(count.f32s(4), rlrec::nn::FormatError);
}

TEST_CASE("the sum tree finds the leaf where the running sum crosses", "[sum_tree]") {
  rlrec::nn::SumTree tree(5);
  const double values[5] = {1.0, 0.0, 2.0, 0.5, 0.0};
  for (size_t i = 0; i < 5; ++i) tree.set(i, values[i]);
  CHECK(tree.total() == Approx(3.5));
  CHECK(tree.find(0.0) == 0);
  CHECK(tree.find(0.99) == 0);
  CHECK(tree.find(1.0) == 2);
  CHECK(tree.find(2.99) == 2);
  CHECK(tree.find(3.2) == 3);
  CHECK(tree.find(3.5) == 3);  // rounding excess: the last leaf with mass, never an empty one
  CHECK(tree.find(100.0) == 3);
  tree.set(2, 0.0);
  CHECK(tree.total() == Approx(1.5));
  CHECK(tree.find(1.2) == 3);
}

TEST_CASE("the standardiser freezes mean and std, and leaves constant features alone", "[standardizer]") {
  rlrec::nn::Standardizer s(2);
  float x[2] = {1.0f, 5.0f};
  s.apply(x);
  CHECK(x[0] == 1.0f);  // identity before fit
  for (float v : {1.0f, 2.0f, 3.0f, 4.0f}) {
    const float sample[2] = {v, 5.0f};
    s.accumulate(sample);
  }
  s.fit();
  float y[2] = {2.5f, 7.0f};
  s.apply(y);
  CHECK(y[0] == Approx(0.0f).margin(1e-6));
  CHECK(y[1] == Approx(2.0f));  // zero spread: only centred
  float z[2] = {2.5f + std::sqrt(1.25f), 5.0f};
  s.apply(z);
  CHECK(z[0] == Approx(1.0f));
  rlrec::nn::ByteWriter out;
  s.save(out);
  rlrec::nn::Standardizer t(2);
  rlrec::nn::ByteReader in(out.bytes().data(), out.bytes().size());
  t.load(in);
  float w[2] = {4.0f, 5.0f}, v[2] = {4.0f, 5.0f};
  s.apply(w);
  t.apply(v);
  CHECK(w[0] == v[0]);
}

TEST_CASE("the linear schedule anneals then holds", "[schedule]") {
  const rlrec::nn::LinearSchedule eps{1.0, 0.1, 100};
  CHECK(eps.at(0) == 1.0);
  CHECK(eps.at(50) == Approx(0.55));
  CHECK(eps.at(100) == 0.1);
  CHECK(eps.at(1000) == 0.1);
  CHECK(rlrec::nn::LinearSchedule{1.0, 0.2, 0}.at(0) == 0.2);
}

TEST_CASE("sparse float arrays round-trip bit for bit and shrink mostly-zero data", "[bytes]") {
  std::vector<float> values(1000, 0.0f);
  values[3] = 1.0f;
  values[500] = -0.0f;
  values[999] = 2.5e-30f;
  rlrec::nn::ByteWriter sparse, dense;
  sparse.sparse_f32s(values.data(), values.size());
  dense.f32s(values.data(), values.size());
  CHECK(sparse.bytes().size() < dense.bytes().size() / 4);
  rlrec::nn::ByteReader in(sparse.bytes().data(), sparse.bytes().size());
  const std::vector<float> back = in.sparse_f32s(1000);
  CHECK(in.remaining() == 0);
  REQUIRE(back.size() == values.size());
  CHECK(std::memcmp(back.data(), values.data(), values.size() * sizeof(float)) == 0);
  rlrec::nn::ByteReader wrong(sparse.bytes().data(), sparse.bytes().size());
  CHECK_THROWS_AS(wrong.sparse_f32s(999), rlrec::nn::FormatError);
}
