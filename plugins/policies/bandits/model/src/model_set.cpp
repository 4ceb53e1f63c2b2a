#include "rlrec_bandit/model_set.hpp"

#include <cmath>
#include <string>

namespace rlrec_bandit {

void ScoreDistribution::sample(Rng &rng, double scale, Eigen::VectorXd &scores, Eigen::VectorXd &z) const {
  if (independent) {
    // Each candidate has its own model: x_iᵀθ_i ~ N(mean_i, scale² variance_i), independently.
    z.resize(mean.size());
    rng.fill_normal(z.data(), static_cast<std::size_t>(z.size()));
    scores = mean + scale * (variance.cwiseSqrt().cwiseProduct(z));
    return;
  }
  z.resize(factor.cols());
  rng.fill_normal(z.data(), static_cast<std::size_t>(z.size()));
  scores = mean;
  scores.noalias() += scale * (factor * z);
}

ModelSet::ModelSet(bool per_candidate, uint32_t num_candidates, Solver solver, std::size_t dim, double lambda)
    : per_candidate_(per_candidate) {
  const uint32_t count = per_candidate ? num_candidates : 1;
  models_.reserve(count);
  for (uint32_t i = 0; i < count; ++i) models_.push_back(make_linear_model(solver, dim, lambda));
}

void ModelSet::posterior(const RowMatrix &X, Posterior need, ScoreDistribution &out) {
  const Eigen::Index n = X.rows();
  out.mean.resize(n);
  out.variance.resize(n);
  out.independent = per_candidate_;
  if (need == Posterior::kMean) {
    out.variance.setConstant(std::nan(""));
    if (!per_candidate_) {
      out.mean.noalias() = X * models_[0]->theta();
      return;
    }
    for (Eigen::Index i = 0; i < n; ++i) out.mean[i] = X.row(i).dot(models_[static_cast<std::size_t>(i)]->theta());
    return;
  }
  const bool with_factor = need == Posterior::kFactor;
  if (!per_candidate_) {
    models_[0]->posterior(X, out.mean, out.variance, with_factor ? &out.factor : nullptr);
    return;
  }
  for (Eigen::Index i = 0; i < n; ++i)
    models_[static_cast<std::size_t>(i)]->posterior(X.row(i), out.mean.segment(i, 1), out.variance.segment(i, 1),
                                                    nullptr);
}

uint64_t ModelSet::updates() const {
  uint64_t total = 0;
  for (const auto &model : models_) total += model->updates();
  return total;
}

void ModelSet::save(ByteWriter &out) const {
  out.u32(per_candidate_ ? 1 : 0);
  out.u64(models_.size());
  for (const auto &model : models_) model->save(out);
}

void ModelSet::load(ByteReader &in) {
  const uint32_t saved_per_candidate = in.u32();
  const uint64_t saved_count = in.u64();
  if (saved_per_candidate != (per_candidate_ ? 1u : 0u) || saved_count != models_.size())
    throw StateError("the state has " + std::to_string(saved_count) +
                     (saved_per_candidate ? " per-candidate" : " shared") + " model(s), this policy " +
                     std::to_string(models_.size()));
  for (const auto &model : models_) model->load(in);
}

}  // namespace rlrec_bandit
