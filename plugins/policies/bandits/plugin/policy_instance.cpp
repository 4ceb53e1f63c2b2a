#include "policy_instance.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <rlrec_support/boundary.hpp>
#include <rlrec_support/slate_probability.hpp>
#include <string>
#include <vector>

#include "obs_layout.hpp"
#include "rlrec_bandit/slate_bandit.hpp"
#include "schema.hpp"

namespace rlrec_bandits {
namespace {

using rlrec_support::fail;

class BanditPolicy {
 public:
  BanditPolicy(std::string id, ObsLayout layout, rlrec_bandit::SlateBandit bandit)
      : id_(std::move(id)),
        layout_(std::move(layout)),
        bandit_(std::move(bandit)),
        user_(layout_.dims.user_dim),
        candidates_(static_cast<std::size_t>(layout_.dims.num_candidates) * layout_.dims.item_dim),
        mask_(layout_.dims.num_candidates),
        propensity_(layout_.dims.slate_size),
        scores_(layout_.dims.slate_size) {}

  rlrec_policy_info info{sizeof(rlrec_policy_info), RLREC_POLICY_LEARNS};
  std::string error;

  // Whether every mode's slate distribution is exact (not lints' Thompson sampling).
  bool has_closed_form() const { return bandit_.has_closed_form(); }

  void act(const rlrec_act_input *in, rlrec_act_output *out) {
    if (in == nullptr || out == nullptr || out->slates == nullptr || out->slate_prob == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, where("act") + "input, output, slates or slate_prob is NULL");
    if (out->rows != in->rows)
      fail(RLREC_ERR_INVALID_ARGUMENT,
           where("act") + "output has " + std::to_string(out->rows) + " rows, input " + std::to_string(in->rows));
    check_servable(in, "act");
    const uint32_t k = layout_.dims.slate_size;
    const rlrec_bandit::Mode mode = mode_of(in);
    for (uint32_t r = 0; r < in->rows; ++r) {
      read_observation(in->obs, r);
      rlrec_bandit::SlateChoice choice;
      choice.slate = {out->slates + static_cast<std::size_t>(r) * k, k};
      choice.propensity = propensity_;
      choice.scores = scores_;
      bandit_.decide(user_.data(), candidates_.data(), layout_.mask >= 0 ? mask_.data() : nullptr, mode, choice);
      // A probability too small for a float (a tiny epsilon over a huge slate space) stays positive:
      // the host rejects 0, and an importance weight of 1/FLT_TRUE_MIN is as good as infinite.
      out->slate_prob[r] = std::max(static_cast<float>(choice.prob), FLT_TRUE_MIN);
      for (uint32_t l = 0; l < k; ++l) {
        const std::size_t at = static_cast<std::size_t>(r) * k + l;
        if (out->slot_propensity != nullptr) out->slot_propensity[at] = static_cast<float>(propensity_[l]);
        if (out->scores != nullptr) out->scores[at] = static_cast<float>(scores_[l]);
      }
    }
  }

  // rlrec.policy.slate_probability/1: ε-greedy around the explorer's slate at the current clock.
  void score(const rlrec_act_input *in, const int32_t *slates, double *slate_prob, double *slot_prob,
             double *item_prob) {
    const uint32_t k = layout_.dims.slate_size;
    rlrec_support::SlateScores scores(id_, in, slates, slate_prob, slot_prob, item_prob, k,
                                      layout_.dims.num_candidates);
    check_servable(in, "slate_probability");
    greedy_.resize(k);
    for (uint32_t r = 0; r < in->rows; ++r) {
      read_observation(in->obs, r);
      const uint8_t *mask = layout_.mask >= 0 ? mask_.data() : nullptr;
      const std::optional<double> epsilon = bandit_.distribution(user_.data(), candidates_.data(), mask, mode_of(in), greedy_);
      if (!epsilon)  // has_closed_form() is false for such an explorer: the extension was never offered
        fail(RLREC_ERR_UNSUPPORTED, where("slate_probability") + "no closed-form slate distribution in this mode");
      const auto available = mask == nullptr ? layout_.dims.num_candidates
                                             : static_cast<uint32_t>(std::count_if(mask_.begin(), mask_.end(),
                                                                                   [](uint8_t m) { return m != 0; }));
      scores.write(r, rlrec_support::EpsilonGreedySlates<uint8_t>{greedy_.data(), k, *epsilon, mask, available});
    }
  }

