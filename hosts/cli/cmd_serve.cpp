// rlrec serve --checkpoint DIR [--config YAML] [--host H] [--port P] [--greedy] [...]
// The HTTP server of hosts/serve (docs/serving.md). Every setting is an option, and may also be
// given in the `serve:` map of --config (same names, '-' written '_'); an option wins over the file.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "cli_common.hpp"
#include "errors.hpp"
#include "service.hpp"
#include "text.hpp"
#include "yaml_document.hpp"

namespace rlrec::cli {
namespace {

using serve::ServeSettings;

// One setting: its option name, help, and how a text value (from the command line or YAML) sets it.
struct Setting {
  const char *name;
  const char *help;
  std::function<void(ServeSettings &, const std::string &)> set;
};

std::chrono::milliseconds seconds(const std::string &text) {
  const double s = std::stod(text);
  if (!(s >= 0.0)) throw std::invalid_argument("negative");
  return std::chrono::milliseconds(static_cast<int64_t>(s * 1000.0));
}

uint64_t count(const std::string &text, uint64_t at_least) {
  std::size_t used = 0;
  const unsigned long long n = std::stoull(text, &used);
  if (used != text.size() || text[0] == '-' || n < at_least) throw std::invalid_argument("out of range");
  return n;
}

const std::vector<Setting> &settings_table() {
  static const std::vector<Setting> table = {
      {"host", "address to listen on (an IP address; default 127.0.0.1: loopback only)",
       [](ServeSettings &s, const std::string &v) { s.http.host = v; }},
      {"port", "TCP port (default 8080; 0 = any free port, printed at start)",
       [](ServeSettings &s, const std::string &v) {
         const uint64_t port = count(v, 0);
         if (port > 65535) throw std::invalid_argument("out of range");
         s.http.port = static_cast<uint16_t>(port);
       }},
      {"threads", "threads serving HTTP (default 2)",
       [](ServeSettings &s, const std::string &v) { s.http.threads = static_cast<unsigned>(count(v, 1)); }},
      {"log-dir", "folder of the decision dataset (default serve-log)",
       [](ServeSettings &s, const std::string &v) { s.log_dir = v; }},
      {"join-window", "seconds a decision waits for its reward (default 60)",
       [](ServeSettings &s, const std::string &v) { s.join_window = seconds(v); }},
      {"flush-interval", "seconds between fsyncs of the dataset (default 1; lines are written every 0.1 s)",
       [](ServeSettings &s, const std::string &v) { s.flush_interval = seconds(v); }},
      {"watch", "seconds between looks for a newer checkpoint in --checkpoint (default 0: never)",
       [](ServeSettings &s, const std::string &v) { s.watch = seconds(v); }},
      {"max-pending", "decisions waiting for a reward before the oldest are logged early (default 100000)",
       [](ServeSettings &s, const std::string &v) { s.max_pending = count(v, 1); }},
      {"max-body-bytes", "largest request body (default 1048576; larger: 413)",
       [](ServeSettings &s, const std::string &v) { s.http.max_body_bytes = count(v, 64); }},
      {"max-batch", "most requests in one rank body (default 64; more: 413)",
       [](ServeSettings &s, const std::string &v) { s.limits.max_requests = static_cast<uint32_t>(count(v, 1)); }},
      {"max-candidates", "most candidates in one request (default 1000; more: 413)",
       [](ServeSettings &s, const std::string &v) { s.limits.max_candidates = static_cast<uint32_t>(count(v, 1)); }},
      {"read-timeout", "seconds a client has to send a whole request (default 10)",
       [](ServeSettings &s, const std::string &v) { s.http.read_timeout = seconds(v); }},
  };
  return table;
}

void apply(const Setting &setting, ServeSettings &s, const std::string &value, const std::string &where) {
  try {
    setting.set(s, value);
  } catch (const std::exception &) {
    throw core::ConfigError(where + ": '" + value + "' is not a valid " + setting.name);
  }
}

// The `serve:` map of a YAML file: every error names file:line:column (and, for an unknown key,
// the closest valid one), as the engine's config does.
void apply_file(const std::string &path, ServeSettings &s) {
  const core::YamlDocument doc = core::YamlDocument::from_file(path);
  const YAML::Node section = doc.root()["serve"];
  if (!section) return;
  if (!section.IsMap()) throw core::ConfigError(doc.where(section) + ": 'serve' must be a map of settings");
  std::vector<std::string> keys = {"greedy"};
  for (const Setting &setting : settings_table()) {
    keys.emplace_back(setting.name);
    std::replace(keys.back().begin(), keys.back().end(), '-', '_');
  }
  for (const auto &entry : section) {
    const std::string key = entry.first.as<std::string>();
    const std::string where = doc.where(entry.second) + ": serve." + key;
    if (!entry.second.IsScalar()) throw core::ConfigError(where + ": expected a single value");
    if (key == "greedy") {
      bool greedy = false;
      if (!YAML::convert<bool>::decode(entry.second, greedy)) throw core::ConfigError(where + ": expected true or false");
      s.greedy = greedy;
      continue;
    }
    std::string option = key;
    std::replace(option.begin(), option.end(), '_', '-');
    const auto &table = settings_table();
    const auto it = std::find_if(table.begin(), table.end(), [&](const Setting &t) { return option == t.name; });
    if (it == table.end())
      throw core::ConfigError(doc.where(entry.first) + ": unknown setting serve." + key + core::did_you_mean(key, keys));
    apply(*it, s, entry.second.Scalar(), where);
  }
}

int serve_body(const po::variables_map &vm) {
  ServeSettings settings;
  settings.checkpoint = vm["checkpoint"].as<std::string>();
  settings.log_dir = "serve-log";
  if (vm.count("config")) apply_file(vm["config"].as<std::string>(), settings);
  for (const Setting &setting : settings_table())
    if (vm.count(setting.name)) apply(setting, settings, vm[setting.name].as<std::string>(), std::string("--") + setting.name);
  if (vm.count("greedy")) settings.greedy = true;

  serve::Service service(settings);
  // A Ctrl-C or SIGTERM while the model loaded was caught by the CLI's handler, before the
  // server's own: honour it rather than start serving.
  if (interrupt_pending()) {
    std::fprintf(stderr, "rlrec serve: interrupted while starting; nothing was served\n");
    return kExitInterrupted;
  }
  // One line on stdout, flushed: scripts and tests read the port from it (with --port 0).
  std::printf("rlrec serve: serving %s on http://%s:%u (decisions to %s)\n", service.first_version().c_str(),
              settings.http.host.c_str(), service.port(), settings.log_dir.c_str());
  std::fflush(stdout);
  service.run();
  std::fprintf(stderr, "rlrec serve: stopped; the decision log is written\n");
  return kExitOk;
}

}  // namespace

Command serve_command() {
  Command c{"serve", "serve --checkpoint DIR [--config YAML] [--host 127.0.0.1] [--port 8080] [--greedy] [options]",
            "Serves a checkpoint over HTTP (docs/serving.md): POST /v1/rank, POST /v1/events/{id}/reward,\n"
            "GET /healthz /readyz /metrics /v1/models, POST /v1/models/reload (or SIGHUP). Every decision and its\n"
            "reward go to a dataset in --log-dir that `rlrec train` with `input: {dataset: DIR}` learns from.\n"
            "SIGINT/SIGTERM stop cleanly.",
            po::options_description("options"), {}, serve_body};
  c.options.add_options()("help,h", "this help")(
      "checkpoint", po::value<std::string>()->required(), "a checkpoint folder, or a run folder (its newest checkpoint)")(
      "config", po::value<std::string>(), "a YAML file whose `serve:` map holds any of the settings below")(
      "greedy", "act greedily instead of with the policy's own exploration");
  for (const Setting &setting : settings_table())
    c.options.add_options()(setting.name, po::value<std::string>(), setting.help);
  return c;
}

}  // namespace rlrec::cli
