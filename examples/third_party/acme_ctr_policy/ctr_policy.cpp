// ctr_policy.cpp — plugin "acme.ctr": an epsilon-greedy slate recommender over a logistic
// click-through model (ctr_model.hpp), written by a team outside rlrec in C++17 against
// <rlrec/plugin.h> only.
//
// It works on any env that follows rlrec's recommender conventions (rlrec/types.h): it reads the
// observation fields "candidates" [N, dd] (required) and "user" [du] (optional), and learns from
// the info channel "clicked_slot" (without one, every shown item is labelled by reward > 0).
//
// act: greedy = the top-k candidates by model score (ties to the lower index); explore = with
// probability epsilon a uniformly random ordered slate instead. Both probabilities are exact:
//     P(slate) = (1 - eps) [slate == greedy] + eps / (N (N-1) ... (N-k+1))
//     P(slot l shows i) = (1 - eps) [greedy_l == i] + eps / N
//
// The C ABI is C: no exception may cross it. Every entry point below runs its body inside
// `guarded`, which turns an exception into a status and a last_error message.
#include <rlrec/plugin.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "ctr_model.hpp"

namespace {

enum { P_EPSILON, P_LEARNING_RATE, P_L2, P_PRODUCT, P_COUNT };

const rlrec_param_def kParams[P_COUNT] = {
    {"epsilon", RLREC_PARAM_FLOAT, 0, "0.1", 0.0, 1.0, nullptr, "Probability of a uniformly random slate while exploring.", 0, 0},
    {"learning_rate", RLREC_PARAM_FLOAT, 0, "0.05", 1e-6, 10.0, nullptr, "SGD step size of the logistic model.", 0, 0},
    {"l2", RLREC_PARAM_FLOAT, 0, "0.0001", 0.0, 1.0, nullptr, "L2 shrinkage per SGD step.", 0, 0},
    {"product_features", RLREC_PARAM_BOOL, 0, "true", 0, 1, nullptr,
     "Add the user x candidate elementwise product features (needs the user dim <= the candidate dim).", 0, 0},
};

// A failure with an rlrec status, thrown inside the plugin and caught at its boundary.
struct Failure : std::runtime_error {
  Failure(rlrec_status s, const std::string &message) : std::runtime_error(message), status(s) {}
  rlrec_status status;
};

int find_field(const rlrec_env_spec &spec, const char *name) {
  for (uint32_t i = 0; i < spec.num_obs_fields; ++i) {
    if (std::strcmp(spec.obs_fields[i].name, name) == 0) return static_cast<int>(i);
  }
  return -1;
}

class CtrPolicy {
 public:
  CtrPolicy(const rlrec_value *params, const rlrec_env_spec &spec, uint64_t seed)
      : epsilon_(params[P_EPSILON].f), rng_(seed), layout_(read_layout(spec)),
        features_(layout_.user_dim, layout_.item_dim, params[P_PRODUCT].i != 0),
        model_(features_.dim(), params[P_LEARNING_RATE].f, params[P_L2].f),
        x_(layout_.n * features_.dim()), scores_(layout_.n), order_(layout_.n), greedy_(layout_.k) {
    if (layout_.k > layout_.n) throw Failure(RLREC_ERR_UNSUPPORTED, "slate larger than the candidate set");
    double permutations = 1.0;
    for (std::size_t l = 0; l < layout_.k; ++l) permutations *= double(layout_.n - l);
    random_slate_prob_ = 1.0 / permutations;
  }

  const rlrec_policy_info *info() const { return &info_; }

  void act(const rlrec_act_input &in, rlrec_act_output &out) {
    const double eps = in.mode == RLREC_ACT_EXPLORE ? epsilon_ : 0.0;
    const std::size_t n = layout_.n, k = layout_.k;
    for (uint32_t r = 0; r < in.rows; ++r) {
      score_row(in.obs, r);
      std::iota(order_.begin(), order_.end(), 0);
      std::partial_sort(order_.begin(), order_.begin() + static_cast<long>(k), order_.end(),
                        [&](std::size_t a, std::size_t b) { return scores_[a] > scores_[b] || (scores_[a] == scores_[b] && a < b); });
      std::copy(order_.begin(), order_.begin() + static_cast<long>(k), greedy_.begin());
      int32_t *slate = out.slates + std::size_t(r) * k;
      const bool random = eps > 0.0 && unit() < eps;
      if (random) {  // a partial Fisher-Yates shuffle: k distinct candidates, uniformly ordered
        std::iota(order_.begin(), order_.end(), 0);
        for (std::size_t l = 0; l < k; ++l) std::swap(order_[l], order_[l + next() % (n - l)]);
      }
      bool is_greedy = true;
      for (std::size_t l = 0; l < k; ++l) {
        slate[l] = static_cast<int32_t>(random ? order_[l] : greedy_[l]);
        is_greedy = is_greedy && std::size_t(slate[l]) == greedy_[l];
      }
      out.slate_prob[r] = static_cast<float>((is_greedy ? 1.0 - eps : 0.0) + eps * random_slate_prob_);
      for (std::size_t l = 0; l < k; ++l) {
        const std::size_t item = std::size_t(slate[l]);
        if (out.slot_propensity) {
          out.slot_propensity[r * k + l] = static_cast<float>((greedy_[l] == item ? 1.0 - eps : 0.0) + eps / double(n));
        }
        if (out.scores) out.scores[r * k + l] = static_cast<float>(scores_[item]);
      }
    }
  }

