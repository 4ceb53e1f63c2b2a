// rlrec plugins list | rlrec plugins describe ID
#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli_common.hpp"
#include "errors.hpp"
#include "host_services.hpp"
#include "instances.hpp"
#include "param_values.hpp"
#include "plugin_registry.hpp"

namespace rlrec::cli {
namespace {

std::vector<std::filesystem::path> extra_dirs(const po::variables_map &vm) {
  std::vector<std::filesystem::path> dirs;
  if (vm.count("path")) {
    for (const std::string &dir : vm["path"].as<std::vector<std::string>>()) dirs.emplace_back(dir);
  }
  return dirs;
}

std::string space_text(const rlrec_space &space) {
  std::ostringstream out;
  out << (space.kind == RLREC_SPACE_BOX ? "Box" : space.kind == RLREC_SPACE_DISCRETE ? "Discrete" : "MultiDiscrete")
      << "[";
  for (uint32_t d = 0; d < space.rank; ++d) out << (d ? ", " : "") << space.shape[d];
  out << "]";
  if (space.kind == RLREC_SPACE_BOX) out << " in [" << space.low << ", " << space.high << "]";
  else out << " of " << space.n;
  return out.str();
}

void print_fields(const char *title, uint32_t count, const rlrec_field *fields) {
  std::printf("\n%s:\n", title);
  if (count == 0) std::printf("  (none)\n");
  for (uint32_t i = 0; i < count; ++i) {
    std::printf("  %-16s %s\n", fields[i].name, space_text(fields[i].space).c_str());
    if (fields[i].doc) std::printf("  %-16s %s\n", "", fields[i].doc);
  }
}

// For an env: its observation fields, info channels and action space with default params.
void print_env_interface(const core::PluginRef &plugin) {
  const rlrec_plugin_desc &desc = plugin.desc();
  const core::YamlDocument none = core::YamlDocument::from_string("{}", "<defaults>");
  try {
    const core::ParamValues defaults =
        core::ParamValues::validate(std::span(desc.params, desc.num_params), YAML::Node(), none, "defaults");
    const core::EnvInstance env = core::EnvInstance::create(plugin, defaults, 1);
    const rlrec_env_spec &spec = env.spec();
    print_fields("observation fields (default params)", spec.num_obs_fields, spec.obs_fields);
    print_fields("info channels", spec.num_info_channels, spec.info_channels);
    std::printf("\naction: slate of %lld out of %lld candidates%s; episode limit %u steps (0 = none)\n",
                static_cast<long long>(spec.action_space.shape[0]), static_cast<long long>(spec.action_space.n),
                spec.allow_duplicates ? ", repeats allowed" : ", distinct", spec.max_episode_steps);
  } catch (const std::exception &e) {
    std::printf("\n(observation fields not shown: the defaults alone do not make an env: %s)\n", e.what());
  }
}

int list(const po::variables_map &vm) {
  core::PluginRegistry registry(extra_dirs(vm));
  const std::vector<core::PluginRef> plugins = registry.list();
  std::printf("%-32s %-7s %-8s %s\n", "ID", "KIND", "VERSION", "DESCRIPTION");
  for (const core::PluginRef &p : plugins) {
    std::printf("%-32s %-7s %-8s %s\n", p.desc().id, core::kind_name(p.desc().kind), p.desc().version, p.desc().doc);
  }
  for (const std::string &refusal : registry.refusals()) std::cerr << "refused: " << refusal << "\n";
  std::printf("\nsearched: ");
  for (const auto &dir : registry.search_dirs()) std::printf("%s  ", dir.c_str());
  std::printf("\n");
  return kExitOk;
}

int describe(const po::variables_map &vm) {
  if (!vm.count("id")) throw core::ConfigError("plugins describe needs a plugin ID (see rlrec plugins list)");
  core::PluginRegistry registry(extra_dirs(vm));
  const core::PluginRef plugin = registry.find(vm["id"].as<std::string>(), 0);
  const rlrec_plugin_desc &desc = plugin.desc();
  std::printf("%s %s (%s plugin)\n%s\nlibrary: %s\n", desc.id, desc.version, core::kind_name(desc.kind), desc.doc,
              plugin.library->path().c_str());
  std::printf("\nparams:\n");
  if (desc.num_params == 0) std::printf("  (none)\n");
  for (uint32_t i = 0; i < desc.num_params; ++i) {
    const rlrec_param_def &def = desc.params[i];
    const bool required = (def.flags & RLREC_PARAM_REQUIRED) != 0;
    std::printf("  %-24s %s; %s\n", def.name, core::describe_param_type(def).c_str(),
                required ? "required" : ("default " + std::string(def.default_yaml ? def.default_yaml : "")).c_str());
    if (def.doc) std::printf("  %-24s %s\n", "", def.doc);
  }
  if (desc.kind == RLREC_KIND_ENV) print_env_interface(plugin);
  return kExitOk;
}

}  // namespace

Command plugins_command() {
  Command c{"plugins", "plugins (list | describe ID) [--path DIR]...",
            "Lists the plugins the engine finds (built-in folder, $RLREC_PLUGIN_PATH, --path), with any library\n"
            "it refused and why; or documents one plugin: its params, and for envs the observation fields.",
            po::options_description("options"), {},
            [](const po::variables_map &vm) {
              const std::string action = vm["action"].as<std::string>();
              if (action == "list") return list(vm);
              if (action == "describe") return describe(vm);
              throw core::ConfigError("unknown action '" + action + "': use 'plugins list' or 'plugins describe ID'");
            }};
  c.options.add_options()("help,h", "this help")("action", po::value<std::string>()->required(), "list | describe")(
      "id", po::value<std::string>(), "the plugin id (describe)")(
      "path", po::value<std::vector<std::string>>()->composing(), "also search this folder; repeatable");
  c.positional.add("action", 1).add("id", 1);
  return c;
}

}  // namespace rlrec::cli