  void learn(const rlrec_transition_batch *batch, uint32_t *num_metrics, const rlrec_metric **metrics) {
    if (batch == nullptr || num_metrics == nullptr || metrics == nullptr || batch->actions == nullptr ||
        batch->reward == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, where("learn") + "batch, actions, reward or the metric outputs are NULL");
    check_obs(layout_, batch->obs, batch->rows, "learn");
    const bool has_clicks = layout_.clicked_slot >= 0;
    if (has_clicks && batch->info == nullptr && batch->rows > 0)
      fail(RLREC_ERR_INVALID_ARGUMENT, where("learn") + "the env has a clicked_slot channel but batch info is NULL");
    const uint32_t k = layout_.dims.slate_size;
    // Validate every row first: a batch is learnt entirely or not at all.
    for (uint32_t r = 0; r < batch->rows; ++r) {
      for (uint32_t l = 0; l < k; ++l) {
        const int32_t item = batch->actions[static_cast<std::size_t>(r) * k + l];
        if (item < 0 || static_cast<uint32_t>(item) >= layout_.dims.num_candidates)
          fail(RLREC_ERR_INVALID_ARGUMENT, where("learn") + "row " + std::to_string(r) + " slot " + std::to_string(l) +
                                               " shows candidate " + std::to_string(item));
      }
      if (has_clicks) {
        const float c = clicked_value(batch, r);
        if (!(c == std::floor(c) && c >= -1.0f && c < static_cast<float>(k)))
          fail(RLREC_ERR_INVALID_ARGUMENT, where("learn") + "row " + std::to_string(r) + " has clicked_slot " +
                                               std::to_string(c) + ", expected -1.." + std::to_string(k - 1));
      }
    }
    for (uint32_t r = 0; r < batch->rows; ++r) {
      read_observation(batch->obs, r);
      std::optional<int32_t> clicked;
      if (has_clicks) clicked = static_cast<int32_t>(clicked_value(batch, r));
      bandit_.learn(user_.data(), candidates_.data(), batch->actions + static_cast<std::size_t>(r) * k,
                    static_cast<double>(batch->reward[r]), clicked);
    }
    metrics_.clear();
    for (const rlrec_bandit::Metric &m : bandit_.take_metrics()) metrics_.push_back({m.name, m.value});
    *num_metrics = static_cast<uint32_t>(metrics_.size());
    *metrics = metrics_.data();
  }

  void save(const rlrec_byte_sink *sink) const {
    if (sink == nullptr || sink->write == nullptr) fail(RLREC_ERR_INVALID_ARGUMENT, where("save") + "sink is NULL");
    rlrec_bandit::ByteWriter bytes;
    bandit_.save(bytes);
    const rlrec_status status = sink->write(sink->ctx, bytes.data().data(), bytes.data().size());
    if (status != RLREC_OK) fail(status, where("save") + "the sink failed to write the state");
  }

  void load(const void *data, size_t size) {
    if (data == nullptr && size > 0) fail(RLREC_ERR_INVALID_ARGUMENT, where("load") + "data is NULL");
    try {
      rlrec_bandit::ByteReader bytes(data, size);
      bandit_.load(bytes);
    } catch (const rlrec_bandit::StateVersionError &e) {
      fail(RLREC_ERR_VERSION, where("load") + e.what());
    } catch (const rlrec_bandit::StateError &e) {
      fail(RLREC_ERR_INVALID_ARGUMENT, where("load") + e.what());
    }
  }

 private:
  std::string where(const char *call) const { return id_ + "." + call + ": "; }

  static rlrec_bandit::Mode mode_of(const rlrec_act_input *in) {
    return in->mode == RLREC_ACT_GREEDY ? rlrec_bandit::Mode::kGreedy : rlrec_bandit::Mode::kExplore;
  }

  // Checks the observations and that every row can fill a slate, before any decision is made, so
  // a failed call leaves the policy (its random stream, its decision clock) as it was.
  void check_servable(const rlrec_act_input *in, const char *call) {
    check_obs(layout_, in->obs, in->rows, call);
    if (layout_.mask < 0) return;
    for (uint32_t r = 0; r < in->rows; ++r) {
      copy_mask_row(in->obs[layout_.mask], r, mask_.size(), mask_.data());
      uint32_t available = 0;
      for (uint8_t m : mask_) available += m;
      if (available < layout_.dims.slate_size)
        fail(RLREC_ERR_INVALID_ARGUMENT, where(call) + "row " + std::to_string(r) + " has " + std::to_string(available) +
                                             " available candidates, a slate needs " +
                                             std::to_string(layout_.dims.slate_size));
    }
  }

