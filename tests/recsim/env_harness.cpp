#include "env_harness.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace recsim_test {
namespace {

void host_log(const rlrec_host *, int32_t, const char *) {}

const rlrec_host kHost = {sizeof(rlrec_host), RLREC_ABI_VERSION, nullptr, "recsim-tests", host_log, nullptr};

double parse_number(const std::string &text) {
  if (text == ".inf" || text == "inf") return HUGE_VAL;
  if (text == "-.inf" || text == "-inf") return -HUGE_VAL;
  return std::stod(text);
}

std::vector<double> parse_list(const std::string &text) {
  std::vector<double> out;
  std::string inner = text.substr(text.find('[') + 1);
  inner = inner.substr(0, inner.find(']'));
  std::stringstream items(inner);
  std::string item;
  while (std::getline(items, item, ',')) {
    if (item.find_first_not_of(' ') != std::string::npos) out.push_back(parse_number(item));
  }
  return out;
}

}  // namespace

ParamValues::ParamValues(const rlrec_plugin_desc &desc, const Overrides &overrides) {
  lists_.reserve(desc.num_params);
  texts_.reserve(desc.num_params);
  size_t used = 0;
  for (uint32_t p = 0; p < desc.num_params; ++p) {
    const rlrec_param_def &def = desc.params[p];
    auto it = overrides.find(def.name);
    const std::string text = it != overrides.end() ? it->second : def.default_yaml;
    used += it != overrides.end();
    rlrec_value v{};
    v.type = def.type;
    v.count = 1;
    switch (def.type) {
      case RLREC_PARAM_BOOL:
        v.i = text == "true" ? 1 : 0;
        break;
      case RLREC_PARAM_INT:
        v.i = std::stoll(text);
        break;
      case RLREC_PARAM_FLOAT:
        v.f = parse_number(text);
        break;
      case RLREC_PARAM_CHOICE: {
        std::stringstream choices(def.choices);
        std::string choice;
        int64_t index = 0;
        v.i = -1;
        while (std::getline(choices, choice, '|')) {
          if (choice == text) v.i = index;
          ++index;
        }
        if (v.i < 0) throw std::invalid_argument("no choice '" + text + "' for " + def.name);
        texts_.push_back(text);
        v.s = texts_.back().c_str();
        break;
      }
      case RLREC_PARAM_FLOAT_LIST:
        lists_.push_back(parse_list(text));
        v.count = static_cast<uint32_t>(lists_.back().size());
        v.fl = lists_.back().data();
        break;
      default:
        throw std::invalid_argument(std::string("unsupported param type of ") + def.name);
    }
    values_.push_back(v);
  }
  if (used != overrides.size())
    throw std::invalid_argument("an override names no parameter of " + std::string(desc.id));
}

rlrec_status try_create(const rlrec_plugin_factory &factory, uint32_t num_envs, const Overrides &overrides,
                        std::string *message) {
  ParamValues params(*factory.desc, overrides);
  rlrec_env env{};
  char err[1024] = {0};
  const rlrec_status status = factory.create_env(&kHost, params.data(), num_envs, &env, err, sizeof err);
  if (status == RLREC_OK) env.vtable->destroy(env.handle);
  if (message != nullptr) *message = err;
  return status;
}

EnvHarness::EnvHarness(const rlrec_plugin_factory &factory, uint32_t num_envs, const Overrides &overrides)
    : params_(*factory.desc, overrides) {
  char err[1024] = {0};
  const rlrec_status status = factory.create_env(&kHost, params_.data(), num_envs, &env_, err, sizeof err);
  INFO("create " << factory.desc->id << ": " << err);
  REQUIRE(status == RLREC_OK);
  spec_ = env_.vtable->spec(env_.handle);
  REQUIRE(spec_ != nullptr);
  size_output(reset_out, num_envs);
  size_output(step_out, num_envs);
}

EnvHarness::~EnvHarness() {
  if (env_.vtable != nullptr) env_.vtable->destroy(env_.handle);
}

