// decision_journal.hpp — every served decision and its reward, joined by event id and appended to
// a dataset (docs/dataset.md: one `rlrec.decision/1` line per decision, episode = one request,
// t = 0, terminated) that `rlrec train` with `input: {dataset: DIR}` learns from.
//
// A decision waits in memory until its reward arrives (POST /v1/events/{id}/reward) or its join
// window ends; then it is queued and a background thread writes it: with the reward, or with
// reward 0 and info `rewarded: 0`. A reward for a decision whose window ended is appended to
// DIR/late/late_rewards.jsonl instead and counted. Decisions of the checkpoint's candidate count go to
// DIR (shards decisions-NNNNN.jsonl); those of another count to DIR/candidates-N, since a
// dataset holds one observation shape.
//
// Durability: the writer thread hands the queued lines to the OS every 0.1 s (or flush
// interval, if shorter) and fsyncs every flush interval; stop() writes every decision still
// waiting (unrewarded), then flushes and fsyncs. A SIGKILL loses the decisions still waiting for
// their reward and those queued in the last 0.1 s; a power loss what was not fsynced. The files
// hold whole lines (a cut last line is skipped by the reader).
//
// Threads: add() and reward() from any thread (one lock, held for map operations only: lines are
// formatted and written by the writer thread). stop() once, from one thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <rlrec_data/decision.hpp>

#include "metrics.hpp"
#include "rank_request.hpp"

namespace rlrec_data {
class ShardWriter;
}

namespace rlrec::serve {

struct JournalSettings {
  std::filesystem::path dir;
  std::chrono::milliseconds window{60000};         // how long a decision waits for its reward
  std::chrono::milliseconds flush_interval{1000};  // fsync this often
  std::size_t max_pending = 1000000;               // more waiting decisions: the oldest are logged early
  uint32_t spec_candidates = 0;                    // decisions with this N go to `dir` itself
  std::vector<std::string> info_channels;          // the env's info channels, written on every line
};

// A decision waiting for its reward.
struct PendingDecision {
  rlrec_data::Decision decision;  // everything but reward and info; episode_id is the event's
  std::vector<CandidateId> shown;  // [slate] the ids shown, to find a clicked id's slot
  uint32_t n = 0;                  // candidates acted on (which dataset the line goes to)
};

class DecisionJournal {
 public:
  // Creates `settings.dir` and starts the writer thread. Throws std::runtime_error when the
  // folder cannot be created.
  DecisionJournal(JournalSettings settings, Metrics &metrics);
  ~DecisionJournal();
  DecisionJournal(const DecisionJournal &) = delete;
  DecisionJournal &operator=(const DecisionJournal &) = delete;

  // A new event id, unique across restarts of the server (the start time is in its high bits);
  // it is also the decision's episode_id.
  uint64_t next_id();
  static std::string event_id_text(uint64_t id);  // 16 lower-case hex digits
  static std::optional<uint64_t> parse_event_id(std::string_view text);

  void add(PendingDecision pending);

  enum class Outcome { kJoined, kLate, kAlreadyRewarded, kUnknown };
  // Joins a reward to its decision. Throws HttpError 400 when the clicked id was not shown.
  Outcome reward(uint64_t id, const RewardBody &reward);

  // Logs every waiting decision (unrewarded), writes and fsyncs everything, ends the thread.
  void stop();

 private:
  using Clock = std::chrono::steady_clock;
  struct Waiting {
    PendingDecision pending;
    Clock::time_point deadline;
  };
  struct Ready {
    PendingDecision pending;
    bool rewarded = false;
    double reward = 0.0;
    int32_t clicked_slot = -1;
  };
  void run();
  // Moves decisions whose window ended (or beyond max_pending) to ready_. Holds lock_.
  void expire_locked(Clock::time_point now, bool everything);
  // Remembers a closed event, so a later reward is told late or repeated rather than unknown.
  void remember_closed_locked(uint64_t id, bool rewarded);
  // Formats and writes; `sync` adds fsync.
  void write(std::vector<Ready> &ready, std::string &late, bool sync);

  JournalSettings settings_;
  Metrics &metrics_;
  uint64_t id_base_;
  std::atomic<uint64_t> id_counter_{0};

  std::mutex lock_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::unordered_map<uint64_t, Waiting> waiting_;
  std::deque<uint64_t> order_;  // ids in arrival order (= deadline order); stale ids are skipped
  std::unordered_map<uint64_t, bool> closed_;  // recently closed ids -> rewarded
  std::deque<uint64_t> closed_order_;
  std::vector<Ready> ready_;
  std::string late_lines_;

  // Owned by the writer thread.
  std::map<uint32_t, std::unique_ptr<rlrec_data::ShardWriter>> writers_;  // by candidate count
  std::string line_;
  std::thread thread_;
};

}  // namespace rlrec::serve