  float clicked_value(const rlrec_transition_batch *batch, uint32_t r) const {
    return batch->info[static_cast<std::size_t>(r) * layout_.num_info + static_cast<std::size_t>(layout_.clicked_slot)];
  }

  void read_observation(const rlrec_tensor *obs, uint32_t r) {
    if (layout_.user >= 0) copy_row(obs[layout_.user], r, user_.size(), user_.data());
    copy_row(obs[layout_.candidates], r, candidates_.size(), candidates_.data());
    if (layout_.mask >= 0) copy_mask_row(obs[layout_.mask], r, mask_.size(), mask_.data());
  }

  std::string id_;
  ObsLayout layout_;
  rlrec_bandit::SlateBandit bandit_;
  std::vector<double> user_;        // [du] of the current row
  std::vector<double> candidates_;  // [N, dd]
  std::vector<uint8_t> mask_;       // [N]
  std::vector<double> propensity_;  // [k]
  std::vector<double> scores_;      // [k]
  std::vector<int32_t> greedy_;     // [k]
  std::vector<rlrec_metric> metrics_;
};

BanditPolicy *self(void *handle) {
  return static_cast<BanditPolicy *>(handle);
}

const rlrec_policy_info *policy_info(void *handle) {
  return &self(handle)->info;
}

rlrec_status policy_act(void *handle, const rlrec_act_input *in, rlrec_act_output *out) {
  return rlrec_support::guard(self(handle)->error, [&] { self(handle)->act(in, out); });
}

rlrec_status policy_learn(void *handle, const rlrec_transition_batch *batch, uint32_t *num_metrics,
                          const rlrec_metric **metrics) {
  return rlrec_support::guard(self(handle)->error, [&] { self(handle)->learn(batch, num_metrics, metrics); });
}

rlrec_status policy_save(void *handle, const rlrec_byte_sink *sink) {
  return rlrec_support::guard(self(handle)->error, [&] { self(handle)->save(sink); });
}

rlrec_status policy_load(void *handle, const void *data, size_t size) {
  return rlrec_support::guard(self(handle)->error, [&] { self(handle)->load(data, size); });
}

const void *policy_get_extension(void *handle, const char *id) {
  if (std::strcmp(id, RLREC_EXT_POLICY_SLATE_PROBABILITY) == 0 && self(handle)->has_closed_form())
    return &rlrec_support::SlateProbabilityExtension<BanditPolicy>::table;
  return nullptr;
}

const char *policy_last_error(void *handle) {
  return self(handle)->error.c_str();
}

void policy_destroy(void *handle) {
  delete self(handle);
}

const rlrec_policy_vtable kVtable = {
    sizeof(rlrec_policy_vtable),
    policy_info,
    policy_act,
    policy_learn,
    policy_save,
    policy_load,
    policy_get_extension,
    policy_last_error,
    policy_destroy,
};

void log(const rlrec_host *host, int32_t level, const std::string &message) {
  if (host != nullptr && host->log != nullptr) host->log(host, level, message.c_str());
}

}  // namespace

rlrec_status create_bandit_policy(const char *id, ExplorerMaker make_explorer, const rlrec_host *host,
                                  const rlrec_value *params, const rlrec_env_spec *env_spec, uint64_t seed,
                                  rlrec_policy *out, char *err, size_t err_capacity) {
  return rlrec_support::guard_create(err, err_capacity, [&] {
    const std::string prefix = std::string(id) + ": ";
    if (params == nullptr || env_spec == nullptr || out == nullptr)
      fail(RLREC_ERR_INVALID_ARGUMENT, prefix + "params, env_spec and out must be non-NULL");
    ObsLayout layout;
    try {
      layout = read_layout(*env_spec);
    } catch (const rlrec_support::Error &e) {
      fail(e.status(), prefix + e.what());
    }
    const rlrec_bandit::BanditConfig config = read_config(params);
    if (layout.clicked_slot < 0 && config.credit != rlrec_bandit::Credit::kAllShown)
      log(host, RLREC_LOG_WARNING,
          prefix +
              "the env has no 'clicked_slot' info channel: every shown item is credited with the slate's "
              "reward (credit: all_shown)");
    auto policy = [&] {
      try {
        return std::make_unique<BanditPolicy>(
            id, layout, rlrec_bandit::SlateBandit(config, layout.dims, make_explorer(params), seed));
      } catch (const std::invalid_argument &e) {
        fail(RLREC_ERR_CONFIG, prefix + e.what());
      }
    }();
    out->vtable = &kVtable;
    out->handle = policy.release();
  });
}

}  // namespace rlrec_bandits
