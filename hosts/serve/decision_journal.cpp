#include "decision_journal.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <limits>
#include <random>
#include <rlrec_data/format.hpp>
#include <rlrec_data/shard_writer.hpp>
#include <rlrec_support/durable_file.hpp>
#include <rlrec_support/json_text.hpp>

#include "http_error.hpp"

namespace rlrec::serve {
namespace {

constexpr const char *kClickedSlot = "clicked_slot";
constexpr const char *kRewarded = "rewarded";
// In a subfolder: a dataset reader takes every *.jsonl file of the dataset folder itself.
constexpr const char *kLateFile = "late/late_rewards.jsonl";
constexpr uint64_t kShardDecisions = 1000000;
constexpr auto kWriteTick = std::chrono::milliseconds(100);  // how often queued lines are written

// Ids count up from a random 64-bit start: two servers (replicas, or restarts in the same second)
// make ranges that overlap with probability ~ (their decisions) / 2^64, and no clock is trusted.
uint64_t random_id_base() {
  std::random_device device;
  return (static_cast<uint64_t>(device()) << 32) ^ device();
}

}  // namespace

DecisionJournal::DecisionJournal(JournalSettings settings, Metrics &metrics)
    : settings_(std::move(settings)),
      metrics_(metrics),
      id_base_(random_id_base()) {
  std::filesystem::create_directories(settings_.dir);
  thread_ = std::thread([this] { run(); });
}

DecisionJournal::~DecisionJournal() { stop(); }

uint64_t DecisionJournal::next_id() { return id_base_ + id_counter_.fetch_add(1, std::memory_order_relaxed); }

std::string DecisionJournal::event_id_text(uint64_t id) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(id));
  return text;
}

std::optional<uint64_t> DecisionJournal::parse_event_id(std::string_view text) {
  uint64_t id = 0;
  if (text.size() != 16) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id, 16);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return id;
}

void DecisionJournal::add(PendingDecision pending) {
  const uint64_t id = pending.decision.episode_id;
  std::lock_guard guard(lock_);
  waiting_.emplace(id, Waiting{std::move(pending), Clock::now() + settings_.window});
  order_.push_back(id);
  metrics_.pending_joins.store(waiting_.size(), std::memory_order_relaxed);
  if (waiting_.size() > settings_.max_pending) expire_locked(Clock::now(), false);
}

void DecisionJournal::remember_closed_locked(uint64_t id, bool rewarded) {
  closed_.emplace(id, rewarded);
  closed_order_.push_back(id);
  while (closed_order_.size() > settings_.max_pending) {
    closed_.erase(closed_order_.front());
    closed_order_.pop_front();
  }
}

DecisionJournal::Outcome DecisionJournal::reward(uint64_t id, const RewardBody &reward) {
  std::lock_guard guard(lock_);
  // A reward after the window is late even if the writer has not swept that decision out yet.
  expire_locked(Clock::now(), false);
  const auto it = waiting_.find(id);
  if (it == waiting_.end()) {
    const auto closed = closed_.find(id);
    if (closed == closed_.end()) return Outcome::kUnknown;
    if (closed->second) return Outcome::kAlreadyRewarded;
    late_lines_ += "{\"event_id\":";
    rlrec_support::append_json_string(late_lines_, event_id_text(id));
    late_lines_ += ",\"value\":";
    char number[32];
    late_lines_.append(number, std::to_chars(number, number + sizeof number, reward.value).ptr);
    if (reward.has_clicked) {
      late_lines_ += ",\"clicked_id\":";
      append_id(late_lines_, reward.clicked);
    }
    late_lines_ += ",\"received_unix_s\":" + std::to_string(std::time(nullptr)) + "}\n";
    metrics_.late_rewards.fetch_add(1, std::memory_order_relaxed);
    return Outcome::kLate;
  }
  int32_t slot = -1;
  if (reward.has_clicked) {
    const std::vector<CandidateId> &shown = it->second.pending.shown;
    const auto found = std::find(shown.begin(), shown.end(), reward.clicked);
    if (found == shown.end()) throw HttpError(400, "clicked_id " + reward.clicked.text + " is not in the slate shown");
    slot = static_cast<int32_t>(found - shown.begin());
  }
  ready_.push_back(Ready{std::move(it->second.pending), true, reward.value, slot});
  waiting_.erase(it);
  remember_closed_locked(id, true);
  metrics_.pending_joins.store(waiting_.size(), std::memory_order_relaxed);
  metrics_.add_reward(reward.value);
  return Outcome::kJoined;
}

