// host_services.hpp — the rlrec_host table the engine hands to every plugin: logging (to stderr
// and, while a run is active, to its run.log) and host extensions.
#pragma once

#include <rlrec/plugin.h>

#include <filesystem>
#include <string>

namespace rlrec::core {

// The one host table of this process. Thread-safe.
const rlrec_host *host_services();

// Engine-side logging through the same channel plugins use.
void log_message(int32_t level, const std::string &message);

// Sends log lines to `path` as well (a run's run.log) until cleared with an empty path.
void set_log_file(const std::filesystem::path &path);

// Sends log lines to `handler` instead of stderr (run.log still gets them); nullptr restores
// stderr. The handler is called under the log lock, from any thread.
using LogHandler = void (*)(void *ctx, int32_t level, const char *msg);
void set_log_handler(LogHandler handler, void *ctx);

// Minimum level printed on stderr (RLREC_LOG_INFO by default; DEBUG with RLREC_LOG=debug).
void set_stderr_level(int32_t level);

}  // namespace rlrec::core
