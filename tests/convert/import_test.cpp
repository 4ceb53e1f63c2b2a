// Hand-written OBP and VW files import to the decisions they mean (the expected numbers are worked
// out by hand in the comments, not produced by the converter).
#include <catch2/catch.hpp>

#include "convert_support.hpp"

namespace rlrec::convert_test {
namespace {

// tests/fixtures/convert/obp/all: three items and three rounds.
//   item_context: feature_0 numeric; feature_1 {cat_a, cat_b, cat_c} -> 2 columns (cat_a dropped);
//   feature_2 {x, y} -> 1; feature_3 {p, q} -> 1.  dd = 5.
//   user_feature_0 {u_a, u_b} -> 1 column; user_feature_1 {k1} -> none; three affinities.  du = 4.
const std::vector<double> kItems = {-0.5, 1, 0, 0, 0,  //
                                    0.25, 0, 0, 1, 0,  //
                                    0.75, 0, 1, 0, 1};

void check_obp_rounds(const std::vector<rlrec_data::Decision> &all) {
  REQUIRE(all.size() == 3);
  const std::vector<std::vector<double>> users = {{0, 0, 1, 0}, {0, 0, 1, 0}, {1, 2, 0, 0.5}};
  const std::vector<int32_t> items = {2, 0, 1};
  const std::vector<float> probabilities = {0.3333333f, 0.25f, 0.5f};
  const std::vector<float> clicks = {0, 1, 0};
  for (std::size_t r = 0; r < 3; ++r) {
    INFO("round " << r);
    const rlrec_data::Decision &d = all[r];
    CHECK(d.episode_id == r);
    CHECK(d.t == 0);
    CHECK(d.terminated);
    CHECK(field(d, "user") == users[r]);
    CHECK(field(d, "candidates") == kItems);
    CHECK(d.slate == std::vector<int32_t>{items[r]});
    CHECK(d.slate_prob == probabilities[r]);
    CHECK(d.reward == clicks[r]);
    REQUIRE(d.info.size() == 1);
    CHECK(d.info[0].name == "position");
    CHECK(d.info[0].value == static_cast<double>(r));  // positions 1, 2, 3 in the file
  }
}

TEST_CASE("an OBP campaign folder imports one decision per row") {
  TempDir dir("convert_obp_import");
  REQUIRE(convert("obp", "rlrec", fixture("obp/all"), dir.path() / "a.jsonl") == 0);
  check_obp_rounds(read_all(dir.path() / "a.jsonl"));
  // Naming the data CSV itself, and item_context.csv explicitly, means the same.
  REQUIRE(convert("obp", "rlrec", fixture("obp/all/all.csv"), dir.path() / "b.jsonl",
                  "--item-context " + fixture("obp/all/item_context.csv").string()) == 0);
  check_obp_rounds(read_all(dir.path() / "b.jsonl"));
}

TEST_CASE("a VW --cb_explore_adf file imports one decision per example") {
  TempDir dir("convert_vw_import");
  REQUIRE(convert("vw", "rlrec", fixture("vw/small.txt"), dir.path() / "v.jsonl") == 0);
  const std::vector<rlrec_data::Decision> all = read_all(dir.path() / "v.jsonl");
  REQUIRE(all.size() == 2);
  // Columns in the order names first appear: user (User^age, User^paris); candidates
  // (Action^price, Action^sport, Action^news, Extra^w), Extra scaled by 2; absent features are 0.
  CHECK(field(all[0], "user") == std::vector<double>{0.5, 1});
  CHECK(field(all[0], "candidates") == std::vector<double>{0.2, 1, 0, 0, 0.9, 0, 1, 0, 0.4, 0, 0, 0});
  CHECK(all[0].slate == std::vector<int32_t>{1});
  CHECK(all[0].slate_prob == 0.25f);
  CHECK(all[0].reward == 1.0f);  // cost -1
  CHECK(field(all[1], "user") == std::vector<double>{0.25, 0});
  CHECK(field(all[1], "candidates") == std::vector<double>{0.2, 1, 0, 3, 0.9, 0, 1, 0, 0, 0, 1, 0});
  CHECK(all[1].slate == std::vector<int32_t>{0});  // the labelled line, whatever the label's action says
  CHECK(all[1].slate_prob == 0.5f);
  CHECK(all[1].reward == 0.0f);
  CHECK(!std::signbit(all[1].reward));  // a cost of 0 is a reward of 0, not -0

  REQUIRE(convert("vw", "rlrec", fixture("vw/small.txt"), dir.path() / "same.jsonl", "--reward-from-cost same") == 0);
  CHECK(read_all(dir.path() / "same.jsonl")[0].reward == -1.0f);
}

TEST_CASE("--add-response makes imported rounds fit bandit.linear, which trains on them") {
  TempDir dir("convert_fits_env");
  REQUIRE(convert("obp", "rlrec", fixture("obp/all"), dir.path() / "r.jsonl", "--add-response") == 0);
  const std::vector<rlrec_data::Decision> all = read_all(dir.path() / "r.jsonl");
  REQUIRE(all.size() == 3);
  CHECK(field(all[1], "response") == std::vector<double>{0, 0});
  CHECK(all[1].responses.values == std::vector<double>{1, 1});  // clicked, reward
  CHECK(all[0].info[0].name == "clicked_slot");
  CHECK(all[0].info[0].value == -1);
  CHECK(all[1].info[0].value == 0);

  const std::filesystem::path config = test::write_config(dir.path(), "obp.yaml", R"(
run:     {name: obp_lints, seed: 1, eval: {episodes: 10}}
env:     {plugin: bandit.linear, num_envs: 1,
          params: {user_dim: 4, item_dim: 5, num_candidates: 3, slate_size: 1, episode_length: 1}}
input:   {dataset: r.jsonl, epochs: 2}
policy:  {plugin: lints}
loggers: []
)");
  std::string err;
  CHECK(test::run_cli("train " + config.string() + " --run-dir " + (dir.path() / "run").string(), nullptr, &err) == 0);
  CHECK(err.find("trained on 6 logged decisions") != std::string::npos);
}

TEST_CASE("imported rounds train a policy with no env at all, and rlrec ope estimates it") {
  TempDir dir("convert_no_env");
  REQUIRE(convert("obp", "rlrec", fixture("obp/all"), dir.path() / "r.jsonl") == 0);
  const std::filesystem::path config = test::write_config(dir.path(), "obp.yaml", R"(
run:     {name: obp_linucb, seed: 1}
input:   {dataset: r.jsonl, epochs: 2}
policy:  {plugin: linucb}
loggers: []
)");
  std::string out, err;
  const std::string run = (dir.path() / "run").string();
  REQUIRE(test::run_cli("train " + config.string() + " --run-dir " + run, &out, &err) == 0);
  CHECK(out.find("trained on 6 logged decisions; the config has no env to evaluate in") != std::string::npos);
  // The checkpoint carries the spec read from the data: ope needs nothing else.
  REQUIRE(test::run_cli("ope --json --data " + (dir.path() / "r.jsonl").string() + " --checkpoint " + run, &out, &err) == 0);
  CHECK(out.find("\"decisions\": 3") != std::string::npos);
  CHECK(test::run_cli("evaluate --checkpoint " + run, &out, &err) == 2);
  CHECK(err.find("no 'env' to run the policy in") != std::string::npos);
}

}  // namespace
}  // namespace rlrec::convert_test
