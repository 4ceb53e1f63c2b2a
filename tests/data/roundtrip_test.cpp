// Round trip: `collect` writes what the behaviour policy did, and the reader gives it back. The
// check is independent of the writer: every logged episode is replayed in a fresh env from its
// collection seed with the logged slates, and must reproduce the logged observations, rewards
// and episode ends exactly (envs are deterministic).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>

#include "data_support.hpp"
#include "engine.hpp"
#include "plugin_registry.hpp"
#include "seeding.hpp"
#include "step_checks.hpp"

namespace rlrec::data_test {
namespace {

constexpr uint64_t kSeed = 11;

std::string config(const std::string &env, const std::string &env_params, const std::string &policy,
                   const std::string &loggers = "[]") {
  return "run: {name: collect_test, seed: " + std::to_string(kSeed) + "}\n" + "env: {plugin: " + env +
         ", num_envs: 4, params: " + env_params + "}\n" + "policy: {plugin: " + policy + "}\n" + "loggers: " + loggers +
         "\n";
}

// The logged decisions grouped by episode, each in t order; checks the episode structure.
std::map<uint64_t, std::vector<const rlrec_data::Decision *>> episodes_of(
    const std::vector<rlrec_data::Decision> &all) {
  std::map<uint64_t, std::vector<const rlrec_data::Decision *>> episodes;
  for (const rlrec_data::Decision &d : all) episodes[d.episode_id].push_back(&d);
  for (const auto &[id, steps] : episodes) {
    INFO("episode " << id);
    for (std::size_t t = 0; t < steps.size(); ++t) {
      CHECK(steps[t]->t == t);
      const bool last = t + 1 == steps.size();
      CHECK((steps[t]->terminated || steps[t]->truncated) == last);
    }
  }
  return episodes;
}

// Replays every episode in a fresh env and compares with the log.
void replay(const std::string &env_id, const std::string &env_params,
            const std::map<uint64_t, std::vector<const rlrec_data::Decision *>> &episodes) {
  core::PluginRegistry registry;
  const core::PluginRef plugin = registry.find(env_id, RLREC_KIND_ENV);
  const core::YamlDocument doc = core::YamlDocument::from_string(env_params, "params");
  const core::ParamValues params = core::ParamValues::validate(
      std::span(plugin.desc().params, plugin.desc().num_params), doc.root(), doc, "test env");
  core::VectorEnv env(plugin, params, 1, 1);
  const uint32_t time_limit = core::time_limit_of(env, 0);
  for (const auto &[episode, steps] : episodes) {
    core::ObsBuffers obs(env.fields(), 1);
    core::EnvOutputBuffers out(env.spec(), 1);
    env.reset({0}, {core::derive_seed(kSeed, core::kCollectEpisodes, episode, 0)}, obs);
    std::vector<uint32_t> step_index{0};
    for (const rlrec_data::Decision *d : steps) {
      INFO("episode " << episode << " t " << d->t);
      REQUIRE(d->obs.size() == env.fields().size());
      for (std::size_t f = 0; f < d->obs.size(); ++f) {
        const rlrec_field &field = env.fields()[f];
        REQUIRE(d->obs[f].name == field.name);
        const auto numel = static_cast<std::size_t>(rlrec_space_numel(&field.space));
        REQUIRE(d->obs[f].values.size() == numel);
        for (std::size_t i = 0; i < numel; ++i) {
          const double logged = d->obs[f].values[i];
          switch (field.space.dtype) {
            // float32 is written as the shortest text that reads back to the same float
            case RLREC_DTYPE_F32:
              REQUIRE(static_cast<float>(logged) == reinterpret_cast<const float *>(obs.row(f, 0))[i]);
              break;
            case RLREC_DTYPE_U8:
              REQUIRE(logged == obs.row(f, 0)[i]);
              break;
            case RLREC_DTYPE_I32:
              REQUIRE(logged == reinterpret_cast<const int32_t *>(obs.row(f, 0))[i]);
              break;
            default:
              REQUIRE(logged == reinterpret_cast<const double *>(obs.row(f, 0))[i]);
          }
        }
      }
      env.step(d->slate.data(), out);
      core::finish_step(env, out, step_index, time_limit, true);
      REQUIRE(d->reward == out.reward[0]);
      REQUIRE(d->terminated == (out.terminated[0] != 0));
      REQUIRE(d->truncated == (out.truncated[0] != 0));
      ++step_index[0];
      std::swap(obs, out.obs);
    }
  }
}

}  // namespace

TEST_CASE("collect then read gives back what the random policy did on the linear bandit", "[roundtrip]") {
  TempDir dir("roundtrip_bandit");
  const std::string params = "{num_candidates: 10, slate_size: 2, episode_length: 5}";
  core::Engine engine(core::YamlDocument::from_string(config("bandit.linear", params, "random"), "test.yaml"));
  const core::CollectResult result = engine.collect(7, dir.path() / "bandit.jsonl");
  const std::vector<rlrec_data::Decision> all = read_all(dir.path() / "bandit.jsonl");

  CHECK(result.episodes == 7);
  CHECK(result.decisions == all.size());
  const auto episodes = episodes_of(all);
  REQUIRE(episodes.size() == 7);  // 4 rows, 7 episodes: the filler episodes of the tail are not logged
  CHECK(episodes.rbegin()->first == 6);
  for (const rlrec_data::Decision &d : all) {
    CHECK(d.slate_prob == Approx(1.0 / 90.0));  // an ordered pair of distinct items out of 10
    REQUIRE(d.slot_propensity.size() == 2);
    CHECK(d.policy_id == "random");
    CHECK(d.policy_version == "1.0.0");
    CHECK(d.slate[0] != d.slate[1]);
  }
  replay("bandit.linear", params, episodes);
}

TEST_CASE("collect writes interest evolution episodes as zstd shards that read back exactly", "[roundtrip]") {
  TempDir dir("roundtrip_ie");
  const std::string params = "{num_candidates: 6, slate_size: 2}";
  core::Engine engine(
      core::YamlDocument::from_string(config("recsim.interest_evolution", params, "random",
                                             "[{plugin: dataset, params: {compression: zstd, shard_decisions: 40}}]"),
                                      "test.yaml"));
  const core::CollectResult result = engine.collect(5, dir.path() / "ie");
  const std::vector<std::filesystem::path> files = rlrec_data::dataset_files(dir.path() / "ie");
  CHECK(files.size() == (result.decisions + 39) / 40);
  CHECK(files[0].filename() == "decisions-00000.jsonl.zst");

  rlrec_data::ReaderStats stats;
  const std::vector<rlrec_data::Decision> all = read_all(dir.path() / "ie", {}, &stats);
  CHECK(stats.warnings.empty());
  REQUIRE(all.size() == result.decisions);
  for (const rlrec_data::Decision &d : all) {
    REQUIRE(d.has_responses);  // the env's `response` field: the per-slot responses of the step
    CHECK(d.responses.shape[0] == 2);
  }
  const auto episodes = episodes_of(all);
  REQUIRE(episodes.size() == 5);
  replay("recsim.interest_evolution", params, episodes);
}

TEST_CASE("collect never overwrites a dataset", "[roundtrip]") {
  TempDir dir("no_overwrite");
  const std::string text = config("bandit.linear", "{episode_length: 3}", "random");
  core::Engine engine(core::YamlDocument::from_string(text, "test.yaml"));
  engine.collect(2, dir.path() / "one.jsonl");
  const std::string before = read_text(dir.path() / "one.jsonl");
  CHECK_THROWS_WITH(engine.collect(2, dir.path() / "one.jsonl"), Catch::Contains("exists"));
  CHECK(read_text(dir.path() / "one.jsonl") == before);
}

TEST_CASE("rlrec collect runs an epsilon-greedy behaviour policy from the command line", "[roundtrip][cli]") {
  TempDir dir("cli");
  const std::filesystem::path yaml = dir.path() / "egreedy.yaml";
  write_text(yaml, config("bandit.linear", "{num_candidates: 8, slate_size: 2, episode_length: 4}", "egreedy"));
  const std::string command = std::string(RLREC_TEST_CLI) + " collect " + yaml.string() + " --episodes 6 --out " +
                              (dir.path() / "eg.jsonl.zst").string() + " --json > " +
                              (dir.path() / "stdout.txt").string();
  REQUIRE(std::system(command.c_str()) == 0);
  CHECK_THAT(read_text(dir.path() / "stdout.txt"), Catch::Contains("\"decisions\": 24"));
  const std::vector<rlrec_data::Decision> all = read_all(dir.path() / "eg.jsonl.zst");
  REQUIRE(all.size() == 24);
  for (const rlrec_data::Decision &d : all) {
    CHECK(d.policy_id == "egreedy");
    CHECK(d.slate_prob > 0.0f);
    CHECK(d.slate_prob <= 1.0f);
  }
  episodes_of(all);
}

}  // namespace rlrec::data_test
