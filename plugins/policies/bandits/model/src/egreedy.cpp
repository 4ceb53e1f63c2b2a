// egreedy.cpp — ε-greedy over slates (rlrec_bandit/explorer.hpp).
#include <rlrec_support/epsilon_greedy_slates.hpp>
#include <vector>

#include "rlrec_bandit/explorer.hpp"

namespace rlrec_bandit {
namespace {

class EpsilonGreedy final : public Explorer {
 public:
  explicit EpsilonGreedy(const EpsilonSchedule &schedule) : schedule_(schedule) {}

  const char *name() const override { return "egreedy"; }

  void choose(const ScoreDistribution &dist, const Availability &avail, Mode mode, uint64_t decision, Rng &rng,
              SlateChoice &out) override {
    const std::size_t k = out.slate.size();
    greedy_.resize(k);
    const double epsilon = *closed_form(dist, avail, mode, decision, greedy_);
    if (mode == Mode::kExplore && rng.uniform() < epsilon)
      uniform_slate(rng, avail, out.slate, scratch_);
    else
      std::copy(greedy_.begin(), greedy_.end(), out.slate.begin());
    const rlrec_support::EpsilonGreedySlates<uint8_t> slates{greedy_.data(), static_cast<uint32_t>(k), epsilon,
                                                             avail.mask, avail.count};
    out.prob = slates.slate_prob(out.slate.data());
    for (std::size_t l = 0; l < k; ++l) {
      out.propensity[l] = slates.item_prob(static_cast<uint32_t>(l), out.slate[l]);
      out.scores[l] = dist.mean[out.slate[l]];
    }
  }

  std::optional<double> closed_form(const ScoreDistribution &dist, const Availability &avail, Mode mode,
                                    uint64_t decision, std::span<int32_t> greedy) override {
    top_k({dist.mean.data(), static_cast<std::size_t>(dist.mean.size())}, avail, greedy, scratch_);
    return mode == Mode::kExplore ? schedule_.at(decision) : 0.0;
  }

  void metrics(uint64_t decisions, std::vector<Metric> &out) const override {
    out.push_back({"epsilon", schedule_.at(decisions)});
  }

 private:
  EpsilonSchedule schedule_;
  std::vector<int32_t> greedy_;
  std::vector<uint32_t> scratch_;
};

}  // namespace

std::unique_ptr<Explorer> make_egreedy(const EpsilonSchedule &schedule) {
  return std::make_unique<EpsilonGreedy>(schedule);
}

}  // namespace rlrec_bandit
