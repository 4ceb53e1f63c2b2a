// DecisionJournal: the join of rewards to decisions and what reaches the dataset — rewarded,
// expired, evicted over the pending limit, repeated and late rewards, another candidate count in
// its own folder — read back with the dataset reader.
#include <catch2/catch.hpp>

#include <rlrec_data/dataset_reader.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <thread>
#include <unistd.h>

#include "decision_journal.hpp"
#include "http_error.hpp"

namespace fs = std::filesystem;
using rlrec::serve::CandidateId;
using rlrec::serve::DecisionJournal;
using rlrec::serve::JournalSettings;
using rlrec::serve::Metrics;
using rlrec::serve::PendingDecision;
using rlrec::serve::RewardBody;

namespace {

struct TempDir {
  TempDir() : path(fs::temp_directory_path() / ("rlrec_journal_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path path;
};

// A decision of `n` candidates showing the first two ("c0", "c1").
PendingDecision decision(DecisionJournal &journal, uint32_t n) {
  PendingDecision p;
  rlrec_data::Decision &d = p.decision;
  d.episode_id = journal.next_id();
  d.event_id = DecisionJournal::event_id_text(d.episode_id);
  d.obs.push_back({"candidates", {n, 1}, std::vector<double>(n, 0.5), RLREC_DTYPE_F32});
  d.slate = {0, 1};
  d.slate_prob = 0.5f;
  d.slot_propensity = {0.5f, 1.0f};
  d.terminated = true;
  d.policy_id = "egreedy";
  d.policy_version = "1.0.0+r1";
  p.shown = {{"c0", true}, {"c1", true}};
  p.n = n;
  return p;
}

RewardBody reward(double value, const char *clicked = nullptr) {
  RewardBody r;
  r.value = value;
  if (clicked != nullptr) {
    r.has_clicked = true;
    r.clicked = {clicked, true};
  }
  return r;
}

std::map<uint64_t, rlrec_data::Decision> read_all(const fs::path &path) {
  std::map<uint64_t, rlrec_data::Decision> out;
  rlrec_data::DatasetReader reader(path);
  rlrec_data::Decision d;
  while (reader.next(d)) out[d.episode_id] = d;
  return out;
}

double info(const rlrec_data::Decision &d, const std::string &name) {
  for (const auto &s : d.info)
    if (s.name == name) return s.value;
  FAIL("no info channel " << name);
  return 0.0;
}

}  // namespace

TEST_CASE("rewards join their decisions; the rest are logged unrewarded when their window ends") {
  TempDir dir;
  Metrics metrics;
  JournalSettings settings;
  settings.dir = dir.path;
  settings.window = std::chrono::milliseconds(1000);  // far longer than add-then-reward, even under load
  settings.flush_interval = std::chrono::milliseconds(50);
  settings.max_pending = 3;
  settings.spec_candidates = 4;
  settings.info_channels = {"clicked_slot", "regret"};
  DecisionJournal journal(settings, metrics);

  PendingDecision rewarded = decision(journal, 4), expired = decision(journal, 4), other_n = decision(journal, 6);
  const uint64_t rewarded_id = rewarded.decision.episode_id, expired_id = expired.decision.episode_id;
  const uint64_t other_id = other_n.decision.episode_id;
  journal.add(std::move(rewarded));
  journal.add(std::move(expired));
  journal.add(std::move(other_n));

  CHECK_THROWS_AS(journal.reward(rewarded_id, reward(1.0, "c7")), rlrec::serve::HttpError);  // not shown
  CHECK(journal.reward(rewarded_id, reward(2.5, "c1")) == DecisionJournal::Outcome::kJoined);
  CHECK(journal.reward(rewarded_id, reward(1.0)) == DecisionJournal::Outcome::kAlreadyRewarded);
  CHECK(journal.reward(rewarded_id + 1000, reward(1.0)) == DecisionJournal::Outcome::kUnknown);

  // Over the pending limit (3 waiting): the oldest waiting decision is logged early.
  PendingDecision a = decision(journal, 4), b = decision(journal, 4);
  const uint64_t last_id = b.decision.episode_id;
  journal.add(std::move(a));
  journal.add(std::move(b));
  CHECK(metrics.joins_evicted.load() == 1);  // `expired`: the oldest still waiting

  // Every window ends (1 s; polled, so a loaded machine only makes it slower).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (metrics.joins_expired.load() < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(metrics.joins_expired.load() == 3);
  CHECK(journal.reward(last_id, reward(3.0)) == DecisionJournal::Outcome::kLate);
  // Closed events are remembered up to the pending limit: older ones are unknown.
  CHECK(journal.reward(expired_id, reward(3.0)) == DecisionJournal::Outcome::kUnknown);
  journal.stop();

  CHECK(metrics.rewards.load() == 1);
  CHECK(metrics.late_rewards.load() == 1);
  CHECK(metrics.decisions_logged.load() == 5);
  CHECK(metrics.pending_joins.load() == 0);

  const auto logged = read_all(dir.path);
  REQUIRE(logged.size() == 4);  // the decision of 6 candidates is in its own dataset
  const rlrec_data::Decision &r = logged.at(rewarded_id);
  CHECK(r.reward == 2.5f);
  CHECK(info(r, "clicked_slot") == 1.0);
  CHECK(std::isnan(info(r, "regret")));  // not observed when serving
  CHECK(info(r, "rewarded") == 1.0);
  CHECK(r.event_id == DecisionJournal::event_id_text(rewarded_id));
  CHECK(r.slot_propensity == std::vector<float>{0.5f, 1.0f});
  const rlrec_data::Decision &e = logged.at(expired_id);
  CHECK(e.reward == 0.0f);
  CHECK(info(e, "clicked_slot") == -1.0);
  CHECK(info(e, "rewarded") == 0.0);

  const auto other = read_all(dir.path / "candidates-6");
  REQUIRE(other.size() == 1);
  CHECK(other.begin()->first == other_id);
  CHECK(fs::exists(dir.path / "late" / "late_rewards.jsonl"));
}

TEST_CASE("event ids round-trip and refuse anything else") {
  CHECK(DecisionJournal::parse_event_id(DecisionJournal::event_id_text(0x6b0bf4b500000007ull)) == 0x6b0bf4b500000007ull);
  CHECK_FALSE(DecisionJournal::parse_event_id("xyz"));
  CHECK_FALSE(DecisionJournal::parse_event_id("6b0bf4b50000000g"));
  CHECK_FALSE(DecisionJournal::parse_event_id("6b0bf4b5000000070"));
}
