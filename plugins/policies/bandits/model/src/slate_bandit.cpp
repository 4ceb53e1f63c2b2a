#include "rlrec_bandit/slate_bandit.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

namespace rlrec_bandit {
namespace {

constexpr char kMagic[8] = {'r', 'l', 'r', 'e', 'c', 'B', 'N', 'D'};
// Version 1: magic, version, explorer name, dims, feature dim, decisions, RNG, models.
constexpr uint32_t kFormatVersion = 1;

}  // namespace

SlateBandit::SlateBandit(const BanditConfig &config, const BanditDims &dims, std::unique_ptr<Explorer> explorer,
                         uint64_t seed)
    : config_(config),
      dims_(dims),
      features_(config.features, dims.user_dim, dims.item_dim),
      explorer_(std::move(explorer)),
      models_(std::make_unique<ModelSet>(config.per_candidate, dims.num_candidates, config.solver, features_.dim(),
                                         config.lambda)),
      rng_(seed),
      candidate_features_(static_cast<Eigen::Index>(dims.num_candidates), static_cast<Eigen::Index>(features_.dim())),
      x_(static_cast<std::size_t>(dims.slate_size) * features_.dim()),
      predicted_(dims.slate_size) {}

Availability SlateBandit::score_candidates(const double *user, const double *candidates, const uint8_t *mask,
                                           Mode mode) {
  Availability avail{dims_.num_candidates, mask, dims_.num_candidates};
  if (mask != nullptr) {
    avail.count = 0;
    for (uint32_t i = 0; i < dims_.num_candidates; ++i) avail.count += mask[i] != 0 ? 1 : 0;
  }
  if (avail.count < dims_.slate_size)
    throw std::invalid_argument(std::to_string(avail.count) + " candidates are available, a slate needs " +
                                std::to_string(dims_.slate_size));
  for (uint32_t i = 0; i < dims_.num_candidates; ++i)
    features_.build(user, candidates + static_cast<std::size_t>(i) * dims_.item_dim, candidate_features_.row(i).data());
  models_->posterior(candidate_features_, explorer_->needs(mode), scores_);
  return avail;
}

void SlateBandit::decide(const double *user, const double *candidates, const uint8_t *mask, Mode mode,
                         SlateChoice &out) {
  const Availability avail = score_candidates(user, candidates, mask, mode);
  explorer_->choose(scores_, avail, mode, decisions_, rng_, out);
  if (mode == Mode::kExplore) ++decisions_;
}

std::optional<double> SlateBandit::distribution(const double *user, const double *candidates, const uint8_t *mask,
                                                Mode mode, std::span<int32_t> greedy) {
  const Availability avail = score_candidates(user, candidates, mask, mode);
  return explorer_->closed_form(scores_, avail, mode, decisions_, greedy);
}

void SlateBandit::learn(const double *user, const double *candidates, const int32_t *slate, double reward,
                        std::optional<int32_t> clicked) {
  const uint32_t k = dims_.slate_size;
  for (uint32_t l = 0; l < k; ++l)
    if (slate[l] < 0 || static_cast<uint32_t>(slate[l]) >= dims_.num_candidates)
      throw std::invalid_argument("slot " + std::to_string(l) + " shows candidate " + std::to_string(slate[l]) +
                                  ", outside 0.." + std::to_string(dims_.num_candidates - 1));
  if (clicked.has_value() && (*clicked < -1 || *clicked >= static_cast<int32_t>(k)))
    throw std::invalid_argument("clicked_slot " + std::to_string(*clicked) + " is outside -1.." +
                                std::to_string(k - 1));
  assign_credit(config_.credit, k, reward, clicked, config_.position_discounts, credited_);

  // Predict every credited item before updating any, so prediction_mse measures the model as it
  // was before this transition.
  const std::size_t d = features_.dim();
  for (std::size_t c = 0; c < credited_.size(); ++c) {
    const auto item = static_cast<uint32_t>(slate[credited_[c].slot]);
    double *x = x_.data() + c * d;
    features_.build(user, candidates + static_cast<std::size_t>(item) * dims_.item_dim, x);
    predicted_[c] =
        models_->model_for(item).theta().dot(Eigen::Map<const Eigen::VectorXd>(x, static_cast<Eigen::Index>(d)));
  }
  for (std::size_t c = 0; c < credited_.size(); ++c) {
    const CreditedItem &item = credited_[c];
    if (!(item.weight > 0.0)) continue;
    models_->model_for(static_cast<uint32_t>(slate[item.slot])).update(x_.data() + c * d, item.target, item.weight);
    const double error = item.target - predicted_[c];
    stats_.squared_error_sum += error * error;
    ++stats_.updates;
  }
  ++stats_.rows;
  stats_.reward_sum += reward;
  if (clicked.has_value()) {
    ++stats_.rows_with_click_info;
    stats_.clicks += *clicked >= 0 ? 1 : 0;
  }
}

const std::vector<Metric> &SlateBandit::take_metrics() {
  metrics_.clear();
  if (stats_.rows > 0) metrics_.push_back({"reward_mean", stats_.reward_sum / static_cast<double>(stats_.rows)});
  metrics_.push_back({"model_updates", static_cast<double>(stats_.updates)});
  if (stats_.updates > 0)
    metrics_.push_back({"prediction_mse", stats_.squared_error_sum / static_cast<double>(stats_.updates)});
  if (stats_.rows_with_click_info > 0)
    metrics_.push_back(
        {"click_rate", static_cast<double>(stats_.clicks) / static_cast<double>(stats_.rows_with_click_info)});
  explorer_->metrics(decisions_, metrics_);
  stats_ = BatchStats{};
  return metrics_;
}

void SlateBandit::save(ByteWriter &out) const {
  out.bytes(kMagic, sizeof kMagic);
  out.u32(kFormatVersion);
  out.str(explorer_->name());
  out.u32(dims_.user_dim);
  out.u32(dims_.item_dim);
  out.u32(dims_.num_candidates);
  out.u32(dims_.slate_size);
  out.u64(features_.dim());
  out.u64(decisions_);
  for (uint64_t word : rng_.state()) out.u64(word);
  models_->save(out);
}

void SlateBandit::load(ByteReader &in) {
  char magic[sizeof kMagic];
  in.bytes(magic, sizeof magic);
  if (std::memcmp(magic, kMagic, sizeof kMagic) != 0) throw StateError("not a bandit policy state (bad magic)");
  const uint32_t version = in.u32();
  if (version != kFormatVersion)
    throw StateVersionError("state format " + std::to_string(version) + ", this plugin reads format " +
                            std::to_string(kFormatVersion));
  const std::string name = in.str();
  if (name != explorer_->name())
    throw StateError("the state belongs to policy '" + name + "', this is '" + explorer_->name() + "'");
  BanditDims saved;
  saved.user_dim = in.u32();
  saved.item_dim = in.u32();
  saved.num_candidates = in.u32();
  saved.slate_size = in.u32();
  const uint64_t feature_dim = in.u64();
  // A shared model is of (user, item) features only, so its state serves any number of candidates
  // (a catalogue of another size, serving with excluded items); per-candidate models are per index.
  const bool same_candidates = !config_.per_candidate || saved.num_candidates == dims_.num_candidates;
  if (saved.user_dim != dims_.user_dim || saved.item_dim != dims_.item_dim || !same_candidates ||
      saved.slate_size != dims_.slate_size || feature_dim != features_.dim())
    throw StateError("the state is for user dim " + std::to_string(saved.user_dim) + ", candidates [" +
                     std::to_string(saved.num_candidates) + ", " + std::to_string(saved.item_dim) + "], slate " +
                     std::to_string(saved.slate_size) + ", " + std::to_string(feature_dim) +
                     " features; this policy has " + std::to_string(dims_.user_dim) + ", [" +
                     std::to_string(dims_.num_candidates) + ", " + std::to_string(dims_.item_dim) + "], " +
                     std::to_string(dims_.slate_size) + ", " + std::to_string(features_.dim()));
  const uint64_t decisions = in.u64();
  Rng::State state;
  for (uint64_t &word : state) word = in.u64();
  if ((state[0] | state[1] | state[2] | state[3]) == 0) throw StateError("corrupt random state (all zero)");
  auto models = std::make_unique<ModelSet>(config_.per_candidate, dims_.num_candidates, config_.solver, features_.dim(),
                                           config_.lambda);
  models->load(in);
  if (in.remaining() != 0) throw StateError(std::to_string(in.remaining()) + " unexpected bytes after the state");
  models_ = std::move(models);  // commit only after every check passed
  decisions_ = decisions;
  rng_.set_state(state);
}

}  // namespace rlrec_bandit