void DecisionJournal::expire_locked(Clock::time_point now, bool everything) {
  while (!order_.empty()) {
    const uint64_t id = order_.front();
    const auto it = waiting_.find(id);
    if (it != waiting_.end()) {
      const bool over_limit = waiting_.size() > settings_.max_pending;
      if (!everything && !over_limit && it->second.deadline > now) break;
      (over_limit && it->second.deadline > now ? metrics_.joins_evicted : metrics_.joins_expired)
          .fetch_add(1, std::memory_order_relaxed);
      ready_.push_back(Ready{std::move(it->second.pending), false, 0.0, -1});
      waiting_.erase(it);
      remember_closed_locked(id, false);
    }
    order_.pop_front();
  }
  metrics_.pending_joins.store(waiting_.size(), std::memory_order_relaxed);
}

void DecisionJournal::run() {
  // Small, frequent writes: one burst of a second's decisions took a core from the HTTP threads
  // for tens of milliseconds, which showed as p99 latency.
  const auto tick = std::min<Clock::duration>(kWriteTick, settings_.flush_interval);
  Clock::time_point last_sync = Clock::now();
  std::vector<Ready> ready;
  std::string late;
  for (bool last = false; !last;) {
    {
      std::unique_lock guard(lock_);
      wake_.wait_for(guard, tick, [this] { return stopping_; });
      last = stopping_;
      expire_locked(Clock::now(), last);
      ready.swap(ready_);
      late.swap(late_lines_);
    }
    const bool sync = last || Clock::now() - last_sync >= settings_.flush_interval;
    write(ready, late, sync);
    if (sync) last_sync = Clock::now();
    ready.clear();
    late.clear();
  }
  writers_.clear();  // closes the shards
}

void DecisionJournal::write(std::vector<Ready> &ready, std::string &late, bool sync) {
  try {
    for (Ready &r : ready) {
      rlrec_data::Decision &d = r.pending.decision;
      d.reward = static_cast<float>(r.reward);
      d.info.clear();
      bool has_clicked_channel = false;
      for (const std::string &name : settings_.info_channels) {
        const bool clicked = name == kClickedSlot;
        has_clicked_channel |= clicked;
        // Serving observes the reward and the click only; other channels are unknown (null).
        d.info.push_back({name, clicked ? r.clicked_slot : std::numeric_limits<double>::quiet_NaN()});
      }
      if (!has_clicked_channel) d.info.push_back({kClickedSlot, static_cast<double>(r.clicked_slot)});
      d.info.push_back({kRewarded, r.rewarded ? 1.0 : 0.0});
      std::unique_ptr<rlrec_data::ShardWriter> &writer = writers_[r.pending.n];
      if (!writer) {
        rlrec_data::ShardSettings shards;
        shards.path = r.pending.n == settings_.spec_candidates
                          ? settings_.dir
                          : settings_.dir / ("candidates-" + std::to_string(r.pending.n));
        shards.shard_decisions = kShardDecisions;
        writer = std::make_unique<rlrec_data::ShardWriter>(shards);
      }
      line_.clear();
      rlrec_data::append_decision_line(line_, d);
      writer->add_line(line_);
    }
    for (auto &[n, writer] : writers_) {
      if (sync) writer->sync();
      else writer->hand_over();
    }
    metrics_.decisions_logged.fetch_add(ready.size(), std::memory_order_relaxed);
    if (!late.empty()) {
      const std::filesystem::path path = settings_.dir / kLateFile;
      std::filesystem::create_directories(path.parent_path());
      rlrec_support::AppendFile file;
      file.open(path);
      file.append(late);
      file.sync();
    }
  } catch (const std::exception &e) {
    // The server keeps serving; the lost lines are counted and the reason is on stderr.
    metrics_.log_errors.fetch_add(1, std::memory_order_relaxed);
    std::fprintf(stderr, "rlrec serve: writing the decision log failed: %s\n", e.what());
  }
}

void DecisionJournal::stop() {
  {
    std::lock_guard guard(lock_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace rlrec::serve
