// A writer killed with SIGKILL in the middle of a collection leaves a dataset whose every complete
// line reads, with at most one cut line reported as a warning — plain and zstd.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>

#include "data_support.hpp"

namespace rlrec::data_test {

TEST_CASE("a dataset whose writer was SIGKILLed reads up to the cut", "[truncated][killed]") {
  TempDir dir("killed");
  const std::filesystem::path yaml = dir.path() / "long.yaml";
  write_text(
      yaml,
      "run: {name: killed, seed: 3}\n"
      "env: {plugin: bandit.linear, num_envs: 8, params: {num_candidates: 50, slate_size: 3, episode_length: 100}}\n"
      "policy: {plugin: random}\n"
      "loggers: []\n");
  for (const char *name : {"killed.jsonl", "killed.jsonl.zst"}) {
    INFO(name);
    const std::filesystem::path out = dir.path() / name;
    // Far more episodes than 1.5 s allow: the kill always lands mid-collection.
    const std::string command = "timeout -s KILL 1.5 " + std::string(RLREC_TEST_CLI) + " collect " + yaml.string() +
                                " --episodes 100000000 --out " + out.string() + " > /dev/null 2>&1";
    const int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 128 + 9);  // killed by timeout's SIGKILL
    REQUIRE(std::filesystem::file_size(out) > 0);

    rlrec_data::ReaderStats stats;
    const std::vector<rlrec_data::Decision> all = read_all(out, {}, &stats);
    CHECK(all.size() > 1000);
    CHECK(stats.truncated_lines <= 1);
    CHECK(stats.bad_lines == 0);
    // Lines are written whole and in episode order per row: every episode's t runs from 0 without gaps.
    std::map<uint64_t, uint32_t> next_t;
    for (const rlrec_data::Decision &d : all) {
      CHECK(d.t == next_t[d.episode_id]);
      next_t[d.episode_id] = d.t + 1;
    }
    if (std::string(name).ends_with(".zst")) {
      // The compressed stream stops inside its frame (the writer never closed it): said, not fatal.
      REQUIRE_FALSE(stats.warnings.empty());
      CHECK_THAT(stats.warnings.back(), Catch::Contains("inside a frame"));
    }
  }
}

}  // namespace rlrec::data_test
