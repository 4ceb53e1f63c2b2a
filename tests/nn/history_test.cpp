// History: the user features rebuilt from logged decisions (offline training) equal those the
// policy computed while acting on the same steps.
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "rlrec_nn/agent/history.hpp"
#include "rlrec_nn/agent/obs_layout.hpp"

namespace {

using rlrec::nn::agent::History;
using rlrec::nn::agent::ObsLayout;

constexpr uint32_t kN = 4, kDd = 3, kK = 2, kDr = 2, kDu = 2;

rlrec_space box(std::initializer_list<int64_t> shape) {
  rlrec_space s{};
  s.kind = RLREC_SPACE_BOX;
  s.dtype = RLREC_DTYPE_F32;
  for (int64_t size : shape) s.shape[s.rank++] = size;
  return s;
}

// `rows` steps of obs fields user [2], candidates [4, 3], response [2, 2] as tensors over buffers.
struct Steps {
  std::vector<float> user, candidates, response;
  std::vector<rlrec_tensor> obs;
  Steps(uint32_t rows, std::mt19937 &rng) {
    std::uniform_real_distribution<float> u(-1, 1);
    user.resize(rows * kDu);
    candidates.resize(rows * kN * kDd);
    response.resize(rows * kK * kDr);
    for (float &x : user) x = u(rng);
    for (float &x : candidates) x = u(rng);
    for (uint32_t r = 0; r < rows; ++r)
      for (uint32_t l = 0; l < kK; ++l) {
        response[(r * kK + l) * kDr] = u(rng) > 0 ? 1.0f : 0.0f;  // the click column
        response[(r * kK + l) * kDr + 1] = u(rng);
      }
    obs = {{user.data(), RLREC_DTYPE_F32, 2, {rows, kDu}},
           {candidates.data(), RLREC_DTYPE_F32, 3, {rows, kN, kDd}},
           {response.data(), RLREC_DTYPE_F32, 3, {rows, kK, kDr}}};
  }
  // The one-row view of step r.
  std::vector<rlrec_tensor> row(uint32_t r) const {
    std::vector<rlrec_tensor> view = obs;
    view[0].data = const_cast<float *>(user.data()) + r * kDu;
    view[1].data = const_cast<float *>(candidates.data()) + r * kN * kDd;
    view[2].data = const_cast<float *>(response.data()) + r * kK * kDr;
    for (rlrec_tensor &t : view) t.shape[0] = 1;
    return view;
  }
};

}  // namespace

TEST_CASE("logged_user_features equals the features act computed on the same steps") {
  const rlrec_field fields[] = {{"user", nullptr, box({kDu})}, {"candidates", nullptr, box({kN, kDd})},
                                {"response", nullptr, box({kK, kDr})}};
  rlrec_env_spec spec{};
  spec.struct_size = sizeof spec;
  spec.num_envs = 1;
  spec.num_obs_fields = 3;
  spec.obs_fields = fields;
  spec.action_space.kind = RLREC_SPACE_MULTI_DISCRETE;
  spec.action_space.dtype = RLREC_DTYPE_I32;
  spec.action_space.rank = 1;
  spec.action_space.shape[0] = kK;
  spec.action_space.n = kN;
  const ObsLayout layout(spec, "test");
  const rlrec::nn::agent::HistorySettings settings{{1.0, 0.7}, true, 0};
  History acting(layout, settings, "test"), logged(layout, settings, "test");

  // Two episodes (5 and 4 steps) of one sub-env, split across two learn batches mid-episode.
  std::mt19937 rng(7);
  const uint32_t rows = 9;
  const Steps steps(rows, rng);
  const std::vector<uint64_t> episode = {10, 10, 10, 10, 10, 11, 11, 11, 11};
  const std::vector<uint32_t> t = {0, 1, 2, 3, 4, 0, 1, 2, 3};
  std::vector<int32_t> slates(rows * kK);
  for (uint32_t r = 0; r < rows; ++r) {
    slates[r * kK] = static_cast<int32_t>(rng() % kN);
    slates[r * kK + 1] = static_cast<int32_t>((slates[r * kK] + 1 + rng() % (kN - 1)) % kN);
  }

  const size_t user_dim = layout.context_dim() + acting.dim();
  std::vector<float> at_act(rows * user_dim);
  for (uint32_t r = 0; r < rows; ++r) {
    const std::vector<rlrec_tensor> view = steps.row(r);
    const uint8_t start = t[r] == 0 ? 1 : 0;
    layout.read_context(view.data(), 0, at_act.data() + r * user_dim);
    acting.features(&spec, 1, &start, view.data(), at_act.data() + r * user_dim + layout.context_dim());
    acting.shown(&spec, 1, view.data(), slates.data() + r * kK);
  }

  std::vector<float> from_log(rows * user_dim, -1.0f);
  for (const auto &[first, count] : {std::pair<uint32_t, uint32_t>{0, 3}, {3, 6}}) {
    rlrec_transition_batch batch{};
    batch.struct_size = sizeof batch;
    batch.rows = count;
    const std::vector<rlrec_tensor> view = [&] {
      std::vector<rlrec_tensor> v = steps.row(first);
      for (rlrec_tensor &tensor : v) tensor.shape[0] = count;
      return v;
    }();
    batch.obs = view.data();
    batch.actions = slates.data() + first * kK;
    batch.episode_id = episode.data() + first;
    batch.step_index = t.data() + first;
    logged.logged_user_features(batch, user_dim, from_log.data() + first * user_dim);
  }
  CHECK(from_log == at_act);
  // The features do depend on the past: the last step of an episode differs from a fresh start.
  CHECK(at_act[4 * user_dim + layout.context_dim()] == 4.0f);
}
