// rlrec evaluate (CONFIG | --checkpoint DIR) [--episodes N] [--set KEY=VALUE]... [--json]
#include "cli_common.hpp"
#include "errors.hpp"

namespace rlrec::cli {
namespace {

int evaluate(const po::variables_map &vm) {
  std::unique_ptr<core::Engine> engine = engine_from(vm, "evaluate");
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
  c.options.add_options()("help,h", "this help")(
      "episodes", po::value<uint64_t>(), "episodes to run (default: run.eval.episodes)")(
      "json", "print the result as one JSON object");
  add_engine_options(c.options, c.positional);
  return c;
}

}  // namespace rlrec::cli
