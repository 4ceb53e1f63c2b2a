// rlrec evaluate (CONFIG | --checkpoint DIR) [--episodes N] [--set KEY=VALUE]... [--json]
#include <memory>

#include "checkpoint.hpp"
#include "cli_common.hpp"
#include "errors.hpp"

namespace rlrec::cli {
namespace {

int evaluate(const po::variables_map &vm) {
  const bool has_config = vm.count("config") > 0;
  const bool has_checkpoint = vm.count("checkpoint") > 0;
  if (has_config == has_checkpoint) throw core::ConfigError("evaluate takes either CONFIG or --checkpoint DIR");
  std::unique_ptr<core::Engine> engine;
  if (has_checkpoint) {
    engine = core::Engine::from_checkpoint(vm["checkpoint"].as<std::string>(), set_overrides(vm));
  } else {
    core::YamlDocument doc = core::YamlDocument::from_file(vm["config"].as<std::string>());
    for (const std::string &assignment : set_overrides(vm)) doc.apply_override(assignment);
    engine = std::make_unique<core::Engine>(std::move(doc));
  }
  const uint64_t episodes = vm.count("episodes") ? vm["episodes"].as<uint64_t>() : engine->config().run.eval_episodes;
  if (episodes == 0) throw core::ConfigError("--episodes must be at least 1");
  InterruptOnSigint on_sigint(*engine);
  const core::EvalResult result = engine->evaluate(episodes);
  if (vm.count("json")) print_json(result);
  else print_human("greedy evaluation", result);
  return kExitOk;
}

}  // namespace

Command evaluate_command() {
  Command c{"evaluate", "evaluate (CONFIG | --checkpoint DIR) [--episodes N] [--set KEY=VALUE]... [--json]",
            "Evaluates a policy greedily on held-out seeds: the config's (untrained) policy, or a checkpoint's\n"
            "(a checkpoint folder, or a run folder meaning its newest checkpoint).",
            po::options_description("options"), {}, evaluate};
  c.options.add_options()("help,h", "this help")("config", po::value<std::string>(), "the YAML config")(
      "checkpoint", po::value<std::string>(), "a checkpoint folder or a run folder")(
      "episodes", po::value<uint64_t>(), "episodes to run (default: run.eval.episodes)")(
      "json", "print the result as one JSON object");
  add_set_option(c.options);
  c.positional.add("config", 1);
  return c;
}

}  // namespace rlrec::cli
