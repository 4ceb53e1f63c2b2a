// rlrec_support/metrics_logger.hpp — what every metrics-sink plugin (console, csv, jsonl,
// tensorboard) shares: the C vtable around a C++ class, create and the library's entry point,
// the resume step, warnings to the run's log.
//
//   struct MyLogger {
//     std::string error;  // the instance's last_error
//     void log_metrics(uint64_t env_steps, uint32_t num_metrics, const rlrec_metric *metrics);
//     void flush();       // make what was logged durable (before checkpoints, at the end)
//   };
//   const rlrec_plugin_desc kDesc = rlrec_support::logger_desc("mine", "1.0.0", "Doc.", P_COUNT, kParams);
//   rlrec_status create_logger(host, params, context, out, err, err_capacity) {
//     return rlrec_support::create_metrics_logger<MyLogger>(kDesc, params, context, out, err,
//                                                           err_capacity, [&](MyLogger &l) {...});
//   }
//   RLREC_SUPPORT_LOGGER_ENTRY(kDesc, create_logger)   // after the anonymous namespace
//
// The methods may throw: each vtable function runs inside guard() (boundary.hpp).
#pragma once

#include <rlrec/plugin.h>
#include <rlrec_support/boundary.hpp>
#include <rlrec_support/entry.hpp>

#include <memory>
#include <string>

namespace rlrec_support {

template <class Logger>
struct MetricsLoggerVtable {
  static Logger *self(void *handle) { return static_cast<Logger *>(handle); }

  static rlrec_status log_metrics(void *handle, uint64_t env_steps, uint32_t num_metrics, const rlrec_metric *metrics) {
    return guard(self(handle)->error, [&] {
      if (num_metrics > 0 && metrics == nullptr) fail(RLREC_ERR_INVALID_ARGUMENT, "log_metrics: metrics is NULL");
      self(handle)->log_metrics(env_steps, num_metrics, metrics);
    });
  }

  static rlrec_status flush(void *handle) {
    return guard(self(handle)->error, [&] { self(handle)->flush(); });
  }

  static const char *last_error(void *handle) { return self(handle)->error.c_str(); }

  // destroy cannot report a failure; the host's final flush, just before, already could.
  static void destroy(void *handle) {
    flush(handle);
    delete self(handle);
  }

  static constexpr rlrec_logger_vtable table = {
      sizeof(rlrec_logger_vtable),
      log_metrics,
      nullptr,  // log_transitions: a metrics sink only
      flush,
      last_error,
      destroy,
  };
};

// The instance handed back by a create_logger; ownership passes to the host.
template <class Logger>
rlrec_logger metrics_logger(std::unique_ptr<Logger> logger) {
  return rlrec_logger{&MetricsLoggerVtable<Logger>::table, logger.release()};
}

// The env step a resumed run continues from; 0 for a fresh run (or an older host).
inline uint64_t resume_step(const rlrec_logger_context &context) {
  return RLREC_HAS_MEMBER(rlrec_logger_context, &context, start_env_steps) ? context.start_env_steps : 0;
}

// The self-description of a logger plugin, for the library's static tables.
constexpr rlrec_plugin_desc logger_desc(const char *id, const char *version, const char *doc, uint32_t num_params,
                                        const rlrec_param_def *params) {
  return rlrec_plugin_desc{sizeof(rlrec_plugin_desc), RLREC_KIND_LOGGER, id, version, doc, num_params, 0, params};
}

// The body of a create_logger: checks the arguments (params may be NULL only for a plugin without
// parameters), makes a Logger, lets setup(Logger &) configure it from params and context (it may
// throw), and hands it to the host.
template <class Logger, class Setup>
rlrec_status create_metrics_logger(const rlrec_plugin_desc &desc, const rlrec_value *params,
                                   const rlrec_logger_context *context, rlrec_logger *out, char *err,
                                   size_t err_capacity, Setup &&setup) {
  return guard_create(err, err_capacity, [&] {
    if ((params == nullptr && desc.num_params > 0) || context == nullptr || context->run_dir == nullptr ||
        out == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, std::string(desc.id) + ": params, context, run_dir and out must be non-NULL");
    auto logger = std::make_unique<Logger>();
    setup(*logger);
    *out = metrics_logger(std::move(logger));
  });
}

// A warning on the run's log, when the host offers one.
inline void warn(const rlrec_host *host, const std::string &message) {
  if (host != nullptr && host->log != nullptr) host->log(host, RLREC_LOG_WARNING, message.c_str());
}

}  // namespace rlrec_support

// The entry point of a library holding one logger plugin: its factory, and the exported
// rlrec_plugin_get_entry (entry.hpp). Use at namespace scope, once per library.
#define RLREC_SUPPORT_LOGGER_ENTRY(DESC, CREATE)                                                                      \
  namespace {                                                                                                         \
  const rlrec_plugin_factory kLoggerFactory = {sizeof(rlrec_plugin_factory), 0, &(DESC), nullptr, nullptr, (CREATE)}; \
  const rlrec_plugin_factory *const kLoggerFactories[] = {&kLoggerFactory};                                           \
  }                                                                                                                   \
  RLREC_SUPPORT_PLUGIN_ENTRY(kLoggerFactories)
