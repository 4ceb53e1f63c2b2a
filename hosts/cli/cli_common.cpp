#include "cli_common.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <rlrec_support/json_text.hpp>

#include "errors.hpp"

namespace rlrec::cli {
namespace {

// The engine SIGINT stops; before one exists, the request waits in g_pending (a Ctrl-C during
// start-up still ends the command cleanly instead of killing it).
std::atomic<core::Engine *> g_interrupt_target{nullptr};
volatile std::sig_atomic_t g_pending = 0;

extern "C" void on_sigint(int) {
  if (core::Engine *engine = g_interrupt_target.load()) engine->interrupt();
  else g_pending = 1;
}

void print_help(const Command &command) {
  std::cout << "usage: rlrec " << command.usage << "\n\n" << command.summary << "\n\n" << command.options;
}

}  // namespace

int run_command(const Command &command, const std::vector<std::string> &args) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(command.options).positional(command.positional).run(), vm);
    if (vm.count("help")) {
      print_help(command);
      return kExitOk;
    }
    po::notify(vm);
  } catch (const po::error &e) {
    std::cerr << "rlrec " << command.name << ": " << e.what() << "\n(usage: rlrec " << command.usage
              << "; see rlrec " << command.name << " --help)\n";
    return kExitUsage;
  }
  try {
    return command.body(vm);
  } catch (...) {
    std::string message;
    const rlrec_status status = core::current_exception_status(message);
    std::cerr << "rlrec " << command.name << ": error: " << message << "\n";
    if (status == RLREC_ERR_INTERRUPTED) return kExitInterrupted;
    return status == RLREC_ERR_CONFIG ? kExitUsage : kExitFailure;
  }
}

void add_set_option(po::options_description &options) {
  options.add_options()("set", po::value<std::vector<std::string>>()->composing(),
                        "KEY=VALUE: override a config key (dotted path; VALUE is YAML); repeatable");
}

std::vector<std::string> set_overrides(const po::variables_map &vm) {
  return vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::string json_string(const std::string &text) {
  std::string out;
  rlrec_support::append_json_string(out, text);
  return out;
}

void add_engine_options(po::options_description &options, po::positional_options_description &positional) {
  options.add_options()("config", po::value<std::string>(), "the YAML config")(
      "checkpoint", po::value<std::string>(), "a checkpoint folder or a run folder (its newest checkpoint)");
  add_set_option(options);
  positional.add("config", 1);
}

std::unique_ptr<core::Engine> engine_from(const po::variables_map &vm, const std::string &command) {
  const bool has_config = vm.count("config") > 0;
  if (has_config == (vm.count("checkpoint") > 0)) {
    throw core::ConfigError(command + " takes either CONFIG or --checkpoint DIR");
  }
  if (!has_config) return core::Engine::from_checkpoint(vm["checkpoint"].as<std::string>(), set_overrides(vm));
  core::YamlDocument doc = core::YamlDocument::from_file(vm["config"].as<std::string>());
  for (const std::string &assignment : set_overrides(vm)) doc.apply_override(assignment);
  return std::make_unique<core::Engine>(std::move(doc));
}

void print_json(const core::EvalResult &result, const std::string &run_dir) {
  std::printf("{\"episodes\": %llu, \"episode_return_mean\": %.17g, \"episode_return_std\": %.17g, "
              "\"episode_length_mean\": %.17g, \"env_steps\": %llu",
              static_cast<unsigned long long>(result.episodes), result.episode_return_mean,
              result.episode_return_std, result.episode_length_mean,
              static_cast<unsigned long long>(result.env_steps));
  if (!run_dir.empty()) std::printf(", \"run_dir\": %s", json_string(run_dir).c_str());
  std::printf("}\n");
}

void print_human(const std::string &what, const core::EvalResult &result) {
  std::printf("%s: return %.4f ± %.4f (std) over %llu episodes, length %.2f, after %llu training env steps\n",
              what.c_str(), result.episode_return_mean, result.episode_return_std,
              static_cast<unsigned long long>(result.episodes), result.episode_length_mean,
              static_cast<unsigned long long>(result.env_steps));
}

void catch_sigint() {
  struct sigaction action {};
  action.sa_handler = on_sigint;
  action.sa_flags = SA_RESETHAND;  // a second Ctrl-C kills at once
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_pending() { return g_pending != 0; }

InterruptOnSigint::InterruptOnSigint(core::Engine &engine) {
  g_interrupt_target = &engine;
  if (g_pending) engine.interrupt();
}

InterruptOnSigint::~InterruptOnSigint() { g_interrupt_target = nullptr; }

}  // namespace rlrec::cli
