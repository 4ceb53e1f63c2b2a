// Malformed input: each kind of damage gives the promised error naming the file and the line, or,
// with skip_bad, is skipped and counted; a line cut short at the end is a warning.
#include <catch2/catch.hpp>

#include "data_support.hpp"

namespace rlrec::data_test {
namespace {

const std::string kGood =
    R"({"format":"rlrec.decision/1","episode_id":0,"t":0,"obs":{"user":[0.5,1],"candidates":[[1,2],[3,4],[5,6]]},)"
    R"("slate":[2,0],"slate_prob":0.25,"slot_propensity":[0.5,0.5],"reward":1,"terminated":false,"truncated":false,)"
    R"("policy_id":"p","policy_version":"1"})";

std::string replaced(std::string line, const std::string &from, const std::string &to) {
  const std::size_t at = line.find(from);
  REQUIRE(at != std::string::npos);
  return line.replace(at, from.size(), to);
}

// Two good lines, then `bad` as line 3, then a good line.
std::filesystem::path file_with(const TempDir &dir, const std::string &bad) {
  const std::filesystem::path file = dir.path() / "bad.jsonl";
  write_text(file, kGood + "\n" + kGood + "\n" + bad + "\n" + kGood + "\n");
  return file;
}

}  // namespace

TEST_CASE("a good file reads", "[corrupt]") {
  TempDir dir("good");
  const auto all = read_all(file_with(dir, kGood));
  REQUIRE(all.size() == 4);
  CHECK(all[0].obs[1].shape == std::vector<int64_t>{3, 2});
  CHECK(all[0].obs[1].values == std::vector<double>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("each malformed line is an error naming the file and the line", "[corrupt]") {
  TempDir dir("corrupt");
  struct Case {
    const char *what;
    std::string line;
    const char *message;
  };
  const std::vector<Case> cases = {
      {"bad JSON", replaced(kGood, "\"slate\":[2,0]", "\"slate\":[2,0"), "bad JSON"},
      {"not an object", "[1, 2]", "one JSON object"},
      {"missing field", replaced(kGood, "\"slate_prob\":0.25,", ""), "missing field 'slate_prob'"},
      {"missing obs", replaced(kGood, "\"obs\"", "\"obz\""), "missing field 'obs'"},
      {"wrong dims", replaced(kGood, "[0.5,1]", "[0.5,1,2]"), "'obs.user' has shape [3], the dataset has [2]"},
      {"ragged", replaced(kGood, "[5,6]", "[5]"), "ragged"},
      {"slate length", replaced(kGood, "[2,0]", "[2,0,1]"), "'slate' has 3 slots"},
      {"slate index", replaced(kGood, "[2,0]", "[3,0]"), "not among the 3 candidates"},
      {"probability 0", replaced(kGood, "0.25", "0"), "'slate_prob' = 0"},
      {"probability > 1", replaced(kGood, "0.25", "1.5"), "must be in (0, 1]"},
      {"probability NaN", replaced(kGood, "0.25", "null"), "'slate_prob' is null or NaN"},
      {"propensity 0", replaced(kGood, "[0.5,0.5]", "[0.5,0]"), "'slot_propensity' = 0"},
      {"propensity length", replaced(kGood, "[0.5,0.5]", "[0.5]"), "'slot_propensity' has 1 entries"},
      {"reward text", replaced(kGood, "\"reward\":1", "\"reward\":\"1\""), "'reward' must be a number"},
      {"flag", replaced(kGood, "\"terminated\":false", "\"terminated\":0"), "'terminated' must be true or false"},
      {"format", replaced(kGood, "rlrec.decision/1", "rlrec.decision/9"), "'format' must be"},
  };
  for (const Case &c : cases) {
    INFO(c.what);
    const std::filesystem::path file = file_with(dir, c.line);
    const std::string error = read_error(file);
    CHECK_THAT(error, Catch::StartsWith(file.string() + ":3: "));
    CHECK_THAT(error, Catch::Contains(c.message));

    rlrec_data::ReaderOptions skip;
    skip.skip_bad = true;
    rlrec_data::ReaderStats stats;
    CHECK(read_all(file, skip, &stats).size() == 3);
    CHECK(stats.bad_lines == 1);
    REQUIRE(stats.warnings.size() == 1);
    CHECK_THAT(stats.warnings[0], Catch::StartsWith(file.string() + ":3: ") && Catch::Contains(c.message));
  }
}

TEST_CASE("a last line cut short is a warning; every complete line is read", "[corrupt][truncated]") {
  TempDir dir("cut");
  const std::filesystem::path file = dir.path() / "cut.jsonl";
  for (std::size_t cut : {std::size_t{1}, kGood.size() / 2, kGood.size()}) {
    INFO("cut after " << cut << " bytes of the last line");
    write_text(file, kGood + "\n" + kGood + "\n" + kGood.substr(0, cut));
    rlrec_data::ReaderStats stats;
    CHECK(read_all(file, {}, &stats).size() == 2);
    CHECK(stats.truncated_lines == 1);
    REQUIRE(stats.warnings.size() == 1);
    CHECK_THAT(stats.warnings[0], Catch::StartsWith(file.string() + ":3: ") && Catch::Contains("cut short"));
  }
}

TEST_CASE("a cut line that is not the last one is an error", "[corrupt][truncated]") {
  TempDir dir("cut_middle");
  const std::filesystem::path file = dir.path() / "mid.jsonl";
  write_text(file, kGood + "\n" + kGood.substr(0, 40) + "\n" + kGood + "\n");
  CHECK_THAT(read_error(file), Catch::StartsWith(file.string() + ":2: bad JSON"));
}

TEST_CASE("a missing dataset and an empty folder are errors", "[corrupt]") {
  TempDir dir("missing");
  CHECK_THAT(read_error(dir.path() / "nothing.jsonl"), Catch::Contains("no such file"));
  CHECK_THAT(read_error(dir.path()), Catch::Contains("without *.jsonl"));
}

}  // namespace rlrec::data_test
