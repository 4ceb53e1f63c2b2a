// linucb.cpp — LinUCB over slates (rlrec_bandit/explorer.hpp): every candidate's upper confidence
// bound, the slate top-k by it. Exploration comes from optimism alone, so every decision is
// deterministic given the model (probability 1); GREEDY mode drops the bonus.
#include <cmath>
#include <vector>

#include "rlrec_bandit/explorer.hpp"

namespace rlrec_bandit {
namespace {

class LinUcb final : public Explorer {
 public:
  explicit LinUcb(double alpha) : alpha_(alpha) {}

  const char *name() const override { return "linucb"; }

  Posterior needs(Mode mode) const override { return bonus(mode) ? Posterior::kVariance : Posterior::kMean; }

  void choose(const ScoreDistribution &dist, const Availability &avail, Mode mode, uint64_t decision, Rng &,
              SlateChoice &out) override {
    closed_form(dist, avail, mode, decision, out.slate);
    out.prob = 1.0;
    for (std::size_t l = 0; l < out.slate.size(); ++l) {
      out.propensity[l] = 1.0;
      out.scores[l] = ucb_[out.slate[l]];
    }
  }

  std::optional<double> closed_form(const ScoreDistribution &dist, const Availability &avail, Mode mode, uint64_t,
                                    std::span<int32_t> greedy) override {
    if (bonus(mode)) ucb_ = dist.mean + alpha_ * dist.variance.cwiseMax(0.0).cwiseSqrt();
    else ucb_ = dist.mean;
    top_k({ucb_.data(), static_cast<std::size_t>(ucb_.size())}, avail, greedy, scratch_);
    return 0.0;
  }

 private:
  bool bonus(Mode mode) const { return mode == Mode::kExplore && alpha_ != 0.0; }

  double alpha_;
  Eigen::VectorXd ucb_;
  std::vector<uint32_t> scratch_;
};

}  // namespace

std::unique_ptr<Explorer> make_linucb(double alpha) {
  return std::make_unique<LinUcb>(alpha);
}

}  // namespace rlrec_bandit
