// stats.hpp — the statistical checks of the RecSim tests. Every check compares a sample with a
// closed form and allows kSigmas standard errors: wide enough that a correct model with a fixed
// seed passes with certainty in practice, narrow enough that a wrong formula fails.
#pragma once

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace recsim_test {

inline constexpr double kSigmas = 5.0;

// A sum of Bernoulli indicators against the sum of their (possibly varying) probabilities: the
// difference has mean 0 and variance sum p (1 - p). Use when every draw has its own closed-form p.
struct BernoulliTally {
  double observed = 0.0;
  double expected = 0.0;
  double variance = 0.0;
  uint64_t draws = 0;

  void add(bool happened, double p) {
    observed += happened ? 1.0 : 0.0;
    expected += p;
    variance += p * (1.0 - p);
    ++draws;
  }
  double z() const { return variance > 0 ? (observed - expected) / std::sqrt(variance) : 0.0; }
};

inline void check_tally(const BernoulliTally &t, const std::string &what) {
  INFO(what << ": observed " << t.observed << ", expected " << t.expected << " over " << t.draws
            << " draws, z = " << t.z());
  REQUIRE(t.draws > 0);
  if (t.variance == 0) {
    CHECK(t.observed == Approx(t.expected).margin(1e-9));
  } else {
    CHECK(std::fabs(t.z()) < kSigmas);
  }
}

// Running moments of a sample.
struct Moments {
  double n = 0, sum = 0, sum2 = 0;
  void add(double x) {
    n += 1;
    sum += x;
    sum2 += x * x;
  }
  double mean() const { return sum / n; }
  double variance() const { return sum2 / n - mean() * mean(); }
};

// The sample mean against mu for draws of standard deviation sigma.
inline void check_mean(const Moments &m, double mu, double sigma, const std::string &what) {
  const double se = sigma / std::sqrt(m.n);
  INFO(what << ": mean " << m.mean() << ", expected " << mu << " +- " << kSigmas * se);
  CHECK(std::fabs(m.mean() - mu) < kSigmas * se);
}

// The sample variance against sigma^2 for a normal-like sample (se of the variance ~
// sigma^2 sqrt(2 / n)); `excess_kurtosis` widens it for other shapes.
inline void check_variance(const Moments &m, double sigma, const std::string &what, double excess_kurtosis = 0.0) {
  const double s2 = sigma * sigma;
  const double se = s2 * std::sqrt((2.0 + excess_kurtosis) / m.n);
  INFO(what << ": variance " << m.variance() << ", expected " << s2 << " +- " << kSigmas * se);
  CHECK(std::fabs(m.variance() - s2) < kSigmas * se);
}

}  // namespace recsim_test
