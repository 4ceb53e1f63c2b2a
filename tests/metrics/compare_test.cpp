// `rlrec compare`: the final metrics of several runs side by side.
#include <catch2/catch.hpp>

#include "scratch.hpp"

namespace rlrec::metrics_test {
namespace {

namespace fs = std::filesystem;

// alpha: csv only, an evaluation at 2000 but not at 3000. beta: csv and jsonl (with time/), to 4000.
void write_runs(const fs::path &root) {
  fs::create_directories(root / "alpha");
  write_text(root / "alpha" / "progress.csv",
             "env_steps,episode_return_mean,eval/episode_return_mean\n"
             "1000,1.5,\n"
             "2000,2.5,4.125\n"
             "3000,3.25,\n");
  fs::create_directories(root / "beta");
  write_text(root / "beta" / "progress.csv",
             "env_steps,episode_return_mean,learner/loss\n"
             "2000,0.5,0.25\n"
             "4000,0.75,0.125\n");
  write_text(root / "beta" / "result.jsonl",
             "{\"env_steps\": 2000, \"episode_return_mean\": 0.5, \"learner/loss\": 0.25, \"time/total_s\": 3.5}\n"
             "{\"env_steps\": 4000, \"episode_return_mean\": 0.75, \"learner/loss\": 0.125, \"time/total_s\": 7.25}\n"
             "{\"env_steps\": 5000, \"episode_ret");  // the run was killed while writing this line
}

}  // namespace

TEST_CASE("compare: the last value of every metric, one column per run", "[compare]") {
  ScratchFolder root("rlrec-test-compare");
  write_runs(root.path());
  const Finished text =
      run_program(rlrec({"compare", (root.path() / "alpha").string(), (root.path() / "beta").string()}));
  INFO(text.err);
  REQUIRE(text.exit_code == 0);
  CHECK(lines_of(text.out) == std::vector<std::string>{
                                  "metric                    alpha   beta", "env_steps                  3000   4000",
                                  "episode_return_mean        3.25   0.75",
                                  "eval/episode_return_mean  4.125      -",  // the last evaluation, not the last row
                                  "learner/loss                  -  0.125",
                                  "time/total_s                  -   7.25",  // wall-clock figures last
                              });
  CHECK_THAT(text.err, Catch::Contains("result.jsonl: the last line is cut short"));

  const Finished markdown = run_program(
      rlrec({"compare", (root.path() / "alpha").string(), (root.path() / "beta").string(), "--format", "markdown"}));
  REQUIRE(markdown.exit_code == 0);
  const auto md = lines_of(markdown.out);
  REQUIRE(md.size() == 7);
  CHECK(md[0] == "| metric | alpha | beta |");
  CHECK(md[1] == "|---|---:|---:|");
  CHECK(md[3] == "| episode_return_mean | 3.25 | 0.75 |");

  const Finished csv = run_program(rlrec({"compare", (root.path() / "beta").string(), "--format", "csv"}));
  REQUIRE(csv.exit_code == 0);
  CHECK(lines_of(csv.out)[0] == "metric,beta");
  CHECK(lines_of(csv.out)[4] == "time/total_s,7.25");
}

TEST_CASE("compare: runs in folders of one name are told apart by their paths", "[compare]") {
  ScratchFolder root("rlrec-test-compare-same");
  write_runs(root.path() / "a");
  fs::rename(root.path() / "a" / "beta", root.path() / "a" / "seed1");
  write_runs(root.path() / "b");
  fs::rename(root.path() / "b" / "beta", root.path() / "b" / "seed1");
  const std::string a = (root.path() / "a" / "seed1").string(), b = (root.path() / "b" / "seed1").string();
  const Finished text = run_program(rlrec({"compare", a, b, "--format", "csv"}));
  REQUIRE(text.exit_code == 0);
  CHECK(lines_of(text.out)[0] == "metric," + a + "," + b);
  CHECK(run_program(rlrec({"compare", a, "--format", "yaml"})).exit_code == 2);
  CHECK(run_program(rlrec({"compare", root.path().string()})).exit_code == 1);
}

}  // namespace rlrec::metrics_test
