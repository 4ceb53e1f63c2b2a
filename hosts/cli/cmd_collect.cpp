// rlrec collect (CONFIG | --checkpoint DIR) --episodes N --out PATH [--set KEY=VALUE]... [--json]
#include <cstdio>

#include "cli_common.hpp"
#include "errors.hpp"

namespace rlrec::cli {
namespace {

int collect(const po::variables_map &vm) {
  if (!vm.count("episodes") || vm["episodes"].as<uint64_t>() == 0) {
    throw core::ConfigError("collect needs --episodes N (at least 1)");
  }
  if (!vm.count("out"))
    throw core::ConfigError("collect needs --out PATH (a *.jsonl or *.jsonl.zst file, or a folder)");
  std::unique_ptr<core::Engine> engine = engine_from(vm, "collect");
  const std::string out = vm["out"].as<std::string>();
  InterruptOnSigint on_sigint(*engine);
  const core::CollectResult result = engine->collect(vm["episodes"].as<uint64_t>(), out);
  if (vm.count("json")) {
    std::printf("{\"episodes\": %llu, \"decisions\": %llu, \"episode_return_mean\": %.17g, \"out\": %s}\n",
                static_cast<unsigned long long>(result.episodes), static_cast<unsigned long long>(result.decisions),
                result.episode_return_mean, json_string(out).c_str());
  } else {
    std::printf("collected %llu episodes, %llu decisions (behaviour return %.4f per episode) into %s\n",
                static_cast<unsigned long long>(result.episodes), static_cast<unsigned long long>(result.decisions),
                result.episode_return_mean, out.c_str());
  }
  return kExitOk;
}

}  // namespace

Command collect_command() {
  Command c{"collect",
            "collect (CONFIG | --checkpoint DIR) --episodes N --out PATH [--set KEY=VALUE]... [--json]",
            "Runs the policy as a behaviour policy (explore mode, no learning) for N episodes on the collection\n"
            "seeds and writes every decision with its probabilities as a dataset (docs/dataset.md): PATH is a\n"
            "*.jsonl or *.jsonl.zst file, or a folder of shards. The config's `dataset` logger, if any, gives\n"
            "the writer's params.",
            po::options_description("options"),
            {},
            collect};
  c.options.add_options()("help,h", "this help")("episodes", po::value<uint64_t>(), "episodes to collect")(
      "out", po::value<std::string>(), "the dataset to write (never overwritten)")(
      "json", "print the result as one JSON object");
  add_engine_options(c.options, c.positional);
  return c;
}

}  // namespace rlrec::cli
