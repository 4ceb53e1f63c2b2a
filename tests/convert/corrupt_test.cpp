// Bad input gets a clear error naming FILE:LINE, exit code 1, and no output at all: the message is
// asserted whole for each case, and the folder is checked to hold no OUT nor a staged leftover.
#include <catch2/catch.hpp>

#include "convert_support.hpp"

namespace rlrec::convert_test {
namespace {

struct Case {
  const char *what;
  const char *text;
  const char *message;  // after "rlrec data: error: <file>:"
};

// The names in `folder` (to check nothing was left behind).
std::vector<std::string> names_in(const std::filesystem::path &folder) {
  std::vector<std::string> names;
  for (const auto &entry : std::filesystem::directory_iterator(folder)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

// Converts `in` and checks the refusal: exit 1, the message, nothing written.
void check_refused(const std::string &from, const std::string &to, const std::filesystem::path &in,
                   const std::filesystem::path &out, const std::string &message) {
  const std::vector<std::string> before = names_in(out.parent_path());
  std::string err;
  CHECK(convert(from, to, in, out, "", &err) == 1);
  CHECK(err == "rlrec data: error: " + message + "\n");
  CHECK(names_in(out.parent_path()) == before);
}

TEST_CASE("a corrupt VW line is refused with its file and line") {
  const Case cases[] = {
      {"probability 0", "0:1:0 |A a\n|A b\n", "1: the label's probability must be in (0, 1], got 0"},
      {"probability above 1", "|A a\n0:1:1.5 |A b\n", "2: the label's probability must be in (0, 1], got 1.5"},
      {"missing probability", "0:1 |A a\n",
       "1: label '0:1' is not action:cost:probability (or 'shared'; an unlabelled action has none)"},
      {"cost not a number", "0:x:0.5 |A a\n", "1: the label's cost is not a number: 'x'"},
      {"feature not a number", "0:1:0.5 |A a:1\n|A a:x\n", "2: feature a's value is not a number: 'x'"},
      {"no label", "0:1:0.5 |A a\n\nshared |U u\n|A a\n|A b\n",
       "3: an example without a labelled action (action:cost:probability): a test example logs no decision"},
      {"two labels", "0:1:0.5 |A a\n0:1:0.5 |A b\n",
       "2: a second labelled action in one example: --cb_explore_adf logs one action"},
      {"ragged candidates", "0:1:0.5 |A a\n|A b\n\n|A a\n0:1:0.5 |A b\n|A c\n",
       "4: an example with 3 actions; the first had 2 (a dataset's candidates have one shape)"},
      {"shared not first", "0:1:0.5 |A a\nshared |U u\n",
       "2: a 'shared' line must be the first line of its example (one per example)"},
      {"no bar", "0:1:0.5 a:1\n", "1: no '|' (not a VW text example line)"},
      {"only shared", "shared |U u\n", "1: an example with no action lines"},
  };
  TempDir dir("convert_vw_corrupt");
  for (const Case &c : cases) {
    INFO(c.what);
    write_text(dir.path() / "bad.vw", c.text);
    check_refused("vw", "rlrec", dir.path() / "bad.vw", dir.path() / "out.jsonl",
                  (dir.path() / "bad.vw").string() + ":" + c.message);
  }
}

TEST_CASE("a corrupt OBP line is refused with its file and line") {
  const char *header = ",timestamp,item_id,position,click,propensity_score,user-item_affinity_0\n";
  const char *good = "0,t0,1,1,0,0.5,0.25\n";
  const Case cases[] = {
      {"propensity 0", "1,t1,2,2,1,0,0.5\n", "3: propensity_score must be in (0, 1], got 0"},
      {"propensity above 1", "1,t1,2,2,1,1.01,0.5\n", "3: propensity_score must be in (0, 1], got 1.01"},
      {"unknown item", "1,t1,3,2,1,0.5,0.5\n", "3: item_id must be an integer in [0, 2], got '3'"},
      {"position 0", "1,t1,2,0,1,0.5,0.5\n", "3: position (1-based) must be an integer in [1, 1048576], got '0'"},
      {"missing field", "1,t1,2,2,1,0.5\n", "3: 6 fields, the header has 7"},
      {"click not a number", "1,t1,2,2,yes,0.5,0.5\n", "3: click is not a number: 'yes'"},
      {"text in a numeric column", "1,t1,2,2,1,0.5,abc\n",
       "3: column user-item_affinity_0 is numeric (its first value is a number) but holds 'abc'"},
      {"quoted field", "1,\"t,1\",2,2,1,0.5,0.5\n",
       "3: a quoted field: OBP's files have none, and this reader does not unquote"},
  };
  TempDir dir("convert_obp_corrupt");
  const std::filesystem::path campaign = dir.path() / "in";
  std::filesystem::create_directories(campaign);
  write_text(campaign / "item_context.csv", ",item_id,item_feature_0\n0,0,1\n1,1,2\n2,2,3\n");
  for (const Case &c : cases) {
    INFO(c.what);
    write_text(campaign / "all.csv", std::string(header) + good + c.text);
    check_refused("obp", "rlrec", campaign, dir.path() / "out.jsonl",
                  (campaign / "all.csv").string() + ":" + c.message);
  }
  write_text(campaign / "all.csv", ",timestamp,item_id,position,click\n");
  check_refused("obp", "rlrec", campaign, dir.path() / "out.jsonl",
                (campaign / "all.csv").string() + ":1: no propensity_score column");
  write_text(campaign / "all.csv", std::string(header) + good);
  write_text(campaign / "item_context.csv", ",item_id,item_feature_0\n0,0,1\n1,0,2\n");
  check_refused("obp", "rlrec", campaign, dir.path() / "out.jsonl",
                (campaign / "item_context.csv").string() + ":3: item_id 0 appears twice");
}

TEST_CASE("a decision the output format cannot represent is refused with the line it came from") {
  TempDir dir("convert_unrepresentable");
  rlrec_data::Decision slate = decision(0, {1}, 3, {0, 1, 2}, 0, 0.125f, 1.0f);
  slate.slate = {2, 0};
  write_dataset(dir.path() / "slate.jsonl", {slate});
  check_refused("rlrec", "vw", dir.path() / "slate.jsonl", dir.path() / "out.vw",
                (dir.path() / "slate.jsonl").string() +
                    ":1: a slate of 2: VW's --cb_explore_adf logs one action per example (export slates to obp)");
  check_refused("rlrec", "obp", dir.path() / "slate.jsonl", dir.path() / "obp",
                (dir.path() / "slate.jsonl").string() +
                    ":1: a slate of 2 without slot_propensity: OBP's propensity_score is the probability of each "
                    "position's item");
  write_dataset(dir.path() / "moving.jsonl",
                {decision(0, {1}, 2, {0, 1}, 0, 0.5f, 1.0f), decision(1, {1}, 2, {0, 2}, 0, 0.5f, 1.0f)});
  check_refused("rlrec", "obp", dir.path() / "moving.jsonl", dir.path() / "obp",
                (dir.path() / "moving.jsonl").string() +
                    ":2: the candidates differ from the first decision's: OBP's item_context.csv holds one set of "
                    "item features for every round");
}

TEST_CASE("an existing OUT is kept unless --force") {
  TempDir dir("convert_existing");
  write_text(dir.path() / "out.jsonl", "precious\n");
  std::string err;
  CHECK(convert("vw", "rlrec", fixture("vw/small.txt"), dir.path() / "out.jsonl", "", &err) == 2);
  CHECK(err == "rlrec data: error: " + (dir.path() / "out.jsonl").string() + " exists (--force replaces it)\n");
  CHECK(read_text(dir.path() / "out.jsonl") == "precious\n");
  CHECK(convert("vw", "rlrec", fixture("vw/small.txt"), dir.path() / "out.jsonl", "--force") == 0);
  CHECK(read_all(dir.path() / "out.jsonl").size() == 2);
  CHECK(names_in(dir.path()) == std::vector<std::string>{"out.jsonl"});
}

}  // namespace
}  // namespace rlrec::convert_test
