#include "logger_harness.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <stdexcept>

namespace rlrec::metrics_test {
namespace {

void append_host_log(const rlrec_host *host, int32_t, const char *message) {
  static_cast<std::vector<std::string> *>(host->host_data)->push_back(message);
}

// A schema default ("0", "false", "\"\"", "progress.csv") or a test's value as the create call
// receives it. Only the types the loggers use are needed.
rlrec_value value_of(const rlrec_param_def &def, const std::string &yaml, std::vector<std::string> &strings) {
  rlrec_value value{};
  value.type = def.type;
  value.count = 1;
  switch (def.type) {
    case RLREC_PARAM_BOOL:
      value.i = yaml == "true";
      break;
    case RLREC_PARAM_INT:
      value.i = std::strtoll(yaml.c_str(), nullptr, 10);
      break;
    case RLREC_PARAM_FLOAT:
      value.f = std::strtod(yaml.c_str(), nullptr);
      break;
    case RLREC_PARAM_STRING: {
      const bool quoted = yaml.size() >= 2 && yaml.front() == '"' && yaml.back() == '"';
      strings.push_back(quoted ? yaml.substr(1, yaml.size() - 2) : yaml);
      value.s = strings.back().c_str();
      break;
    }
    default:
      throw std::runtime_error(std::string("the harness cannot build a value for ") + def.name);
  }
  return value;
}

}  // namespace

LoggerLibrary::LoggerLibrary(const std::string &file, const std::string &id) {
  const std::string path = std::string(RLREC_TEST_PLUGIN_DIR) + "/" + file;
  library_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library_ == nullptr) throw std::runtime_error(dlerror());
  const auto get_entry = reinterpret_cast<rlrec_plugin_get_entry_fn>(dlsym(library_, RLREC_PLUGIN_ENTRY_SYMBOL));
  entry_ = get_entry != nullptr ? get_entry(RLREC_ABI_VERSION) : nullptr;
  if (entry_ == nullptr) throw std::runtime_error(path + ": no entry for this ABI");
  host_.struct_size = sizeof host_;
  host_.abi_version = RLREC_ABI_VERSION;
  host_.host_data = &host_log_;
  host_.name = "rlrec_metrics_tests";
  host_.log = append_host_log;
  char err[256] = {};
  if (entry_->init != nullptr && entry_->init(&host_, err, sizeof err) != RLREC_OK) throw std::runtime_error(err);
  for (uint32_t i = 0; i < entry_->factory_count(); ++i) {
    if (std::string(entry_->factory_get(i)->desc->id) == id) factory_ = entry_->factory_get(i);
  }
  if (factory_ == nullptr) throw std::runtime_error(path + ": no plugin " + id);
}

LoggerLibrary::~LoggerLibrary() {
  if (entry_ != nullptr && entry_->deinit != nullptr) entry_->deinit();
  dlclose(library_);
}

LoggerInstance LoggerLibrary::create(const std::string &run_dir, uint64_t total_env_steps, uint64_t start_env_steps,
                                     const std::map<std::string, std::string> &params) const {
  const rlrec_plugin_desc &desc = *factory_->desc;
  std::vector<std::string> strings;
  strings.reserve(desc.num_params);  // value.s points into it
  std::vector<rlrec_value> values;
  for (uint32_t p = 0; p < desc.num_params; ++p) {
    const rlrec_param_def &def = desc.params[p];
    const auto given = params.find(def.name);
    values.push_back(value_of(def, given != params.end() ? given->second : def.default_yaml, strings));
  }
  LoggerInstance instance;
  LoggerInstance::Context &context = *instance.context_;
  context.run_dir = run_dir;
  context.abi.struct_size = sizeof context.abi;
  context.abi.run_dir = context.run_dir.c_str();
  context.abi.run_name = context.run_name.c_str();
  context.abi.total_env_steps = total_env_steps;
  context.abi.start_env_steps = start_env_steps;
  rlrec_logger logger{};
  char err[512] = {};
  if (factory_->create_logger(&host_, values.data(), &context.abi, &logger, err, sizeof err) != RLREC_OK)
    throw std::runtime_error(std::string(desc.id) + ": create failed: " + err);
  instance.logger_.reset(new rlrec_logger(logger));
  return instance;
}

void LoggerInstance::Destroy::operator()(rlrec_logger *logger) const {
  logger->vtable->destroy(logger->handle);
  delete logger;
}

LoggerInstance::~LoggerInstance() = default;

void LoggerInstance::log(uint64_t env_steps, const Row &row) {
  std::vector<rlrec_metric> metrics;
  for (const auto &[name, value] : row) metrics.push_back({name.c_str(), value});
  if (logger_->vtable->log_metrics(logger_->handle, env_steps, static_cast<uint32_t>(metrics.size()), metrics.data()) !=
      RLREC_OK)
    throw std::runtime_error(std::string("log_metrics failed: ") + logger_->vtable->last_error(logger_->handle));
}

void LoggerInstance::flush() {
  if (logger_->vtable->flush(logger_->handle) != RLREC_OK)
    throw std::runtime_error(std::string("flush failed: ") + logger_->vtable->last_error(logger_->handle));
}

}  // namespace rlrec::metrics_test
