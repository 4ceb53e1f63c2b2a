// lints.cpp — linear Thompson sampling over slates (rlrec_bandit/explorer.hpp). One posterior
// draw per decision scores every candidate; the slate is top-k by the drawn scores. Drawing in
// score space (mean + alpha·F z, F Fᵀ = X A⁻¹ Xᵀ) costs O(N d) per draw once F is known, which is
// what makes the Monte Carlo slate probability affordable.
#include <algorithm>
#include <vector>

#include "rlrec_bandit/explorer.hpp"

namespace rlrec_bandit {
namespace {

class LinTs final : public Explorer {
 public:
  LinTs(double alpha, uint32_t prob_samples) : alpha_(alpha), prob_samples_(prob_samples) {}

  const char *name() const override { return "lints"; }

  Posterior needs(Mode mode) const override { return mode == Mode::kExplore ? Posterior::kFactor : Posterior::kMean; }

  void choose(const ScoreDistribution &dist, const Availability &avail, Mode mode, uint64_t, Rng &rng,
              SlateChoice &out) override {
    const std::size_t k = out.slate.size();
    if (mode == Mode::kGreedy) {
      closed_form(dist, avail, mode, 0, out.slate);
      out.prob = 1.0;
      for (std::size_t l = 0; l < k; ++l) {
        out.propensity[l] = 1.0;
        out.scores[l] = dist.mean[out.slate[l]];
      }
      return;
    }
    dist.sample(rng, alpha_, drawn_, z_);
    top_k({drawn_.data(), static_cast<std::size_t>(drawn_.size())}, avail, out.slate, scratch_);
    for (std::size_t l = 0; l < k; ++l) out.scores[l] = drawn_[out.slate[l]];

    // Monte Carlo: how often would a fresh draw have chosen this ordered slate / this item per slot?
    uint32_t same_slate = 0;
    slot_hits_.assign(k, 0);
    replay_.resize(k);
    for (uint32_t s = 0; s < prob_samples_; ++s) {
      dist.sample(rng, alpha_, drawn_, z_);
      top_k({drawn_.data(), static_cast<std::size_t>(drawn_.size())}, avail, replay_, scratch_);
      bool same = true;
      for (std::size_t l = 0; l < k; ++l) {
        const bool hit = replay_[l] == out.slate[l];
        slot_hits_[l] += hit ? 1 : 0;
        same = same && hit;
      }
      same_slate += same ? 1 : 0;
    }
    const double draws = 1.0 + static_cast<double>(prob_samples_);
    out.prob = (1.0 + same_slate) / draws;
    for (std::size_t l = 0; l < k; ++l) out.propensity[l] = (1.0 + slot_hits_[l]) / draws;
  }

  // GREEDY ranks by the posterior mean; the exploring draw's slate distribution has no closed form.
  std::optional<double> closed_form(const ScoreDistribution &dist, const Availability &avail, Mode mode, uint64_t,
                                    std::span<int32_t> greedy) override {
    if (mode == Mode::kExplore) return std::nullopt;
    top_k({dist.mean.data(), static_cast<std::size_t>(dist.mean.size())}, avail, greedy, scratch_);
    return 0.0;
  }
  bool has_closed_form() const override { return false; }

 private:
  double alpha_;
  uint32_t prob_samples_;
  Eigen::VectorXd drawn_;
  Eigen::VectorXd z_;
  std::vector<int32_t> replay_;
  std::vector<uint32_t> slot_hits_;
  std::vector<uint32_t> scratch_;
};

}  // namespace

std::unique_ptr<Explorer> make_lints(double alpha, uint32_t prob_samples) {
  return std::make_unique<LinTs>(alpha, prob_samples);
}

}  // namespace rlrec_bandit
