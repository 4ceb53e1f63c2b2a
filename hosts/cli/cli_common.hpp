// cli_common.hpp — what every `rlrec` subcommand shares: option parsing with --help, exit codes,
// the error boundary, JSON output, SIGINT handling.
#pragma once

#include <boost/program_options.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine.hpp"

namespace rlrec::cli {

namespace po = boost::program_options;

// Exit codes (documented in docs/cli.md).
enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitInterrupted = 130 };

// A subcommand: its usage line, options, positional names, and body (given the parsed options).
struct Command {
  std::string name;
  std::string usage;    // "train CONFIG [options]"
  std::string summary;  // one line for `rlrec --help`
  po::options_description options;
  po::positional_options_description positional;
  std::function<int(const po::variables_map &)> body;
};

// Parses args (after the subcommand name) and runs the body inside the error boundary: usage and
// config errors -> message + exit 2, runtime errors -> message + exit 1, interrupts -> 130.
int run_command(const Command &command, const std::vector<std::string> &args);

// The `--set KEY=VALUE` option, repeatable, shared by train and evaluate.
void add_set_option(po::options_description &options);
std::vector<std::string> set_overrides(const po::variables_map &vm);

// The CONFIG positional, --checkpoint DIR and --set options of a command that runs a policy
// (evaluate, collect), and the engine they name: the config's untrained policy, or a checkpoint's.
// Throws ConfigError unless exactly one of CONFIG and --checkpoint is given.
void add_engine_options(po::options_description &options, po::positional_options_description &positional);
std::unique_ptr<core::Engine> engine_from(const po::variables_map &vm, const std::string &command);

// `text` as a quoted JSON string.
std::string json_string(const std::string &text);

// Prints an evaluation as one JSON object on stdout; `run_dir` is added when non-empty.
void print_json(const core::EvalResult &result, const std::string &run_dir = "");
// Prints an evaluation as one human line on stdout.
void print_human(const std::string &what, const core::EvalResult &result);

// Installs the SIGINT/SIGTERM handler (at start-up, before any engine exists): the first signal
// asks the attached engine to stop cleanly (or is kept until one is attached); a second kills.
void catch_sigint();
// True once SIGINT/SIGTERM arrived while no engine was attached: what a command without an engine polls.
bool interrupt_pending();

// While alive, SIGINT asks `engine` to stop cleanly.
class InterruptOnSigint {
 public:
  explicit InterruptOnSigint(core::Engine &engine);
  ~InterruptOnSigint();
  InterruptOnSigint(const InterruptOnSigint &) = delete;
  InterruptOnSigint &operator=(const InterruptOnSigint &) = delete;
};

}  // namespace rlrec::cli
