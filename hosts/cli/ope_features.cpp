#include "ope_features.hpp"

#include <algorithm>

namespace rlrec::cli {

std::optional<SlateFeatures> SlateFeatures::for_shape(const rlrec_data::DatasetShape &shape, std::string &why_not) {
  SlateFeatures f;
  bool has_user = false, has_candidates = false;
  for (std::size_t i = 0; i < shape.obs.size(); ++i) {
    const auto &[name, dims] = shape.obs[i];
    if (name == "user" && dims.size() == 1 && dims[0] > 0) {
      has_user = true, f.user_ = i, f.du_ = static_cast<std::size_t>(dims[0]);
    } else if (name == "candidates" && dims.size() == 2) {
      has_candidates = true, f.candidates_ = i;
      f.n_ = static_cast<std::size_t>(dims[0]), f.dd_ = static_cast<std::size_t>(dims[1]);
    }
  }
  if (!has_candidates) {
    why_not = "the dataset has no \"candidates\" [N, dd] observation field to build reward features from";
    return std::nullopt;
  }
  f.slate_ = shape.slate_size;
  if (has_user && f.du_ * f.dd_ <= kMaxOuter) {
    f.kind_ = Block::kOuter, f.block_ = f.du_ * f.dd_;
  } else if (has_user && f.du_ == f.dd_) {
    f.kind_ = Block::kProduct, f.block_ = 2 * f.dd_;
  } else {
    f.kind_ = Block::kCandidate, f.block_ = f.dd_;
  }
  return f;
}

void SlateFeatures::cross(const rlrec_data::Decision &d, const double *c, std::size_t slot, Eigen::VectorXd &out) const {
  double *block = out.data() + 1 + slot * block_;
  const double *u = d.obs[user_].values.data();
  switch (kind_) {
    case Block::kOuter:
      for (std::size_t a = 0; a < du_; ++a)
        for (std::size_t b = 0; b < dd_; ++b) block[a * dd_ + b] = u[a] * c[b];
      break;
    case Block::kProduct:
      for (std::size_t b = 0; b < dd_; ++b) block[b] = c[b], block[dd_ + b] = u[b] * c[b];
      break;
    case Block::kCandidate: std::copy_n(c, dd_, block); break;
  }
}

void SlateFeatures::of_slate(const rlrec_data::Decision &d, std::span<const int32_t> slate, Eigen::VectorXd &out) const {
  out.resize(dims());
  out[0] = 1.0;
  const double *candidates = d.obs[candidates_].values.data();
  for (std::size_t l = 0; l < slate_; ++l) cross(d, candidates + static_cast<std::size_t>(slate[l]) * dd_, l, out);
}

void SlateFeatures::of_marginals(const rlrec_data::Decision &d, std::span<const double> item_prob,
                                 Eigen::VectorXd &out) const {
  out.resize(dims());
  out[0] = 1.0;
  const Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> candidates(
      d.obs[candidates_].values.data(), static_cast<Eigen::Index>(n_), static_cast<Eigen::Index>(dd_));
  Eigen::VectorXd mean(static_cast<Eigen::Index>(dd_));
  for (std::size_t l = 0; l < slate_; ++l) {
    const Eigen::Map<const Eigen::RowVectorXd> marginal(item_prob.data() + l * n_, static_cast<Eigen::Index>(n_));
    mean = (marginal * candidates).transpose();
    cross(d, mean.data(), l, out);
  }
}

}  // namespace rlrec::cli