  void learn(const rlrec_transition_batch &batch, uint32_t *num_metrics, const rlrec_metric **metrics) {
    const std::size_t k = layout_.k, d = features_.dim();
    double loss = 0.0, clicks = 0.0, labels = 0.0;
    for (uint32_t r = 0; r < batch.rows; ++r) {
      score_row(batch.obs, r);  // fills x_ for this row's candidates
      const int32_t *slate = batch.actions + std::size_t(r) * k;
      const int clicked = layout_.clicked_channel >= 0 && batch.info
                              ? static_cast<int>(batch.info[r * layout_.num_info + std::size_t(layout_.clicked_channel)])
                              : -2;
      for (std::size_t l = 0; l < k; ++l) {
        const double label = clicked == -2 ? (batch.reward[r] > 0 ? 1.0 : 0.0) : (int(l) == clicked ? 1.0 : 0.0);
        loss += model_.update(&x_[std::size_t(slate[l]) * d], label);
        clicks += label;
        labels += 1.0;
      }
    }
    metrics_[0] = {"loss", labels > 0 ? loss / labels : 0.0};
    metrics_[1] = {"ctr", labels > 0 ? clicks / labels : 0.0};
    *num_metrics = static_cast<uint32_t>(metrics_.size());
    *metrics = metrics_.data();
  }

  void save(const rlrec_byte_sink &sink) const {
    std::vector<unsigned char> bytes;
    model_.save(bytes);
    const auto *state = reinterpret_cast<const unsigned char *>(&rng_);
    bytes.insert(bytes.end(), state, state + sizeof rng_);  // the random stream is state too
    if (sink.write(sink.ctx, bytes.data(), bytes.size()) != RLREC_OK) throw Failure(RLREC_ERR_IO, "save: the sink failed");
  }

  void load(const void *data, std::size_t size) {
    if (size < sizeof rng_) throw Failure(RLREC_ERR_INVALID_ARGUMENT, "load: truncated state");
    const auto *bytes = static_cast<const unsigned char *>(data);
    try {
      model_.load(bytes, size - sizeof rng_);
    } catch (const std::invalid_argument &e) {
      throw Failure(RLREC_ERR_VERSION, std::string("load: ") + e.what());
    }
    std::memcpy(&rng_, bytes + size - sizeof rng_, sizeof rng_);
  }

  std::string error;

 private:
  struct Layout {
    int candidates = -1, user = -1, clicked_channel = -1;
    std::size_t n = 0, item_dim = 0, user_dim = 0, k = 0, num_info = 0;
  };

  static Layout read_layout(const rlrec_env_spec &spec) {
    Layout layout;
    layout.candidates = find_field(spec, "candidates");
    layout.user = find_field(spec, "user");
    if (layout.candidates < 0) throw Failure(RLREC_ERR_UNSUPPORTED, "acme.ctr needs an observation field 'candidates' [N, dd]");
    if (find_field(spec, "mask") >= 0) throw Failure(RLREC_ERR_UNSUPPORTED, "acme.ctr does not support candidate masks");
    const rlrec_space &c = spec.obs_fields[layout.candidates].space;
    if (c.rank != 2 || c.dtype != RLREC_DTYPE_F32) throw Failure(RLREC_ERR_UNSUPPORTED, "'candidates' must be float32 [N, dd]");
    layout.n = std::size_t(c.shape[0]);
    layout.item_dim = std::size_t(c.shape[1]);
    if (layout.user >= 0) {
      const rlrec_space &u = spec.obs_fields[layout.user].space;
      if (u.rank != 1 || u.dtype != RLREC_DTYPE_F32) throw Failure(RLREC_ERR_UNSUPPORTED, "'user' must be float32 [du]");
      layout.user_dim = std::size_t(u.shape[0]);
    }
    layout.k = std::size_t(spec.action_space.shape[0]);
    layout.num_info = spec.num_info_channels;
    for (uint32_t i = 0; i < spec.num_info_channels; ++i) {
      if (std::strcmp(spec.info_channels[i].name, "clicked_slot") == 0) layout.clicked_channel = static_cast<int>(i);
    }
    return layout;
  }

