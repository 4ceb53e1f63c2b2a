#include "harness.hpp"

#include <cstring>
#include <stdexcept>

namespace rlrec_bandit_test {
namespace {

void check(rlrec_status status, const std::string &what) {
  if (status != RLREC_OK) throw std::runtime_error(what + " failed with status " + std::to_string(status));
}

}  // namespace

Env::Env(const rlrec_plugin_factory &factory, const Overrides &params, uint32_t num_envs) {
  const ParamValues values(*factory.desc, params);
  char err[512] = "";
  if (factory.create_env(nullptr, values.data(), num_envs, &env_, err, sizeof err) != RLREC_OK)
    throw std::runtime_error(std::string("create_env: ") + err);
}

Env::~Env() {
  env_.vtable->destroy(env_.handle);
}

uint32_t Env::info_index(const std::string &name) const {
  for (uint32_t c = 0; c < spec().num_info_channels; ++c)
    if (name == spec().info_channels[c].name) return c;
  throw std::invalid_argument("no info channel " + name);
}

uint32_t Env::field_index(const std::string &name) const {
  for (uint32_t f = 0; f < spec().num_obs_fields; ++f)
    if (name == spec().obs_fields[f].name) return f;
  throw std::invalid_argument("no obs field " + name);
}

Policy::Policy(const rlrec_plugin_factory &factory, const Overrides &params, const rlrec_env_spec &spec,
               uint64_t seed) {
  const ParamValues values(*factory.desc, params);
  char err[512] = "";
  if (factory.create_policy(nullptr, values.data(), &spec, seed, &policy_, err, sizeof err) != RLREC_OK)
    throw std::runtime_error(std::string("create_policy: ") + err);
}

Policy::~Policy() {
  policy_.vtable->destroy(policy_.handle);
}

std::vector<unsigned char> Policy::save() {
  std::vector<unsigned char> bytes;
  rlrec_byte_sink sink{&bytes, [](void *ctx, const void *data, size_t size) -> rlrec_status {
                         auto &out = *static_cast<std::vector<unsigned char> *>(ctx);
                         const auto *p = static_cast<const unsigned char *>(data);
                         out.insert(out.end(), p, p + size);
                         return RLREC_OK;
                       }};
  check(policy_.vtable->save(policy_.handle, &sink), "save");
  return bytes;
}

rlrec_status Policy::load(const std::vector<unsigned char> &state) {
  return policy_.vtable->load(policy_.handle, state.data(), state.size());
}

rlrec_status try_create_policy(const rlrec_plugin_factory &factory, const Overrides &params, const rlrec_env_spec &spec,
                               std::string &message) {
  const ParamValues values(*factory.desc, params);
  char err[512] = "";
  rlrec_policy policy{};
  const rlrec_status status = factory.create_policy(nullptr, values.data(), &spec, 1, &policy, err, sizeof err);
  if (status == RLREC_OK) policy.vtable->destroy(policy.handle);
  message = err;
  return status;
}

Buffers::Buffers(const rlrec_env_spec &spec, uint32_t rows_)
    : rows(rows_),
      reward(rows_),
      terminated(rows_),
      truncated(rows_),
      info(static_cast<std::size_t>(rows_) * spec.num_info_channels),
      channels(spec.num_info_channels) {
  for (uint32_t f = 0; f < spec.num_obs_fields; ++f) {
    const rlrec_space &space = spec.obs_fields[f].space;
    row_size.push_back(static_cast<std::size_t>(rlrec_space_numel(&space)));
    data.emplace_back(row_size.back() * rows);
    rlrec_tensor t{};
    t.dtype = RLREC_DTYPE_F32;
    t.rank = space.rank + 1;
    t.shape[0] = rows;
    for (uint32_t i = 0; i < space.rank; ++i) t.shape[i + 1] = space.shape[i];
    tensors.push_back(t);
  }
}

rlrec_env_output Buffers::output() {
  for (std::size_t f = 0; f < tensors.size(); ++f) tensors[f].data = data[f].data();
  rlrec_env_output out{};
  out.struct_size = sizeof out;
  out.rows = rows;
  out.obs = tensors.data();
  out.reward = reward.data();
  out.terminated = terminated.data();
  out.truncated = truncated.data();
  out.info = info.empty() ? nullptr : info.data();
  return out;
}

Decisions::Decisions(uint32_t rows_, uint32_t slate)
    : rows(rows_), slates(rows_ * slate), prob(rows_), propensity(rows_ * slate), scores(rows_ * slate) {}

rlrec_act_output Decisions::output() {
  rlrec_act_output out{};
  out.struct_size = sizeof out;
  out.rows = rows;
  out.slates = slates.data();
  out.slate_prob = prob.data();
  out.slot_propensity = propensity.data();
  out.scores = scores.data();
  return out;
}

Loop::Loop(Env &env, Policy &policy, uint64_t seed)
    : env_(env),
      policy_(policy),
      next_seed_(seed),
      obs_(env.spec(), env.num_envs()),
      next_(env.spec(), env.num_envs()),
      decisions_(env.num_envs(), env.slate_size()),
      episode_id_(env.num_envs()),
      step_index_(env.num_envs()) {
  std::vector<uint32_t> all(env.num_envs());
  for (uint32_t b = 0; b < env.num_envs(); ++b) all[b] = b;
  for (uint32_t b = 0; b < env.num_envs(); ++b) episode_id_[b] = b;
  reset(all);
}

void Loop::reset(const std::vector<uint32_t> &ids) {
  const auto count = static_cast<uint32_t>(ids.size());
  std::vector<uint64_t> seeds(count);
  for (uint64_t &seed : seeds) seed = next_seed_++;
  Buffers fresh(env_.spec(), count);
  rlrec_env_output out = fresh.output();
  check(env_.raw().vtable->reset(env_.raw().handle, count, ids.data(), seeds.data(), &out), "reset");
  for (uint32_t r = 0; r < count; ++r) {
    for (std::size_t f = 0; f < obs_.data.size(); ++f)
      std::memcpy(obs_.data[f].data() + ids[r] * obs_.row_size[f], fresh.field(static_cast<uint32_t>(f), r),
                  obs_.row_size[f] * sizeof(float));
    step_index_[ids[r]] = 0;
  }
}

const StepOutputs &Loop::step(rlrec_act_mode mode, bool learn) {
  const uint32_t rows = env_.num_envs();
  const uint32_t k = env_.slate_size();
  rlrec_act_input in{};
  in.struct_size = sizeof in;
  in.rows = rows;
  in.mode = mode;
  for (std::size_t f = 0; f < obs_.tensors.size(); ++f) obs_.tensors[f].data = obs_.data[f].data();
  in.obs = obs_.tensors.data();
  in.env = &env_.raw();
  rlrec_act_output act = decisions_.output();
  rlrec_policy &policy = policy_.raw();
  if (policy.vtable->act(policy.handle, &in, &act) != RLREC_OK)
    throw std::runtime_error("act: " + policy_.last_error());

  rlrec_tensor actions{};
  actions.data = decisions_.slates.data();
  actions.dtype = RLREC_DTYPE_I32;
  actions.rank = 2;
  actions.shape[0] = rows;
  actions.shape[1] = k;
  rlrec_env_output out = next_.output();
  if (env_.raw().vtable->step(env_.raw().handle, &actions, &out) != RLREC_OK)
    throw std::runtime_error(std::string("step: ") + env_.raw().vtable->last_error(env_.raw().handle));

  if (learn) {
    rlrec_transition_batch batch{};
    batch.struct_size = sizeof batch;
    batch.rows = rows;
    batch.obs = obs_.tensors.data();
    batch.actions = decisions_.slates.data();
    batch.slate_prob = decisions_.prob.data();
    batch.reward = next_.reward.data();
    batch.terminated = next_.terminated.data();
    batch.truncated = next_.truncated.data();
    batch.next_obs = next_.tensors.data();
    batch.info = next_.info.empty() ? nullptr : next_.info.data();
    batch.episode_id = episode_id_.data();
    batch.step_index = step_index_.data();
    batch.slot_propensity = decisions_.propensity.data();
    uint32_t num_metrics = 0;
    const rlrec_metric *metrics = nullptr;
    if (policy.vtable->learn(policy.handle, &batch, &num_metrics, &metrics) != RLREC_OK)
      throw std::runtime_error("learn: " + policy_.last_error());
    metrics_.clear();
    for (uint32_t m = 0; m < num_metrics; ++m) metrics_[metrics[m].name] = metrics[m].value;
  }

  last_.reward = next_.reward;
  last_.info = next_.info;
  last_.channels = next_.channels;
  last_.ended.assign(rows, 0);
  std::vector<uint32_t> ended;
  for (uint32_t b = 0; b < rows; ++b) {
    ++step_index_[b];
    if (next_.terminated[b] || next_.truncated[b]) {
      last_.ended[b] = 1;
      ended.push_back(b);
      episode_id_[b] += rows;  // stays unique: sub-env b owns ids b, b + rows, ...
    }
  }
  std::swap(obs_.data, next_.data);  // next_obs becomes the observation to act on
  if (!ended.empty()) reset(ended);
  return last_;
}

std::vector<double> cumulative_regret(Env &env, Policy &policy, uint32_t steps, uint64_t seed) {
  const uint32_t regret = env.info_index("regret");
  Loop loop(env, policy, seed);
  std::vector<double> cumulative;
  double total = 0.0;
  for (uint32_t t = 0; t < steps; ++t) {
    const StepOutputs &out = loop.step();
    for (uint32_t b = 0; b < env.num_envs(); ++b) total += out.info_at(b, regret);
    cumulative.push_back(total);
  }
  return cumulative;
}

}  // namespace rlrec_bandit_test
