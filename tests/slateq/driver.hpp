// driver.hpp — a policy and an env opened through librlrec (rlrec/engine.h), driven by the same
// loop as rlrec's runner with one shard: act on every sub-env (EXPLORE), step, learn from the
// step's transitions, reset the sub-envs whose episode ended. Tests use it to compare two
// policies step by step (reproducibility, exact resume), which the runner cannot do.
#pragma once

#include <rlrec/engine.h>

#include <string>
#include <vector>

namespace slateq_test {

class Driver {
 public:
  // Opens `env_plugin` with env_params (YAML map) and num_envs sub-envs, and `policy_plugin`
  // with policy_params; everything random derives from seed. Failures fail the test.
  Driver(const std::string &env_plugin, const std::string &env_params, uint32_t num_envs,
         const std::string &policy_plugin, const std::string &policy_params, uint64_t seed);
  ~Driver();
  Driver(const Driver &) = delete;
  Driver &operator=(const Driver &) = delete;

  // Runs `steps` training steps. With `twin`, every act and learn is also made on the twin
  // policy with the same inputs, and its slates must equal this policy's (checked per step).
  void train(uint32_t steps, Driver *twin = nullptr);
  // Starts a new episode in every sub-env (what the runner does on resume).
  void reset_all();
  // Undiscounted returns of `episodes` GREEDY episodes on seeds derived from eval_seed, in
  // episode order (the same episodes on every call).
  std::vector<double> evaluate(uint32_t episodes, uint64_t eval_seed);

  std::vector<unsigned char> save() const;
  rlrec_status load(const std::vector<unsigned char> &state);
  // The act input of the current step (observations, episode starts, the env), valid until the
  // next train/evaluate/reset call.
  rlrec_act_input input(uint32_t mode);
  rlrec_policy &policy() { return policy_; }
  rlrec_env &env() { return env_; }
  const std::vector<float> &last_slate_prob() const { return slate_prob_; }
  const std::vector<int32_t> &last_slates() const { return slates_; }

 private:
  void act(rlrec_policy &policy, uint32_t mode, std::vector<int32_t> &slates);
  void step(const std::vector<int32_t> &slates);
  void reset_rows(const std::vector<uint32_t> &rows);

  rlrec_env env_{};
  rlrec_policy policy_{};
  const rlrec_env_spec *spec_ = nullptr;
  uint32_t rows_ = 0, slate_ = 0;
  uint64_t seed_ = 0, episodes_started_ = 0;
  std::vector<std::vector<unsigned char>> obs_, next_obs_;  // per field, [rows, numel] bytes
  std::vector<rlrec_tensor> obs_tensors_, next_tensors_;
  std::vector<float> reward_, info_, slate_prob_, propensity_;
  std::vector<uint8_t> terminated_, truncated_, start_;
  std::vector<uint64_t> episode_id_;
  std::vector<uint32_t> step_index_;
  std::vector<double> returns_;
  std::vector<int32_t> slates_, twin_slates_;
};

}  // namespace slateq_test
