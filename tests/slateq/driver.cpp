#include "driver.hpp"

#include <catch2/catch.hpp>

#include <cstring>

namespace slateq_test {
namespace {

// SplitMix64: episode seeds from counters, like the runner's derive_seed.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

rlrec_tensor tensor_of(const rlrec_field &field, uint32_t rows, std::vector<unsigned char> &storage) {
  rlrec_tensor t{};
  t.dtype = field.space.dtype;
  t.rank = field.space.rank + 1;
  t.shape[0] = rows;
  for (uint32_t d = 0; d < field.space.rank; ++d) t.shape[d + 1] = field.space.shape[d];
  storage.assign(static_cast<size_t>(rows) * static_cast<size_t>(rlrec_space_numel(&field.space)) *
                     rlrec_dtype_size(field.space.dtype),
                 0);
  t.data = storage.data();
  return t;
}

}  // namespace

Driver::Driver(const std::string &env_plugin, const std::string &env_params, uint32_t num_envs,
               const std::string &policy_plugin, const std::string &policy_params, uint64_t seed)
    : seed_(seed) {
  char err[1024] = "";
  const rlrec_status opened = rlrec_env_open(env_plugin.c_str(), env_params.c_str(), num_envs, &env_, err, sizeof err);
  INFO(err);
  REQUIRE(opened == RLREC_OK);
  spec_ = env_.vtable->spec(env_.handle);
  REQUIRE(rlrec_policy_open(policy_plugin.c_str(), policy_params.c_str(), spec_, mix(seed), &policy_, err, sizeof err) ==
          RLREC_OK);
  rows_ = spec_->num_envs;
  slate_ = static_cast<uint32_t>(spec_->action_space.shape[0]);
  obs_.resize(spec_->num_obs_fields);
  next_obs_.resize(spec_->num_obs_fields);
  for (uint32_t f = 0; f < spec_->num_obs_fields; ++f) {
    obs_tensors_.push_back(tensor_of(spec_->obs_fields[f], rows_, obs_[f]));
    next_tensors_.push_back(tensor_of(spec_->obs_fields[f], rows_, next_obs_[f]));
  }
  reward_.resize(rows_);
  info_.resize(static_cast<size_t>(rows_) * spec_->num_info_channels);
  slate_prob_.resize(rows_);
  propensity_.resize(static_cast<size_t>(rows_) * slate_);
  terminated_.resize(rows_);
  truncated_.resize(rows_);
  start_.assign(rows_, 1);
  episode_id_.resize(rows_);
  step_index_.resize(rows_);
  returns_.resize(rows_);
  reset_all();
}

Driver::~Driver() {
  rlrec_policy_close(&policy_);
  rlrec_env_close(&env_);
}

void Driver::reset_rows(const std::vector<uint32_t> &rows) {
  if (rows.empty()) return;
  std::vector<uint64_t> seeds;
  for (uint32_t r : rows) {
    seeds.push_back(mix(seed_ ^ mix(++episodes_started_)));
    episode_id_[r] = episodes_started_;
    step_index_[r] = 0;
    start_[r] = 1;
    returns_[r] = 0.0;
  }
  // Reset writes its rows compactly: into the next buffers, then copied row by row.
  std::vector<rlrec_tensor> compact = next_tensors_;
  for (rlrec_tensor &t : compact) t.shape[0] = static_cast<int64_t>(rows.size());
  rlrec_env_output out{};
  out.struct_size = sizeof out;
  out.rows = static_cast<uint32_t>(rows.size());
  out.obs = compact.data();
  out.info = info_.empty() ? nullptr : info_.data();
  const rlrec_status status = env_.vtable->reset(env_.handle, out.rows, rows.data(), seeds.data(), &out);
  INFO(env_.vtable->last_error(env_.handle));
  REQUIRE(status == RLREC_OK);
  for (uint32_t f = 0; f < spec_->num_obs_fields; ++f) {
    const size_t row_bytes = obs_[f].size() / rows_;
    for (size_t i = 0; i < rows.size(); ++i)
      std::memcpy(obs_[f].data() + rows[i] * row_bytes, next_obs_[f].data() + i * row_bytes, row_bytes);
  }
}

void Driver::reset_all() {
  std::vector<uint32_t> rows(rows_);
  for (uint32_t r = 0; r < rows_; ++r) rows[r] = r;
  reset_rows(rows);
}

rlrec_act_input Driver::input(uint32_t mode) {
  rlrec_act_input in{};
  in.struct_size = sizeof in;
  in.rows = rows_;
  in.mode = mode;
  in.obs = obs_tensors_.data();
  in.episode_start = start_.data();
  in.env = &env_;
  return in;
}

void Driver::act(rlrec_policy &policy, uint32_t mode, std::vector<int32_t> &slates) {
  slates.assign(static_cast<size_t>(rows_) * slate_, -1);
  const rlrec_act_input in = input(mode);
  rlrec_act_output out{};
  out.struct_size = sizeof out;
  out.rows = rows_;
  out.slates = slates.data();
  out.slate_prob = slate_prob_.data();
  out.slot_propensity = propensity_.data();
  const rlrec_status status = policy.vtable->act(policy.handle, &in, &out);
  INFO(policy.vtable->last_error(policy.handle));
  REQUIRE(status == RLREC_OK);
}

void Driver::step(const std::vector<int32_t> &slates) {
  rlrec_tensor actions{};
  actions.data = const_cast<int32_t *>(slates.data());
  actions.dtype = RLREC_DTYPE_I32;
  actions.rank = 2;
  actions.shape[0] = rows_;
  actions.shape[1] = slate_;
  rlrec_env_output out{};
  out.struct_size = sizeof out;
  out.rows = rows_;
  out.obs = next_tensors_.data();
  out.reward = reward_.data();
  out.terminated = terminated_.data();
  out.truncated = truncated_.data();
  out.info = info_.empty() ? nullptr : info_.data();
  REQUIRE(env_.vtable->step(env_.handle, &actions, &out) == RLREC_OK);
  for (uint32_t r = 0; r < rows_; ++r)
    if (spec_->max_episode_steps != 0 && step_index_[r] + 1 >= spec_->max_episode_steps) truncated_[r] = 1;
}

void Driver::train(uint32_t steps, Driver *twin) {
  for (uint32_t s = 0; s < steps; ++s) {
    act(policy_, RLREC_ACT_EXPLORE, slates_);
    if (twin != nullptr) {
      act(twin->policy_, RLREC_ACT_EXPLORE, twin_slates_);
      REQUIRE(twin_slates_ == slates_);
    }
    step(slates_);
    rlrec_transition_batch batch{};
    batch.struct_size = sizeof batch;
    batch.rows = rows_;
    batch.obs = obs_tensors_.data();
    batch.actions = slates_.data();
    batch.slate_prob = slate_prob_.data();
    batch.reward = reward_.data();
    batch.terminated = terminated_.data();
    batch.truncated = truncated_.data();
    batch.next_obs = next_tensors_.data();
    batch.info = info_.empty() ? nullptr : info_.data();
    batch.episode_id = episode_id_.data();
    batch.step_index = step_index_.data();
    batch.slot_propensity = propensity_.data();
    for (rlrec_policy *p : {&policy_, twin != nullptr ? &twin->policy_ : nullptr}) {
      if (p == nullptr) continue;
      uint32_t count = 0;
      const rlrec_metric *metrics = nullptr;
      const rlrec_status status = p->vtable->learn(p->handle, &batch, &count, &metrics);
      INFO(p->vtable->last_error(p->handle));
      REQUIRE(status == RLREC_OK);
    }
    std::swap(obs_, next_obs_);
    std::swap(obs_tensors_, next_tensors_);
    std::vector<uint32_t> ended;
    for (uint32_t r = 0; r < rows_; ++r) {
      start_[r] = 0;
      ++step_index_[r];
      if (terminated_[r] || truncated_[r]) ended.push_back(r);
    }
    reset_rows(ended);
  }
}

std::vector<double> Driver::evaluate(uint32_t episodes, uint64_t eval_seed) {
  // Episode e always runs on the seed derived from (eval_seed, e), whichever row runs it, and
  // every started episode is waited for: taking the first episodes to finish would favour short
  // ones. Rows left without an episode play fillers whose returns are dropped.
  const uint64_t saved_seed = seed_, saved_count = episodes_started_;
  seed_ = eval_seed;
  episodes_started_ = 0;
  std::vector<int64_t> episode_of(rows_);
  uint64_t next = 0;
  for (uint32_t r = 0; r < rows_; ++r) episode_of[r] = next < episodes ? static_cast<int64_t>(next++) : -1;
  reset_all();
  std::vector<double> returns(episodes, 0.0);
  uint32_t done = 0;
  std::vector<int32_t> slates;
  while (done < episodes) {
    act(policy_, RLREC_ACT_GREEDY, slates);
    step(slates);
    std::swap(obs_, next_obs_);
    std::swap(obs_tensors_, next_tensors_);
    std::vector<uint32_t> ended;
    for (uint32_t r = 0; r < rows_; ++r) {
      returns_[r] += reward_[r];
      start_[r] = 0;
      ++step_index_[r];
      if (!terminated_[r] && !truncated_[r]) continue;
      if (episode_of[r] >= 0) {
        returns[static_cast<size_t>(episode_of[r])] = returns_[r];
        ++done;
      }
      episode_of[r] = next < episodes ? static_cast<int64_t>(next++) : -1;
      ended.push_back(r);
    }
    reset_rows(ended);
  }
  seed_ = saved_seed;
  episodes_started_ = saved_count;
  reset_all();
  return returns;
}

std::vector<unsigned char> Driver::save() const {
  std::vector<unsigned char> bytes;
  rlrec_byte_sink sink{&bytes, [](void *ctx, const void *data, size_t size) -> rlrec_status {
                         auto *out = static_cast<std::vector<unsigned char> *>(ctx);
                         const auto *p = static_cast<const unsigned char *>(data);
                         out->insert(out->end(), p, p + size);
                         return RLREC_OK;
                       }};
  REQUIRE(policy_.vtable->save(policy_.handle, &sink) == RLREC_OK);
  return bytes;
}

rlrec_status Driver::load(const std::vector<unsigned char> &state) {
  return policy_.vtable->load(policy_.handle, state.data(), state.size());
}

}  // namespace slateq_test
