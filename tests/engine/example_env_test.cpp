// example.feed through the ABI: determinism for any split into sub-envs, the contract's errors
// (invalid slates, step before reset), and dynamics that respond to the slate.
#include <catch2/catch.hpp>

#include <cstring>

#include "batch.hpp"
#include "errors.hpp"
#include "instances.hpp"
#include "plugin_registry.hpp"
#include "support.hpp"
#include "yaml_document.hpp"

namespace {

using rlrec::core::EnvInstance;
using rlrec::core::EnvOutputBuffers;

struct Feed {
  rlrec::core::PluginRegistry registry;
  rlrec::core::PluginRef plugin = registry.find("example.feed", RLREC_KIND_ENV);
  rlrec::core::YamlDocument doc = rlrec::core::YamlDocument::from_string("{num_candidates: 6, slate_size: 2}", "p");
  rlrec::core::ParamValues params = rlrec::core::ParamValues::validate(
      std::span(plugin.desc().params, plugin.desc().num_params), doc.root(), doc, "params");

  EnvInstance make(uint32_t num_envs) { return EnvInstance::create(plugin, params, num_envs); }
};

rlrec_tensor slates(std::vector<int32_t> &actions, uint32_t rows) {
  rlrec_tensor t{};
  t.data = actions.data();
  t.dtype = RLREC_DTYPE_I32;
  t.rank = 2;
  t.shape[0] = rows;
  t.shape[1] = 2;
  return t;
}

// Rewards and observation bytes of `steps` steps of episodes seeded 100 + i, run as one instance
// of `rows` sub-envs; every episode plays slate {0, 1}.
std::vector<float> trajectory(Feed &feed, uint32_t rows, uint32_t first_seed, int steps) {
  EnvInstance env = feed.make(rows);
  EnvOutputBuffers out(env.spec(), rows);
  std::vector<uint32_t> ids(rows);
  std::vector<uint64_t> seeds(rows);
  for (uint32_t r = 0; r < rows; ++r) ids[r] = r, seeds[r] = first_seed + r;
  rlrec_env_output view = out.view(rows);
  env.reset(rows, ids.data(), seeds.data(), view);
  std::vector<float> values;
  std::vector<int32_t> actions(2 * rows);
  for (uint32_t r = 0; r < rows; ++r) actions[2 * r] = 0, actions[2 * r + 1] = 1;
  std::vector<uint8_t> ended(rows, 0);
  for (int t = 0; t < steps; ++t) {
    rlrec_tensor a = slates(actions, rows);
    env.step(a, view);
    for (uint32_t r = 0; r < rows; ++r) {
      values.push_back(ended[r] ? -1.0f : out.reward[r]);
      const auto *user = reinterpret_cast<const float *>(out.obs.row(0, r));
      values.push_back(ended[r] ? -1.0f : user[0]);
      if (out.terminated[r] || out.truncated[r]) {
        // Keep the row steppable with a throwaway episode; its values are masked from now on.
        ended[r] = 1;
        const uint32_t id = r;
        const uint64_t seed = 999;
        EnvOutputBuffers scratch(env.spec(), 1);
        rlrec_env_output scratch_view = scratch.view(1);
        env.reset(1, &id, &seed, scratch_view);
      }
    }
  }
  return values;
}

// Row r of a run over `rows` sub-envs, as its own sequence.
std::vector<float> column(const std::vector<float> &values, uint32_t rows, uint32_t r) {
  std::vector<float> out;
  for (std::size_t i = 0; i < values.size(); i += 2 * rows) out.insert(out.end(), {values[i + 2 * r], values[i + 2 * r + 1]});
  return out;
}

}  // namespace

TEST_CASE("example.feed: the same seeds give bitwise the same trajectory for any split", "[example_env]") {
  Feed feed;
  const std::vector<float> four = trajectory(feed, 4, 100, 30);
  const std::vector<float> four_again = trajectory(feed, 4, 100, 30);
  CHECK(std::memcmp(four.data(), four_again.data(), four.size() * sizeof(float)) == 0);
  for (uint32_t r = 0; r < 4; ++r) {
    const std::vector<float> alone = trajectory(feed, 1, 100 + r, 30);
    const std::vector<float> inside = column(four, 4, r);
    REQUIRE(alone.size() == inside.size());
    CHECK(std::memcmp(alone.data(), inside.data(), alone.size() * sizeof(float)) == 0);
  }
  CHECK(column(four, 4, 0) != column(four, 4, 1));  // different seeds, different users
}

TEST_CASE("example.feed rejects invalid slates and steps before reset, naming the sub-env", "[example_env]") {
  Feed feed;
  EnvInstance env = feed.make(2);
  EnvOutputBuffers out(env.spec(), 2);
  rlrec_env_output view = out.view(2);
  std::vector<int32_t> actions = {0, 1, 2, 3};
  rlrec_tensor a = slates(actions, 2);
  CHECK_THROWS_WITH(env.step(a, view), Catch::Contains("example.feed") && Catch::Contains("status 5"));

  const uint32_t ids[2] = {0, 1};
  const uint64_t seeds[2] = {1, 2};
  env.reset(2, ids, seeds, view);
  actions = {0, 1, 3, 3};
  CHECK_THROWS_WITH(env.step(a, view), Catch::Contains("sub-env 1") && Catch::Contains("status 1"));
  actions = {0, 6, 1, 2};
  CHECK_THROWS_WITH(env.step(a, view), Catch::Contains("sub-env 0") && Catch::Contains("6"));
  actions = {0, 1, 2, 3};
  CHECK_NOTHROW(env.step(a, view));
}
