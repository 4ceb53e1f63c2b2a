// runner_bench.cpp — env steps/s through the whole training runner (act, step, checks, learn,
// autoreset, metric rows) with the random policy on example.feed, for 1 and 2 workers, and the
// cost of the per-step observation checks (run.check_env) as a ratio.
#include <cstdio>
#include <filesystem>
#include <string>

#include "bench_util.hpp"
#include "engine.hpp"
#include "host_services.hpp"
#include "yaml_document.hpp"

namespace {

constexpr uint64_t kSteps = 2000000;

double train_seconds(uint32_t workers, uint32_t num_envs, bool check_env) {
  const std::string yaml = "run: {name: bench, seed: 1, total_env_steps: " + std::to_string(kSteps) +
                           ", workers: " + std::to_string(workers) + ", check_env: " + (check_env ? "true" : "false") +
                           ", eval: {episodes: 1}}\n"
                           "env: {plugin: example.feed, num_envs: " + std::to_string(num_envs) + "}\n"
                           "policy: {plugin: random}\nloggers: []\n";
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "rlrec_bench_runner";
  return rlrec::bench::best_seconds(3, [&] {
    std::filesystem::remove_all(dir);
    rlrec::core::Engine engine(rlrec::core::YamlDocument::from_string(yaml, "<bench>"));
    engine.train(dir, false);
  });
}

}  // namespace

int main() {
  rlrec::core::set_stderr_level(RLREC_LOG_WARNING);
  std::printf("full runner, random policy, example.feed (10 candidates, slate 2), %llu env steps, best of 3\n",
              static_cast<unsigned long long>(kSteps));
  const double base = train_seconds(1, 64, true);
  rlrec::bench::report("1 worker, 64 sub-envs, check_env", kSteps, base);
  const double unchecked = train_seconds(1, 64, false);
  rlrec::bench::report("1 worker, 64 sub-envs, no check_env", kSteps, unchecked);
  const double two = train_seconds(2, 64, true);
  rlrec::bench::report("2 workers, 64 sub-envs, check_env", kSteps, two);
  const double small = train_seconds(1, 8, true);
  rlrec::bench::report("1 worker, 8 sub-envs, check_env", kSteps, small);
  std::printf("\nratios: no-check/check %.3f, 2 workers/1 worker %.3f (time; < 1 is faster)\n", unchecked / base,
              two / base);
  return 0;
}
