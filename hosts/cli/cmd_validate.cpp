// rlrec validate CONFIG [--set KEY=VALUE]...
#include <cstdio>

#include "cli_common.hpp"

namespace rlrec::cli {
namespace {

int validate(const po::variables_map &vm) {
  core::YamlDocument doc = core::YamlDocument::from_file(vm["config"].as<std::string>());
  for (const std::string &assignment : set_overrides(vm)) doc.apply_override(assignment);
  const core::Engine engine(std::move(doc));
  YAML::Emitter out;
  out << engine.resolved_config();
  std::printf("# %s is valid; resolved with every default:\n%s\n", vm["config"].as<std::string>().c_str(),
              out.c_str());
  return kExitOk;
}

}  // namespace

Command validate_command() {
  Command c{"validate", "validate CONFIG [--set KEY=VALUE]...",
            "Checks a config (keys, types, ranges, plugin params; creates the env and the policy once) and prints\n"
            "it resolved, with every default filled in.",
            po::options_description("options"), {}, validate};
  c.options.add_options()("help,h", "this help")("config", po::value<std::string>()->required(), "the YAML config");
  add_set_option(c.options);
  c.positional.add("config", 1);
  return c;
}

}  // namespace rlrec::cli
