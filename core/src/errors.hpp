// errors.hpp — the engine's exception types. They never cross the C ABI: engine.h entry points
// and the CLI turn them into statuses, messages and exit codes (config: 2, runtime: 1).
#pragma once

#include <rlrec/types.h>

#include <stdexcept>
#include <string>

namespace rlrec::core {

// Bad input from the user: YAML, a --set override, a CLI argument, a plugin id. The message
// already names where (file:line:column) and, for keys, the closest valid one.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A library the loader refused; the message names the library and the reason.
class PluginLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A plugin call failed at run time (or returned something invalid); carries its status.
class PluginCallError : public std::runtime_error {
 public:
  PluginCallError(rlrec_status status, const std::string &message)
      : std::runtime_error(message), status_(status) {}
  rlrec_status status() const noexcept { return status_; }

 private:
  rlrec_status status_;
};

// A stop requested by rlrec_engine_interrupt / SIGINT.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace rlrec::core

namespace rlrec::core {

// Inside a catch block: the status the current exception maps to (ConfigError and
// PluginLoadError: RLREC_ERR_CONFIG; PluginCallError: its own; Interrupted:
// RLREC_ERR_INTERRUPTED; bad_alloc: RLREC_ERR_NO_MEMORY; anything else: RLREC_ERR_RUNTIME), with
// its message in `message`. The one mapping the C API and the CLI share.
rlrec_status current_exception_status(std::string &message) noexcept;

}  // namespace rlrec::core

namespace rlrec::core {

// Inside a catch block for an exception a plugin let escape: ": <what()>" for a std::exception,
// "" otherwise. Messages about such plugin bugs keep the plugin's own words.
std::string escaped_exception_text() noexcept;

}  // namespace rlrec::core
