#include "metrics.hpp"

#include <charconv>
#include <cmath>

namespace rlrec::serve {
namespace {

void append_number(std::string &out, double value) {
  char buffer[32];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

void append_count(std::string &out, uint64_t value) {
  char buffer[24];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

void series(std::string &out, const char *name, const char *type, const char *help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void sample(std::string &out, const char *name, uint64_t value) {
  out += name;
  out += ' ';
  append_count(out, value);
  out += '\n';
}

void counter(std::string &out, const char *name, const char *help, uint64_t value, const char *type = "counter") {
  series(out, name, type, help);
  sample(out, name, value);
}

// A label value with '\', '"' and newlines escaped, as the exposition format requires.
std::string label_value(const std::string &text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    out += c == '\n' ? 'n' : c;
  }
  return out;
}

}  // namespace

const char *route_name(Route route) {
  static constexpr const char *kNames[] = {"rank", "reward", "healthz", "readyz", "metrics", "models", "reload", "other"};
  return kNames[static_cast<std::size_t>(route)];
}

void LatencyHistogram::observe(double seconds) {
  std::size_t b = 0;
  while (b < kBounds.size() && seconds > kBounds[b]) ++b;
  buckets_[b].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(static_cast<uint64_t>(std::llround(seconds * 1e9)), std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

void LatencyHistogram::render(std::string &out, const char *name, const std::string &labels) const {
  uint64_t cumulative = 0;
  for (std::size_t b = 0; b <= kBounds.size(); ++b) {
    cumulative += buckets_[b].load(std::memory_order_relaxed);
    out += name;
    out += "_bucket{" + labels + ",le=\"";
    if (b < kBounds.size()) append_number(out, kBounds[b]);
    else out += "+Inf";
    out += "\"} ";
    append_count(out, cumulative);
    out += '\n';
  }
  out += name;
  out += "_sum{" + labels + "} ";
  append_number(out, static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) * 1e-9);
  out += '\n';
  out += name;
  out += "_count{" + labels + "} ";
  append_count(out, count_.load(std::memory_order_relaxed));
  out += '\n';
}

void Metrics::request(Route route, unsigned status, double seconds) {
  const auto r = static_cast<std::size_t>(route);
  std::size_t s = 0;
  while (s < kStatuses.size() && kStatuses[s] != status) ++s;
  requests_[r][s].fetch_add(1, std::memory_order_relaxed);
  latency_[r].observe(seconds);
}

void Metrics::add_reward(double value) {
  rewards.fetch_add(1, std::memory_order_relaxed);
  // Two's complement wrap-around makes negative rewards subtract.
  reward_sum_micros.fetch_add(static_cast<uint64_t>(std::llround(value * 1e6)), std::memory_order_relaxed);
}

std::string Metrics::render(const std::string &model_version) const {
  std::string out;
  series(out, "rlrec_serve_requests_total", "counter", "HTTP requests answered, by route and status code.");
  for (std::size_t r = 0; r < kRoutes; ++r) {
    for (std::size_t s = 0; s <= kStatuses.size(); ++s) {
      const uint64_t n = requests_[r][s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += "rlrec_serve_requests_total{route=\"";
      out += route_name(static_cast<Route>(r));
      out += "\",code=\"";
      out += s < kStatuses.size() ? std::to_string(kStatuses[s]) : "other";
      out += "\"} ";
      append_count(out, n);
      out += '\n';
    }
  }
  series(out, "rlrec_serve_request_duration_seconds", "histogram",
         "Time from a complete request to its answer, by route.");
  for (std::size_t r = 0; r < kRoutes; ++r)
    latency_[r].render(out, "rlrec_serve_request_duration_seconds",
                       std::string("route=\"") + route_name(static_cast<Route>(r)) + "\"");
  counter(out, "rlrec_serve_decisions_total", "Decisions made (requests of every rank batch).",
          decisions.load(std::memory_order_relaxed));
  counter(out, "rlrec_serve_rewards_total", "Rewards joined to their decision.", rewards.load(std::memory_order_relaxed));
  series(out, "rlrec_serve_reward_sum", "counter", "Sum of the joined rewards' values.");
  out += "rlrec_serve_reward_sum ";
  append_number(out, static_cast<double>(static_cast<int64_t>(reward_sum_micros.load(std::memory_order_relaxed))) * 1e-6);
  out += '\n';
  counter(out, "rlrec_serve_late_rewards_total", "Rewards that arrived after their join window (late/late_rewards.jsonl).",
          late_rewards.load(std::memory_order_relaxed));
  counter(out, "rlrec_serve_joins_expired_total", "Decisions logged without a reward: the join window ended.",
          joins_expired.load(std::memory_order_relaxed));
  counter(out, "rlrec_serve_joins_evicted_total",
          "Decisions logged without a reward before their window ended: too many were pending.",
          joins_evicted.load(std::memory_order_relaxed));
  counter(out, "rlrec_serve_pending_joins", "Decisions waiting for their reward.",
          pending_joins.load(std::memory_order_relaxed), "gauge");
  counter(out, "rlrec_serve_logged_decisions_total", "Decision lines written to the dataset.",
          decisions_logged.load(std::memory_order_relaxed));
  counter(out, "rlrec_serve_log_errors_total", "Failed writes of the dataset or late rewards.",
          log_errors.load(std::memory_order_relaxed));
  series(out, "rlrec_serve_reloads_total", "counter", "Checkpoint reloads, by result.");
  out += "rlrec_serve_reloads_total{result=\"ok\"} ";
  append_count(out, reloads_ok.load(std::memory_order_relaxed));
  out += "\nrlrec_serve_reloads_total{result=\"failed\"} ";
  append_count(out, reloads_failed.load(std::memory_order_relaxed));
  out += '\n';
  counter(out, "rlrec_serve_open_connections", "Open HTTP connections.", connections.load(std::memory_order_relaxed),
          "gauge");
  series(out, "rlrec_serve_model_info", "gauge", "The model being served (its version as a label).");
  out += "rlrec_serve_model_info{version=\"" + label_value(model_version) + "\"} 1\n";
  return out;
}

}  // namespace rlrec::serve
