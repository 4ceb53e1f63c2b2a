#include "host_services.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>

namespace rlrec::core {
namespace {

std::mutex log_mutex;
std::ofstream log_file;
LogHandler log_handler = nullptr;
void *log_handler_ctx = nullptr;
int32_t stderr_level = [] {
  const char *env = std::getenv("RLREC_LOG");
  return env != nullptr && std::strcmp(env, "debug") == 0 ? RLREC_LOG_DEBUG : RLREC_LOG_INFO;
}();

const char *level_name(int32_t level) {
  switch (level) {
    case RLREC_LOG_DEBUG: return "debug";
    case RLREC_LOG_INFO: return "info";
    case RLREC_LOG_WARNING: return "warning";
    default: return "error";
  }
}

void host_log(const rlrec_host *, int32_t level, const char *msg) {
  log_message(level, msg != nullptr ? msg : "");
}

const void *host_get_extension(const rlrec_host *, const char *) { return nullptr; }

const rlrec_host the_host = {
    sizeof(rlrec_host), RLREC_ABI_VERSION, nullptr, "rlrec", host_log, host_get_extension,
};

}  // namespace

const rlrec_host *host_services() { return &the_host; }

void log_message(int32_t level, const std::string &message) {
  std::lock_guard lock(log_mutex);
  if (log_handler != nullptr) {
    log_handler(log_handler_ctx, level, message.c_str());
  } else if (level >= stderr_level) {
    std::fprintf(stderr, "rlrec %s: %s\n", level_name(level), message.c_str());
  }
  if (log_file.is_open()) {
    log_file << level_name(level) << ": " << message << '\n';
    log_file.flush();
  }
}

void set_log_file(const std::filesystem::path &path) {
  std::lock_guard lock(log_mutex);
  if (log_file.is_open()) log_file.close();
  if (!path.empty()) log_file.open(path, std::ios::app);
}

void set_log_handler(LogHandler handler, void *ctx) {
  std::lock_guard lock(log_mutex);
  log_handler = handler;
  log_handler_ctx = ctx;
}

void set_stderr_level(int32_t level) {
  std::lock_guard lock(log_mutex);
  stderr_level = level;
}

}  // namespace rlrec::core
