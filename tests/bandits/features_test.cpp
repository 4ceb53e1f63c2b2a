// Feature blocks: layout, dimensions, and refusals.
#include "rlrec_bandit/features.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

using namespace rlrec_bandit;

TEST_CASE("features lay out [d | u | u*d | u d^T | 1]", "[features]") {
  FeatureSpec spec;
  spec.candidate = spec.user = spec.product = spec.outer = spec.bias = true;
  const FeatureBuilder builder(spec, 2, 2);
  REQUIRE(builder.dim() == 2 + 2 + 2 + 4 + 1);
  const double u[2] = {2, 3};
  const double d[2] = {5, 7};
  std::vector<double> x(builder.dim());
  builder.build(u, d, x.data());
  CHECK(x == std::vector<double>{5, 7, 2, 3, 10, 21, 10, 14, 15, 21, 1});
}

TEST_CASE("the default is the candidate's features and a bias", "[features]") {
  const FeatureBuilder builder(FeatureSpec{}, 0, 3);
  CHECK(builder.dim() == 4);
}

TEST_CASE("features that cannot be built are refused", "[features]") {
  FeatureSpec outer;
  outer.outer = true;
  CHECK_THROWS_AS(FeatureBuilder(outer, 0, 3), std::invalid_argument);
  FeatureSpec product;
  product.product = true;
  CHECK_THROWS_AS(FeatureBuilder(product, 2, 3), std::invalid_argument);
  FeatureSpec none;
  none.candidate = none.bias = false;
  CHECK_THROWS_AS(FeatureBuilder(none, 2, 3), std::invalid_argument);
}