  // Features and model scores of every candidate of row r, into x_ and scores_.
  void score_row(const rlrec_tensor *obs, uint32_t r) {
    const std::size_t n = layout_.n, dd = layout_.item_dim, d = features_.dim();
    const float *items = static_cast<const float *>(obs[layout_.candidates].data) + std::size_t(r) * n * dd;
    const float *user = layout_.user >= 0 && layout_.user_dim > 0
                            ? static_cast<const float *>(obs[layout_.user].data) + std::size_t(r) * layout_.user_dim
                            : nullptr;
    for (std::size_t i = 0; i < n; ++i) {
      features_.build(user, items + i * dd, &x_[i * d]);
      scores_[i] = model_.score(&x_[i * d]);
    }
  }

  uint64_t next() {  // splitmix64
    uint64_t z = (rng_ += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
  }
  double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

  double epsilon_;
  uint64_t rng_;
  Layout layout_;
  acme::Features features_;
  acme::LogisticModel model_;
  std::vector<double> x_, scores_;  // scratch, sized once: act and learn allocate nothing
  std::vector<std::size_t> order_, greedy_;
  double random_slate_prob_ = 1.0;
  rlrec_policy_info info_{sizeof(rlrec_policy_info), RLREC_POLICY_LEARNS};
  std::array<rlrec_metric, 2> metrics_{};
};

// Runs body(policy) and turns any exception into a status and a last_error message.
template <class Body>
rlrec_status guarded(void *handle, Body &&body) noexcept {
  auto *policy = static_cast<CtrPolicy *>(handle);
  try {
    policy->error.clear();
    body(*policy);
    return RLREC_OK;
  } catch (const Failure &e) {
    policy->error = e.what();
    return e.status;
  } catch (const std::bad_alloc &) {
    policy->error = "out of memory";
    return RLREC_ERR_NO_MEMORY;
  } catch (const std::exception &e) {
    policy->error = e.what();
    return RLREC_ERR_RUNTIME;
  } catch (...) {
    policy->error = "unknown exception";
    return RLREC_ERR_RUNTIME;
  }
}

const rlrec_policy_info *ctr_info(void *h) { return static_cast<CtrPolicy *>(h)->info(); }
rlrec_status ctr_act(void *h, const rlrec_act_input *in, rlrec_act_output *out) {
  return guarded(h, [&](CtrPolicy &p) { p.act(*in, *out); });
}
rlrec_status ctr_learn(void *h, const rlrec_transition_batch *batch, uint32_t *num_metrics, const rlrec_metric **metrics) {
  return guarded(h, [&](CtrPolicy &p) { p.learn(*batch, num_metrics, metrics); });
}
rlrec_status ctr_save(void *h, const rlrec_byte_sink *sink) {
  return guarded(h, [&](CtrPolicy &p) { p.save(*sink); });
}
rlrec_status ctr_load(void *h, const void *data, size_t size) {
  return guarded(h, [&](CtrPolicy &p) { p.load(data, size); });
}
const char *ctr_last_error(void *h) { return static_cast<CtrPolicy *>(h)->error.c_str(); }
void ctr_destroy(void *h) { delete static_cast<CtrPolicy *>(h); }

const rlrec_policy_vtable kVtable = {sizeof(rlrec_policy_vtable), ctr_info, ctr_act, ctr_learn, ctr_save,
                                     ctr_load, nullptr, ctr_last_error, ctr_destroy};

rlrec_status ctr_create(const rlrec_host *, const rlrec_value *params, const rlrec_env_spec *spec, uint64_t seed,
                        rlrec_policy *out, char *err, size_t err_capacity) noexcept {
  try {
    *out = {&kVtable, new CtrPolicy(params, *spec, seed)};
    return RLREC_OK;
  } catch (const Failure &e) {
    std::snprintf(err, err_capacity, "acme.ctr: %s", e.what());
    return e.status;
  } catch (const std::bad_alloc &) {
    return RLREC_ERR_NO_MEMORY;
  } catch (const std::exception &e) {
    std::snprintf(err, err_capacity, "acme.ctr: %s", e.what());
    return RLREC_ERR_CONFIG;
  }
}

const rlrec_plugin_desc kDesc = {sizeof(rlrec_plugin_desc), RLREC_KIND_POLICY, "acme.ctr", "1.0.0",
                                 "ACME epsilon-greedy slates over an online logistic click-through model.", P_COUNT, 0,
                                 kParams};
const rlrec_plugin_factory kFactory = {sizeof(rlrec_plugin_factory), 0, &kDesc, nullptr, ctr_create, nullptr};

uint32_t ctr_factory_count() { return 1; }
const rlrec_plugin_factory *ctr_factory_get(uint32_t) { return &kFactory; }
const rlrec_plugin_entry kEntry = {sizeof(rlrec_plugin_entry), RLREC_ABI_VERSION, nullptr, nullptr,
                                   ctr_factory_count, ctr_factory_get};

}  // namespace

extern "C" RLREC_EXPORT const rlrec_plugin_entry *rlrec_plugin_get_entry(uint32_t host_abi_version) {
  return RLREC_VERSION_IS_COMPATIBLE(host_abi_version, RLREC_ABI_VERSION) ? &kEntry : nullptr;
}
