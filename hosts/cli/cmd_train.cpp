// rlrec train CONFIG [--run-dir DIR] [--set KEY=VALUE]... [--resume] [--json]
#include <filesystem>
#include <iostream>

#include "cli_common.hpp"
#include "errors.hpp"

namespace rlrec::cli {
namespace {

namespace fs = std::filesystem;

// --resume without --run-dir: the newest runs/<name>-* folder.
fs::path newest_run_dir(const std::string &name) {
  fs::path best;
  std::error_code ec;
  for (const auto &entry : fs::directory_iterator("runs", ec)) {
    const std::string folder = entry.path().filename().string();
    if (entry.is_directory() && folder.rfind(name + "-", 0) == 0 && (best.empty() || folder > best.filename().string())) {
      best = entry.path();
    }
  }
  if (best.empty()) throw core::ConfigError("--resume: no run folder runs/" + name + "-* here; pass --run-dir DIR");
  return best;
}

int train(const po::variables_map &vm) {
  core::YamlDocument doc = core::YamlDocument::from_file(vm["config"].as<std::string>());
  for (const std::string &assignment : set_overrides(vm)) doc.apply_override(assignment);
  core::Engine engine(std::move(doc));
  const bool resume = vm.count("resume") > 0;
  fs::path run_dir;
  if (vm.count("run-dir")) run_dir = vm["run-dir"].as<std::string>();
  else run_dir = resume ? newest_run_dir(engine.config().run.name) : engine.default_run_dir();

  InterruptOnSigint on_sigint(engine);
  core::EvalResult result;
  try {
    result = engine.train(run_dir, resume);
  } catch (const core::Interrupted &) {
    std::fprintf(stderr, "rlrec train: interrupted; the final checkpoint is in %s/checkpoints/ (continue with "
                         "--run-dir %s --resume)\n", run_dir.c_str(), run_dir.c_str());
    return kExitInterrupted;
  }
  if (vm.count("json")) {
    print_json(result, run_dir.string());
  } else {
    if (result.episodes != 0) print_human("final greedy evaluation", result);
    else std::printf("trained on %llu logged decisions; the config has no env to evaluate in\n",
                     static_cast<unsigned long long>(result.env_steps));
    std::printf("run folder: %s\n", run_dir.c_str());
  }
  return kExitOk;
}

}  // namespace

Command train_command() {
  Command c{"train", "train CONFIG [--run-dir DIR] [--set KEY=VALUE]... [--resume] [--json]",
            "Trains the config's policy on its env, writing a run folder (config.yaml, run.log, progress.csv, "
            "checkpoints/<env_steps>/).\nCtrl-C stops cleanly with a final checkpoint (exit code 130); "
            "--resume continues from it.",
            po::options_description("options"), {}, train};
  c.options.add_options()("help,h", "this help")("config", po::value<std::string>()->required(), "the YAML config")(
      "run-dir", po::value<std::string>(), "the run folder (default runs/<run.name>-<timestamp>)")(
      "resume", "continue from the newest checkpoint of the run folder (default: the newest runs/<name>-*)")(
      "json", "print the final evaluation as one JSON object");
  add_set_option(c.options);
  c.positional.add("config", 1);
  return c;
}

}  // namespace rlrec::cli
