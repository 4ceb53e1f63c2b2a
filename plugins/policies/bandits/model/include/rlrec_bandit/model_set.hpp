// rlrec_bandit/model_set.hpp — which linear model scores which candidate, and the distribution
// of the scores of one decision's candidates under the posterior.
//
// Shared (the default): one model over the feature rows of all candidates. What it learns from
// one item transfers to every item with similar features, and candidate sets may change every
// step. Per candidate: one model per candidate index (Li et al.'s "disjoint" LinUCB), for
// catalogues where index i is always the same item; with only the bias feature it is a plain
// multi-armed bandit per slot of the candidate list.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <vector>

#include "byte_io.hpp"
#include "linear_model.hpp"
#include "rng.hpp"

namespace rlrec_bandit {

// How much of the posterior a decision reads, each level including the ones before: the means
// (ε-greedy; every explorer's GREEDY mode), the variances (LinUCB's bonus), the covariance
// factor (Thompson draws). Only the means are cheap: the variances x_iᵀA⁻¹x_i cost N·d² per
// decision, most of a decision's time with outer-product features (d = du·dd).
enum class Posterior { kMean, kVariance, kFactor };

// Scores s_i = x_iᵀθ of the N candidates of one decision, θ ~ posterior (up to the scale σ).
struct ScoreDistribution {
  Eigen::VectorXd mean;      // [N] x_iᵀθ̂
  Eigen::VectorXd variance;  // [N] x_iᵀA⁻¹x_i; NaN when not asked for
  RowMatrix factor;          // [N, d] with factor factorᵀ = cov(s) (shared model, when asked)
  bool independent = false;  // per-candidate models: the scores are independent

  // One draw of the N scores with the posterior's covariance scaled by scale². z: scratch.
  void sample(Rng &rng, double scale, Eigen::VectorXd &scores, Eigen::VectorXd &z) const;
};

class ModelSet {
 public:
  // per_candidate: num_candidates models, else one.
  ModelSet(bool per_candidate, uint32_t num_candidates, Solver solver, std::size_t dim, double lambda);

  LinearModel &model_for(uint32_t candidate) { return *models_[per_candidate_ ? candidate : 0]; }

  // X: [N, d] feature rows of the candidates, row i = candidate i. Fills what `need` asks for;
  // out.factor only for a shared model (per-candidate scores are independent).
  void posterior(const RowMatrix &X, Posterior need, ScoreDistribution &out);

  // Total observations over all models.
  uint64_t updates() const;

  void save(ByteWriter &out) const;
  void load(ByteReader &in);

 private:
  bool per_candidate_;
  std::vector<std::unique_ptr<LinearModel>> models_;
};

}  // namespace rlrec_bandit
