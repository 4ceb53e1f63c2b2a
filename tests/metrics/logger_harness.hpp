// logger_harness.hpp — a logger plugin driven through its C ABI exactly as the engine drives it:
// the library dlopen'ed from the build's plugin folder, its entry and factory looked up, params
// built from the schema's defaults, every call checked for RLREC_OK.
#pragma once

#include <rlrec/plugin.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace rlrec::metrics_test {

using Row = std::vector<std::pair<std::string, double>>;

class LoggerInstance;

// One plugin library, loaded for the object's lifetime.
class LoggerLibrary {
 public:
  // file: e.g. "librlrec_jsonl.so" in the build's plugin folder; id: the plugin id in it.
  LoggerLibrary(const std::string &file, const std::string &id);
  ~LoggerLibrary();
  LoggerLibrary(const LoggerLibrary &) = delete;
  LoggerLibrary &operator=(const LoggerLibrary &) = delete;

  // A new instance logging into run_dir. params: values by name as YAML scalars ("0.5", "true",
  // "name.txt") over the schema's defaults.
  LoggerInstance create(const std::string &run_dir, uint64_t total_env_steps, uint64_t start_env_steps = 0,
                        const std::map<std::string, std::string> &params = {}) const;

  // Warnings and other lines the plugin sent to the host's log.
  const std::vector<std::string> &host_log() const { return host_log_; }

 private:
  void *library_ = nullptr;
  const rlrec_plugin_entry *entry_ = nullptr;
  const rlrec_plugin_factory *factory_ = nullptr;
  rlrec_host host_{};
  std::vector<std::string> host_log_;  // host_.host_data points here
};

class LoggerInstance {
 public:
  LoggerInstance(LoggerInstance &&other) noexcept = default;
  LoggerInstance &operator=(LoggerInstance &&) = delete;
  ~LoggerInstance();  // destroy

  void log(uint64_t env_steps, const Row &row);
  void flush();

 private:
  friend class LoggerLibrary;
  // The context the logger was created with, which the host keeps alive until destroy.
  struct Context {
    std::string run_dir;
    std::string run_name = "test";
    rlrec_logger_context abi{};
  };
  LoggerInstance() = default;

  struct Destroy {
    void operator()(rlrec_logger *logger) const;
  };
  std::unique_ptr<Context> context_ = std::make_unique<Context>();
  std::unique_ptr<rlrec_logger, Destroy> logger_;
};

}  // namespace rlrec::metrics_test
