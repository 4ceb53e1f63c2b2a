// env_step_bench.cpp — what the ABI and the host layers cost per env step. The same example.feed
// code is stepped (1) directly: compiled into this binary, its vtable called with no checks;
// (2) as a loaded plugin through the engine's EnvInstance (status checks, exception guard);
// (3) through VectorEnv (the runner's shard dispatch, one worker). Figures are ratios to (1)
// within one run, so machine noise mostly cancels.
#include <rlrec/plugin.h>

#include <cstdio>
#include <vector>

#include "batch.hpp"
#include "bench_util.hpp"
#include "instances.hpp"
#include "plugin_library.hpp"
#include "vector_env.hpp"
#include "yaml_document.hpp"

extern "C" const rlrec_plugin_entry *rlrec_plugin_get_entry(uint32_t host_abi_version);

namespace {

constexpr uint32_t kRows = 64;
constexpr int kSteps = 20000;
constexpr int kRepetitions = 5;

rlrec::core::ParamValues defaults(const rlrec_plugin_desc &desc) {
  const auto doc = rlrec::core::YamlDocument::from_string("{}", "<bench>");
  return rlrec::core::ParamValues::validate(std::span(desc.params, desc.num_params), YAML::Node(), doc, "bench");
}

// Steps `rows` sub-envs kSteps times with fixed slates, resetting rows whose episode ended.
template <class Reset, class Step>
void drive(const rlrec_env_spec &spec, uint32_t rows, Reset &&reset, Step &&step) {
  rlrec::core::EnvOutputBuffers out(spec, rows);
  std::vector<int32_t> actions(static_cast<std::size_t>(rows) * 2);
  for (uint32_t r = 0; r < rows; ++r) actions[2 * r] = 0, actions[2 * r + 1] = 1;
  std::vector<uint32_t> ids(rows);
  std::vector<uint64_t> seeds(rows);
  for (uint32_t r = 0; r < rows; ++r) ids[r] = r, seeds[r] = r;
  reset(rows, ids.data(), seeds.data(), out);
  uint64_t next_seed = rows;
  for (int t = 0; t < kSteps; ++t) {
    step(actions.data(), out);
    uint32_t count = 0;
    for (uint32_t r = 0; r < rows; ++r) {
      if (out.terminated[r] || out.truncated[r]) ids[count] = r, seeds[count++] = next_seed++;
    }
    if (count) reset(count, ids.data(), seeds.data(), out);
  }
}

rlrec_tensor action_tensor(int32_t *actions, uint32_t rows) {
  rlrec_tensor t{};
  t.data = actions;
  t.dtype = RLREC_DTYPE_I32;
  t.rank = 2;
  t.shape[0] = rows;
  t.shape[1] = 2;
  return t;
}

}  // namespace

int main() {
  using rlrec::bench::best_seconds;
  const double steps = static_cast<double>(kSteps) * kRows;
  std::printf("example.feed, %u sub-envs, slate 2 of 10 candidates, %d steps, best of %d\n", kRows, kSteps,
              kRepetitions);

  // (1) Direct.
  const rlrec_plugin_factory *factory = rlrec_plugin_get_entry(RLREC_ABI_VERSION)->factory_get(0);
  const rlrec::core::ParamValues params = defaults(*factory->desc);
  rlrec_env direct{};
  char err[256];
  if (factory->create_env(nullptr, params.data(), kRows, &direct, err, sizeof err) != RLREC_OK) {
    std::fprintf(stderr, "create failed: %s\n", err);
    return 1;
  }
  const rlrec_env_spec &spec = *direct.vtable->spec(direct.handle);
  const double direct_s = best_seconds(kRepetitions, [&] {
    drive(
        spec, kRows,
        [&](uint32_t n, const uint32_t *ids, const uint64_t *seeds, rlrec::core::EnvOutputBuffers &out) {
          rlrec_env_output view = out.view(n);
          direct.vtable->reset(direct.handle, n, ids, seeds, &view);
          out.view(kRows);
        },
        [&](int32_t *actions, rlrec::core::EnvOutputBuffers &out) {
          rlrec_tensor a = action_tensor(actions, kRows);
          rlrec_env_output view = out.view(kRows);
          direct.vtable->step(direct.handle, &a, &view);
        });
  });
  rlrec::bench::report("direct (static link, raw vtable)", steps, direct_s);
  direct.vtable->destroy(direct.handle);

  // (2) Loaded plugin through EnvInstance.
  auto library = rlrec::core::PluginLibrary::load(std::string(RLREC_BENCH_PLUGIN_DIR) + "/librlrec_example_env.so");
  const rlrec::core::PluginRef ref{library, library->factories()[0]};
  rlrec::core::EnvInstance env = rlrec::core::EnvInstance::create(ref, params, kRows);
  const double plugin_s = best_seconds(kRepetitions, [&] {
    drive(
        env.spec(), kRows,
        [&](uint32_t n, const uint32_t *ids, const uint64_t *seeds, rlrec::core::EnvOutputBuffers &out) {
          rlrec_env_output view = out.view(n);
          env.reset(n, ids, seeds, view);
          out.view(kRows);
        },
        [&](int32_t *actions, rlrec::core::EnvOutputBuffers &out) {
          rlrec_tensor a = action_tensor(actions, kRows);
          rlrec_env_output view = out.view(kRows);
          env.step(a, view);
        });
  });
  rlrec::bench::report("plugin (dlopen, EnvInstance)", steps, plugin_s);

  // (3) VectorEnv, one worker.
  rlrec::core::VectorEnv vector(ref, params, kRows, 1);
  rlrec::core::ObsBuffers first(vector.fields(), kRows);
  const double vector_s = best_seconds(kRepetitions, [&] {
    drive(
        vector.spec(), kRows,
        [&](uint32_t n, const uint32_t *ids, const uint64_t *seeds, rlrec::core::EnvOutputBuffers &) {
          vector.reset(std::vector<uint32_t>(ids, ids + n), std::vector<uint64_t>(seeds, seeds + n), first);
        },
        [&](int32_t *actions, rlrec::core::EnvOutputBuffers &out) { vector.step(actions, out); });
  });
  rlrec::bench::report("VectorEnv (runner dispatch, 1 worker)", steps, vector_s);

  std::printf("\nratio to direct: plugin %.3f, VectorEnv %.3f\n", plugin_s / direct_s, vector_s / direct_s);
  return 0;
}
