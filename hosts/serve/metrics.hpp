// metrics.hpp — the server's counters and latency histograms, rendered as Prometheus text
// (GET /metrics, docs/serving.md lists every series).
//
// Threads: every method may be called from any thread at any time; counters are relaxed atomics
// (a scrape may see one request counted and its latency not yet: Prometheus tolerates it).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace rlrec::serve {

enum class Route : uint8_t { kRank, kReward, kHealthz, kReadyz, kMetrics, kModels, kReload, kOther, kCount };
const char *route_name(Route route);

// A Prometheus histogram of durations in seconds, fixed buckets.
class LatencyHistogram {
 public:
  static constexpr std::array<double, 12> kBounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                     0.01,   0.025,   0.05,   0.1,   0.5,    2.5};
  void observe(double seconds);
  // Appends the _bucket, _sum and _count lines of series `name` with label `labels` ("a=\"b\"").
  void render(std::string &out, const char *name, const std::string &labels) const;

 private:
  std::array<std::atomic<uint64_t>, kBounds.size() + 1> buckets_{};  // the last one: +Inf only
  std::atomic<uint64_t> sum_ns_{0};
  std::atomic<uint64_t> count_{0};
};

class Metrics {
 public:
  // One answered HTTP request: its route, status and time from the full request to the answer.
  void request(Route route, unsigned status, double seconds);
  // Decisions made by POST /v1/rank (rows of all its requests).
  std::atomic<uint64_t> decisions{0};
  // Rewards joined to their decision, and the sum of their values.
  std::atomic<uint64_t> rewards{0};
  std::atomic<uint64_t> reward_sum_micros{0};  // fixed point: atomics of double are slow CAS loops
  std::atomic<uint64_t> late_rewards{0};       // arrived after the join window (late/late_rewards.jsonl)
  std::atomic<uint64_t> joins_expired{0};      // decisions logged without a reward (window over)
  std::atomic<uint64_t> joins_evicted{0};      // ... logged early: the pending limit was reached
  std::atomic<uint64_t> pending_joins{0};      // decisions waiting for their reward
  std::atomic<uint64_t> decisions_logged{0};   // lines written to the dataset
  std::atomic<uint64_t> log_errors{0};         // failed writes (the server keeps serving)
  std::atomic<uint64_t> reloads_ok{0};
  std::atomic<uint64_t> reloads_failed{0};
  std::atomic<uint64_t> connections{0};        // open connections

  void add_reward(double value);
  // The whole exposition; `model_version` labels rlrec_serve_model_info.
  std::string render(const std::string &model_version) const;

 private:
  static constexpr std::array<unsigned, 11> kStatuses = {200, 202, 400, 404, 405, 408, 409, 413, 431, 500, 503};
  static constexpr std::size_t kRoutes = static_cast<std::size_t>(Route::kCount);
  std::array<std::array<std::atomic<uint64_t>, kStatuses.size() + 1>, kRoutes> requests_{};  // last: other
  std::array<LatencyHistogram, kRoutes> latency_{};
};

}  // namespace rlrec::serve
