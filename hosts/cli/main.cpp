// main.cpp — `rlrec`: dispatches to the subcommands (cmd_*.cpp).
#include <cstdio>
#include <cstring>
#include <rlrec/version.h>

#include "cli_common.hpp"

namespace rlrec::cli {
Command train_command();
Command evaluate_command();
Command collect_command();
Command validate_command();
Command plugins_command();
Command plot_command();
Command compare_command();
Command ope_command();
Command data_command();
Command serve_command();
}  // namespace rlrec::cli

int main(int argc, char **argv) {
  using namespace rlrec::cli;
  const std::vector<Command> commands = {train_command(),    evaluate_command(), collect_command(), ope_command(), validate_command(),
                                         plugins_command(), plot_command(),     compare_command(), data_command(),
                                         serve_command()};
  auto print_usage = [&](FILE *to) {
    std::fprintf(to, "usage: rlrec COMMAND [options]   (rlrec COMMAND --help for its options)\n\ncommands:\n");
    for (const Command &c : commands) std::fprintf(to, "  %s\n", c.usage.c_str());
    std::fprintf(to, "\n  --version   print the engine and ABI versions\n  --help      this help\n"
                     "\nexit codes: 0 ok, 1 runtime failure, 2 usage or config error, 130 interrupted\n");
  };
  if (argc < 2) {
    print_usage(stderr);
    return kExitUsage;
  }
  const std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage(stdout);
    return kExitOk;
  }
  if (first == "--version") {
    std::printf("rlrec %s (plugin ABI %u.%u.%u)\n", RLREC_ENGINE_VERSION_STRING,
                RLREC_VERSION_MAJOR_OF(RLREC_ABI_VERSION), RLREC_VERSION_MINOR_OF(RLREC_ABI_VERSION),
                RLREC_VERSION_PATCH_OF(RLREC_ABI_VERSION));
    return kExitOk;
  }
  catch_sigint();
  for (const Command &c : commands) {
    if (c.name == first) return run_command(c, std::vector<std::string>(argv + 2, argv + argc));
  }
  std::fprintf(stderr, "rlrec: unknown command '%s'\n\n", first.c_str());
  print_usage(stderr);
  return kExitUsage;
}
