// slateq_policy.cpp — construction and acting. Learning is in slateq_learn.cpp, the checkpoint
// format in slateq_state.cpp.
#include "slateq_policy.hpp"

#include <rlrec_support/boundary.hpp>
#include <rlrec_support/slate_probability.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "rlrec_nn/agent/exploration.hpp"

namespace rlrec_slateq {

using rlrec_support::fail;

namespace {

constexpr const char *kWho = "slateq";

// Rows act may leave for learn before they are dropped: a few steps of the training env.
size_t max_pending_rows(const rlrec_env_spec &spec) { return 4 * static_cast<size_t>(std::max(1u, spec.num_envs)); }

}  // namespace

SlateqPolicy::SlateqPolicy(const rlrec_value *params, const rlrec_env_spec &spec, uint64_t seed)
    : settings_(read_slateq_settings(params)),
      layout_(spec, kWho),
      history_(layout_, settings_.q.history, kWho),
      n_(layout_.num_candidates()),
      k_(layout_.slate_size()),
      dd_(layout_.item_dim()),
      context_dim_(layout_.context_dim()),
      user_dim_(layout_.context_dim() + history_.dim()),
      rec_(user_dim_, n_, dd_, k_),
      rng_(seed),
      inputs_(user_dim_, dd_, n_),
      qnet_(static_cast<int>(user_dim_), static_cast<int>(dd_), settings_.dueling, settings_.act_average, settings_.q, rng_),
      choice_(inputs_.inputs(), settings_.choice_hidden, settings_.choice_lr, rng_),
      clock_(settings_.q),
      records_(rec_.act_floats, max_pending_rows(spec)) {
  if (!layout_.has_candidates())
    throw std::invalid_argument("slateq: needs an obs field 'candidates' [N, features] (one row per candidate)");
  if (k_ > n_) throw std::invalid_argument("slateq: the slate has more slots than there are candidates");
  for (uint32_t c = 0; c < spec.num_info_channels; ++c)
    if (std::strcmp(spec.info_channels[c].name, "clicked_slot") == 0) clicked_channel_ = static_cast<int>(c);
  num_info_ = spec.num_info_channels;
  if (clicked_channel_ < 0 && !layout_.has_response())
    throw std::invalid_argument("slateq: needs to know what was clicked: an info channel 'clicked_slot' or an obs "
                                "field 'response' with a click column");
  if (settings_.q.n_step < 1) fail(RLREC_ERR_CONFIG, "slateq: n_step must be >= 1");
  rlrec::nn::ReplaySettings replay = settings_.q.replay;
  replay.float_width = rec_.floats;
  replay.int_width = rec_.ints;
  replay_ = rlrec::nn::ReplayBuffer(replay);
  metric_values_.assign(7, 0.0);
  info_.flags |= history_.policy_flags();
}

const rlrec_env_choice_model *SlateqPolicy::env_choice(const rlrec_env *env, uint32_t rows) {
  // Without an env (serving, acting from data) the learned model stands in for a conditional
  // one, and a first-slot env needs no scores at all.
  if (settings_.choice == ChoiceSource::kLearned || env == nullptr || env->vtable == nullptr) return nullptr;
  const void *ext = env->vtable->get_extension != nullptr
                        ? env->vtable->get_extension(env->handle, RLREC_EXT_ENV_CHOICE_MODEL)
                        : nullptr;
  const auto *model = static_cast<const rlrec_env_choice_model *>(ext);
  const bool usable = model != nullptr && (model->kind == RLREC_CHOICE_CONDITIONAL || model->kind == RLREC_CHOICE_FIRST_SLOT);
  if (!usable) {
    if (settings_.choice == ChoiceSource::kEnv)
      fail(RLREC_ERR_UNSUPPORTED, std::string("slateq: choice_model env, but the env ") +
                                      (model == nullptr ? "has no extension " RLREC_EXT_ENV_CHOICE_MODEL
                                                        : "has a cascade choice model, which SlateQ's decomposition "
                                                          "does not cover") +
                                      "; use choice_model: learned");
    kind_ = RLREC_CHOICE_CONDITIONAL;
    return nullptr;
  }
  const rlrec_env_spec *spec = env->vtable->spec(env->handle);
  if (spec->num_envs != rows || spec->action_space.n != n_)
    fail(RLREC_ERR_INVALID_ARGUMENT, "slateq: act has " + std::to_string(rows) + " rows but the env runs " +
                                         std::to_string(spec->num_envs) + " sub-envs (row r must be sub-env r)");
  kind_ = model->kind;
  return model;
}

void SlateqPolicy::greedy_slate(const float *q, Choice choice, const float *mask, int32_t *slate) {
  available_.clear();
  for (uint32_t i = 0; i < n_; ++i)
    if (mask[i] != 0.0f) available_.push_back(i);
  const auto m = static_cast<uint32_t>(available_.size());
  if (m < k_)
    throw std::invalid_argument("slateq: " + std::to_string(m) + " available candidates, a slate needs " +
                                std::to_string(k_));
  if (kind_ == RLREC_CHOICE_FIRST_SLOT) {
    // Only slot 0 is consumed: the best item first, the runners-up after it.
    std::partial_sort(available_.begin(), available_.begin() + k_, available_.end(), [&](uint32_t a, uint32_t b) {
      return q[a] != q[b] ? q[a] > q[b] : a < b;
    });
    for (uint32_t l = 0; l < k_; ++l) slate[l] = static_cast<int32_t>(available_[l]);
    return;
  }
  problem_.v.resize(m);
  problem_.q.resize(m);
  for (uint32_t j = 0; j < m; ++j) {
    problem_.v[j] = choice.v[available_[j]];
    problem_.q[j] = q[available_[j]];
  }
  problem_.v0 = choice.v0;
  problem_.q0 = settings_.null_item ? q[n_] : 0.0;
  problem_.k = k_;
  chosen_.resize(k_);
  optimize_slate(settings_.optimizer, problem_, chosen_.data());
  for (uint32_t l = 0; l < k_; ++l) slate[l] = static_cast<int32_t>(available_[chosen_[l]]);
}

double SlateqPolicy::state_value(const float *q_eval, const float *q_select, Choice choice, const float *mask,
                                 const int32_t *shown) {
  greedy_.resize(k_);
  if (shown != nullptr) std::copy_n(shown, k_, greedy_.data());
  else greedy_slate(q_select, choice, mask, greedy_.data());
  if (kind_ == RLREC_CHOICE_FIRST_SLOT) return q_eval[greedy_[0]];
  double num = settings_.null_item ? static_cast<double>(choice.v0) * q_eval[n_] : 0.0;
  double den = choice.v0;
  for (uint32_t l = 0; l < k_; ++l) {
    const auto i = static_cast<size_t>(greedy_[l]);
    num += static_cast<double>(choice.v[i]) * q_eval[i];
    den += choice.v[i];
  }
  return den > 0.0 ? num / den : 0.0;
}

Eigen::MatrixXf SlateqPolicy::evaluate_rows(const rlrec_act_input &in, bool advance_history,
                                            const rlrec_env_choice_model *&model) {
  const uint32_t rows = in.rows;
  layout_.check(in.obs, rows);
  const rlrec_env *env = RLREC_HAS_MEMBER(rlrec_act_input, &in, env) ? in.env : nullptr;
  const uint8_t *starts = RLREC_HAS_MEMBER(rlrec_act_input, &in, episode_start) ? in.episode_start : nullptr;
  model = env_choice(env, rows);

  // User features: context fields, then the history features of this env's rows.
  hist_.resize(static_cast<size_t>(rows) * history_.dim());
  if (advance_history) history_.features(env, rows, starts, in.obs, hist_.data());
  else history_.peek(env, rows, starts, in.obs, hist_.data());
  user_.resize(static_cast<size_t>(rows) * user_dim_);
  cand_.resize(static_cast<size_t>(rows) * n_ * dd_);
  mask_.resize(static_cast<size_t>(rows) * n_);
  x_.resize(inputs_.inputs(), static_cast<Eigen::Index>(rows) * (n_ + 1));
  for (uint32_t r = 0; r < rows; ++r) {
    float *user = user_.data() + static_cast<size_t>(r) * user_dim_;
    layout_.read_context(in.obs, r, user);
    std::copy_n(hist_.data() + static_cast<size_t>(r) * history_.dim(), history_.dim(), user + context_dim_);
    float *cand = cand_.data() + static_cast<size_t>(r) * n_ * dd_;
    layout_.read_candidates(in.obs, r, cand);
    layout_.read_mask(in.obs, r, mask_.data() + static_cast<size_t>(r) * n_);
    inputs_.state(user, cand, x_, static_cast<Eigen::Index>(r) * (n_ + 1));
  }
  Eigen::MatrixXf q = qnet_.values(ItemQ::Net::kActing, x_);

  v_.assign(static_cast<size_t>(rows) * n_, 1.0f);
  v0_.assign(rows, 1.0f);
  expected_.assign(static_cast<size_t>(rows) * n_, 0.0f);
  if (model != nullptr) {
    const rlrec_status status = model->query(env->handle, v_.data(), v0_.data(), expected_.data());
    if (status != RLREC_OK)
      fail(status, std::string("slateq: the env's choice_model.query failed: ") + env->vtable->last_error(env->handle));
  } else if (kind_ == RLREC_CHOICE_CONDITIONAL) {
    choice_.scores(x_, n_, v_.data());
  }
  return q;
}

double SlateqPolicy::epsilon(const rlrec_act_input &in) const {
  return in.mode == RLREC_ACT_EXPLORE ? clock_.epsilon() : settings_.q.epsilon_eval;
}

void SlateqPolicy::score(const rlrec_act_input &in, const int32_t *slates, double *slate_prob, double *slot_prob,
                         double *item_prob) {
  rlrec_support::SlateScores scores(kWho, &in, slates, slate_prob, slot_prob, item_prob, k_, n_);
  const rlrec_env_choice_model *model = nullptr;
  const Eigen::MatrixXf q = evaluate_rows(in, false, model);
  const double eps = epsilon(in);
  greedy_.resize(k_);
  for (uint32_t r = 0; r < in.rows; ++r) {
    const float *mask = mask_.data() + static_cast<size_t>(r) * n_;
    greedy_slate(q.data() + static_cast<size_t>(r) * (n_ + 1), Choice{v_.data() + static_cast<size_t>(r) * n_, v0_[r]},
                 mask, greedy_.data());
    scores.write(r, rlrec_support::EpsilonGreedySlates<float>{greedy_.data(), k_, eps, mask,
                                                               static_cast<uint32_t>(available_.size())});
  }
}

void SlateqPolicy::act(const rlrec_act_input &in, rlrec_act_output &out) {
  const uint32_t rows = in.rows;
  const rlrec_env *env = RLREC_HAS_MEMBER(rlrec_act_input, &in, env) ? in.env : nullptr;
  const rlrec_env_choice_model *model = nullptr;
  const Eigen::MatrixXf q = evaluate_rows(in, true, model);

  const double eps = epsilon(in);
  greedy_.resize(k_);
  scratch_.resize(n_);
  for (uint32_t r = 0; r < rows; ++r) {
    const float *qr = q.data() + static_cast<size_t>(r) * (n_ + 1);
    const float *mask = mask_.data() + static_cast<size_t>(r) * n_;
    greedy_slate(qr, Choice{v_.data() + static_cast<size_t>(r) * n_, v0_[r]}, mask, greedy_.data());
    int32_t *slate = out.slates + static_cast<size_t>(r) * k_;
    float *propensity = out.slot_propensity != nullptr ? out.slot_propensity + static_cast<size_t>(r) * k_ : nullptr;
    rlrec::nn::agent::epsilon_greedy(rng_, eps, greedy_.data(), available_.data(), static_cast<uint32_t>(available_.size()),
                                     k_, scratch_.data(), slate, out.slate_prob + r, propensity);
    if (out.scores != nullptr)
      for (uint32_t l = 0; l < k_; ++l)
        out.scores[static_cast<size_t>(r) * k_ + l] =
            static_cast<float>(qr[slate[l]] / settings_.q.reward_scale);
  }
  history_.shown(env, rows, in.obs, out.slates);

  if (in.mode != RLREC_ACT_EXPLORE) return;
  float *records = records_.append(rows);
  for (uint32_t r = 0; r < rows; ++r) {
    float *record = records + static_cast<size_t>(r) * rec_.act_floats;
    std::copy_n(user_.data() + static_cast<size_t>(r) * user_dim_, user_dim_, record);
    std::copy_n(v_.data() + static_cast<size_t>(r) * n_, n_, record + rec_.act_v);
    record[rec_.act_v0] = v0_[r];
    record[rec_.act_from_env] = model != nullptr ? 1.0f : 0.0f;
    std::copy_n(expected_.data() + static_cast<size_t>(r) * n_, n_, record + rec_.act_reward);
  }
}

}  // namespace rlrec_slateq
