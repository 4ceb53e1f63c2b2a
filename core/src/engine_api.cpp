// engine_api.cpp — rlrec/engine.h: the C embedding API over rlrec::core::Engine. Every entry
// point catches everything (DESIGN.md §3 rule 1) and reports through a status and a message.
#define RLREC_BUILDING_ENGINE 1
#include <rlrec/engine.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "engine.hpp"
#include "errors.hpp"

struct rlrec_engine {
  std::unique_ptr<rlrec::core::Engine> engine;
  std::string last_error;
};

namespace {

using rlrec::core::current_exception_status;

void write_error(char *err, size_t capacity, const std::string &message) {
  if (err != nullptr && capacity > 0) std::snprintf(err, capacity, "%s", message.c_str());
}

void fill_result(const rlrec::core::EvalResult &from, rlrec_eval_result *to) {
  if (to == nullptr) return;
  // Only the fields the caller's struct has (struct_size growth, rlrec/version.h).
  rlrec_eval_result full{};
  full.struct_size = to->struct_size;
  full.episodes = from.episodes;
  full.episode_return_mean = from.episode_return_mean;
  full.episode_return_std = from.episode_return_std;
  full.episode_length_mean = from.episode_length_mean;
  full.env_steps = from.env_steps;
  const std::size_t size = to->struct_size < sizeof full ? to->struct_size : sizeof full;
  std::memcpy(to, &full, size);
}

template <class MakeDoc>
rlrec_status create(MakeDoc &&make_doc, const char *const *overrides, uint32_t num_overrides, rlrec_engine **out,
                    char *err, size_t err_capacity) {
  if (out == nullptr) {
    write_error(err, err_capacity, "rlrec_engine_create: out is NULL");
    return RLREC_ERR_INVALID_ARGUMENT;
  }
  *out = nullptr;
  try {
    rlrec::core::YamlDocument doc = make_doc();
    for (uint32_t i = 0; i < num_overrides; ++i) doc.apply_override(overrides[i]);
    auto engine = std::make_unique<rlrec_engine>();
    engine->engine = std::make_unique<rlrec::core::Engine>(std::move(doc));
    *out = engine.release();
    return RLREC_OK;
  } catch (...) {
    std::string message;
    const rlrec_status status = current_exception_status(message);
    write_error(err, err_capacity, message);
    return status;
  }
}

template <class Body>
rlrec_status run(rlrec_engine *engine, Body &&body) noexcept {
  if (engine == nullptr) return RLREC_ERR_INVALID_ARGUMENT;
  try {
    engine->last_error.clear();
    body();
    return RLREC_OK;
  } catch (...) {
    return current_exception_status(engine->last_error);
  }
}

}  // namespace

extern "C" {

RLREC_API const char *rlrec_version_string(void) { return RLREC_ENGINE_VERSION_STRING; }

RLREC_API uint32_t rlrec_abi_version(void) { return RLREC_ABI_VERSION; }

RLREC_API rlrec_status rlrec_engine_create(const char *config_path, const char *const *overrides,
                                           uint32_t num_overrides, rlrec_engine **out, char *err,
                                           size_t err_capacity) {
  if (config_path == nullptr) {
    write_error(err, err_capacity, "rlrec_engine_create: config_path is NULL");
    return RLREC_ERR_INVALID_ARGUMENT;
  }
  return create([&] { return rlrec::core::YamlDocument::from_file(config_path); }, overrides, num_overrides, out,
                err, err_capacity);
}

RLREC_API rlrec_status rlrec_engine_create_from_string(const char *yaml_text, const char *source_name,
                                                       const char *const *overrides, uint32_t num_overrides,
                                                       rlrec_engine **out, char *err, size_t err_capacity) {
  if (yaml_text == nullptr) {
    write_error(err, err_capacity, "rlrec_engine_create_from_string: yaml_text is NULL");
    return RLREC_ERR_INVALID_ARGUMENT;
  }
  return create(
      [&] { return rlrec::core::YamlDocument::from_string(yaml_text, source_name ? source_name : "<string>"); },
      overrides, num_overrides, out, err, err_capacity);
}

RLREC_API rlrec_status rlrec_engine_train(rlrec_engine *engine, const char *run_dir, rlrec_eval_result *result) {
  return run(engine, [&] {
    const std::filesystem::path dir = run_dir ? std::filesystem::path(run_dir) : engine->engine->default_run_dir();
    fill_result(engine->engine->train(dir, false), result);
  });
}

RLREC_API rlrec_status rlrec_engine_evaluate(rlrec_engine *engine, uint64_t episodes, rlrec_eval_result *result) {
  return run(engine, [&] {
    if (episodes == 0) throw rlrec::core::ConfigError("rlrec_engine_evaluate: episodes must be at least 1");
    fill_result(engine->engine->evaluate(episodes), result);
  });
}

RLREC_API void rlrec_engine_interrupt(rlrec_engine *engine) {
  if (engine != nullptr && engine->engine) engine->engine->interrupt();
}

RLREC_API const char *rlrec_engine_last_error(const rlrec_engine *engine) {
  return engine == nullptr ? "engine is NULL" : engine->last_error.c_str();
}

RLREC_API void rlrec_engine_destroy(rlrec_engine *engine) { delete engine; }

}  // extern "C"