int EnvHarness::field(const std::string &name) const {
  for (uint32_t f = 0; f < spec_->num_obs_fields; ++f) {
    if (name == spec_->obs_fields[f].name) return static_cast<int>(f);
  }
  return -1;
}

int EnvHarness::channel(const std::string &name) const {
  for (uint32_t c = 0; c < spec_->num_info_channels; ++c) {
    if (name == spec_->info_channels[c].name) return static_cast<int>(c);
  }
  return -1;
}

int64_t EnvHarness::numel(int f) const {
  return rlrec_space_numel(&spec_->obs_fields[f].space);
}

void EnvHarness::size_output(Output &out, uint32_t rows) const {
  out.obs.resize(spec_->num_obs_fields);
  for (uint32_t f = 0; f < spec_->num_obs_fields; ++f) {
    out.obs[f].assign(static_cast<size_t>(rows) * numel(static_cast<int>(f)), NAN);
  }
  out.reward.assign(rows, NAN);
  out.terminated.assign(rows, 7);
  out.truncated.assign(rows, 7);
  out.info.assign(static_cast<size_t>(rows) * spec_->num_info_channels, NAN);
}

rlrec_env_output EnvHarness::view(Output &out, uint32_t rows, std::vector<rlrec_tensor> &tensors) const {
  tensors.assign(spec_->num_obs_fields, rlrec_tensor{});
  for (uint32_t f = 0; f < spec_->num_obs_fields; ++f) {
    const rlrec_space &space = spec_->obs_fields[f].space;
    rlrec_tensor &t = tensors[f];
    t.data = out.obs[f].data();
    t.dtype = RLREC_DTYPE_F32;
    t.rank = space.rank + 1;
    t.shape[0] = rows;
    for (uint32_t d = 0; d < space.rank; ++d) t.shape[d + 1] = space.shape[d];
  }
  rlrec_env_output o{};
  o.struct_size = sizeof o;
  o.rows = rows;
  o.obs = tensors.data();
  o.reward = out.reward.data();
  o.terminated = out.terminated.data();
  o.truncated = out.truncated.data();
  o.info = out.info.data();
  return o;
}

rlrec_status EnvHarness::reset(const std::vector<uint32_t> &ids, const std::vector<uint64_t> &seeds) {
  const auto rows = static_cast<uint32_t>(ids.size());
  size_output(reset_out, rows);
  std::vector<rlrec_tensor> tensors;
  rlrec_env_output out = view(reset_out, rows, tensors);
  return env_.vtable->reset(env_.handle, rows, ids.data(), seeds.data(), &out);
}

rlrec_status EnvHarness::step(const std::vector<int32_t> &actions) {
  rlrec_tensor a{};
  a.data = const_cast<int32_t *>(actions.data());
  a.dtype = RLREC_DTYPE_I32;
  a.rank = 2;
  a.shape[0] = num_envs();
  a.shape[1] = slate_size();
  std::vector<rlrec_tensor> tensors;
  rlrec_env_output out = view(step_out, num_envs(), tensors);
  return env_.vtable->step(env_.handle, &a, &out);
}

std::string EnvHarness::last_error() const {
  return env_.vtable->last_error(env_.handle);
}

const float *EnvHarness::obs(const Output &out, const std::string &name, uint32_t r) const {
  const int f = field(name);
  if (f < 0) throw std::invalid_argument("no obs field " + name);
  return out.obs[f].data() + static_cast<size_t>(r) * numel(f);
}

float EnvHarness::info(const Output &out, const std::string &name, uint32_t r) const {
  const int c = channel(name);
  if (c < 0) throw std::invalid_argument("no info channel " + name);
  return out.info[static_cast<size_t>(r) * spec_->num_info_channels + c];
}

const rlrec_env_choice_model *EnvHarness::choice_model() const {
  return static_cast<const rlrec_env_choice_model *>(
      env_.vtable->get_extension(env_.handle, RLREC_EXT_ENV_CHOICE_MODEL));
}

}  // namespace recsim_test
