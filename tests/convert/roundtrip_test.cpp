// Round trips: what a format can carry survives rlrec -> FORMAT -> rlrec unchanged (slates,
// probabilities, rewards, user and candidate features, every number exact), and what it cannot is
// said (a dropped field is a warning) or refused (corrupt_test.cpp).
#include <catch2/catch.hpp>

#include "convert_support.hpp"

namespace rlrec::convert_test {
namespace {

// 300 decisions of the uniform random policy on bandit.linear: fresh candidates every step, a
// `response` field (which VW has no place for).
std::filesystem::path collected(const TempDir &dir) {
  const std::filesystem::path config = test::write_config(dir.path(), "collect.yaml", R"(
run:     {name: convert_collect, seed: 5}
env:     {plugin: bandit.linear, num_envs: 4,
          params: {user_dim: 3, item_dim: 4, num_candidates: 6, slate_size: 1, episode_length: 3}}
policy:  {plugin: random}
loggers: []
)");
  const std::filesystem::path data = dir.path() / "collected.jsonl";
  REQUIRE(test::run_cli("collect " + config.string() + " --episodes 100 --out " + data.string()) == 0);
  return data;
}

void check_all_kept(const std::vector<rlrec_data::Decision> &before, const std::vector<rlrec_data::Decision> &after) {
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    INFO("decision " << i);
    check_kept(before[i], after[i]);
  }
}

TEST_CASE("rlrec -> vw -> rlrec keeps slates, probabilities, rewards and features") {
  TempDir dir("convert_vw_roundtrip");
  const std::filesystem::path data = collected(dir);
  std::string err;
  REQUIRE(convert("rlrec", "vw", data, dir.path() / "logs.vw", "", &err) == 0);
  CHECK(err.find("warning: obs field 'response' dropped: vw has no place for it") != std::string::npos);
  REQUIRE(convert("vw", "rlrec", dir.path() / "logs.vw", dir.path() / "back.jsonl") == 0);
  const std::vector<rlrec_data::Decision> before = read_all(data);
  CHECK(before.size() == 300);
  check_all_kept(before, read_all(dir.path() / "back.jsonl"));
  // And the VW text itself is a fixed point.
  REQUIRE(convert("rlrec", "vw", dir.path() / "back.jsonl", dir.path() / "again.vw") == 0);
  CHECK(read_text(dir.path() / "again.vw") == read_text(dir.path() / "logs.vw"));
}

// Rounds of one fixed catalogue (OBP has one item_context.csv), as an OBP log has them.
std::vector<rlrec_data::Decision> catalogue_rounds() {
  const std::vector<double> items = {0.5, -1, 0.125, 2, 3e-7, 0};  // 3 items, dd 2
  std::vector<rlrec_data::Decision> rounds;
  for (uint64_t r = 0; r < 40; ++r) {
    const double x = static_cast<double>(r) / 7.0;
    rounds.push_back(decision(r, {x, 1 - x}, 3, items, static_cast<int32_t>(r % 3),
                              1.0f / static_cast<float>(r % 5 + 2), static_cast<float>(r % 2)));
  }
  return rounds;
}

TEST_CASE("rlrec -> obp -> rlrec keeps slates, probabilities, rewards and features") {
  TempDir dir("convert_obp_roundtrip");
  const std::vector<rlrec_data::Decision> before = catalogue_rounds();
  write_dataset(dir.path() / "rounds.jsonl", before);
  REQUIRE(convert("rlrec", "obp", dir.path() / "rounds.jsonl", dir.path() / "obd/random/all") == 0);
  // The layout OBP's OpenBanditDataset(behavior_policy="random", campaign="all", data_path=obd) reads.
  const std::string rows = read_text(dir.path() / "obd/random/all/all.csv");
  CHECK(rows.rfind(
            ",timestamp,item_id,position,click,propensity_score,user_feature_0,user_feature_1\n0,0,0,1,0,0.5,0,1\n",
            0) == 0);
  CHECK(read_text(dir.path() / "obd/random/all/item_context.csv") ==
        ",item_id,item_feature_0,item_feature_1\n0,0,0.5,-1\n1,1,0.125,2\n2,2,3e-07,0\n");

  REQUIRE(convert("obp", "rlrec", dir.path() / "obd/random/all", dir.path() / "back.jsonl") == 0);
  const std::vector<rlrec_data::Decision> after = read_all(dir.path() / "back.jsonl");
  check_all_kept(before, after);
  // OBP -> rlrec -> OBP is a fixed point too (the position travels in info).
  REQUIRE(convert("rlrec", "obp", dir.path() / "back.jsonl", dir.path() / "again/all") == 0);
  CHECK(read_text(dir.path() / "again/all/all.csv") == rows);
}

TEST_CASE("a slate exports to OBP as one row per position, with its slot propensity and click") {
  TempDir dir("convert_obp_slates");
  rlrec_data::Decision d = decision(0, {1}, 3, {0, 1, 2}, 0, 0.125f, 1.0f);
  d.slate = {2, 0};
  d.slot_propensity = {0.25f, 0.5f};
  d.has_responses = true;
  d.responses = {"responses", {2, 2}, {0, 0, 1, 1}, RLREC_DTYPE_F32};  // slot 1 clicked
  write_dataset(dir.path() / "slates.jsonl", {d});
  REQUIRE(convert("rlrec", "obp", dir.path() / "slates.jsonl", dir.path() / "all") == 0);
  CHECK(read_text(dir.path() / "all/all.csv") ==
        ",timestamp,item_id,position,click,propensity_score,user_feature_0\n"
        "0,0,2,1,0,0.25,1\n"
        "1,0,0,2,1,0.5,1\n");
  // OBP's rows are independent rounds: they come back as two decisions of one slot.
  const std::vector<rlrec_data::Decision> back = [&] {
    REQUIRE(convert("obp", "rlrec", dir.path() / "all", dir.path() / "back.jsonl") == 0);
    return read_all(dir.path() / "back.jsonl");
  }();
  REQUIRE(back.size() == 2);
  CHECK(back[1].slate == std::vector<int32_t>{0});
  CHECK(back[1].slate_prob == 0.5f);
  CHECK(back[1].reward == 1.0f);
  CHECK(back[1].info[0].value == 1);  // position 2, 0-based
}

TEST_CASE("rlrec -> rlrec re-writes a dataset as zstd shards") {
  TempDir dir("convert_rlrec_shards");
  const std::vector<rlrec_data::Decision> before = catalogue_rounds();
  write_dataset(dir.path() / "rounds.jsonl", before);
  REQUIRE(convert("rlrec", "rlrec", dir.path() / "rounds.jsonl", dir.path() / "shards",
                  "--compression zstd --shard-decisions 16") == 0);
  CHECK(std::filesystem::exists(dir.path() / "shards/decisions-00002.jsonl.zst"));
  check_all_kept(before, read_all(dir.path() / "shards"));
}

}  // namespace
}  // namespace rlrec::convert_test
