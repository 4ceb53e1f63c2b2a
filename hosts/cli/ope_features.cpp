#include "ope_features.hpp"

namespace rlrec::cli {

std::optional<SlateFeatures> SlateFeatures::for_shape(const rlrec_data::DatasetShape &shape, std::string &why_not) {
  SlateFeatures f;
  bool has_candidates = false;
  for (std::size_t i = 0; i < shape.obs.size(); ++i) {
    const auto &[name, dims] = shape.obs[i];
    if (name == "user" && dims.size() == 1 && dims[0] > 0) {
      f.has_user_ = true, f.user_ = i, f.du_ = static_cast<std::size_t>(dims[0]);
    } else if (name == "candidates" && dims.size() == 2) {
      has_candidates = true, f.candidates_ = i;
      f.n_ = static_cast<std::size_t>(dims[0]), f.dd_ = static_cast<std::size_t>(dims[1]);
    } else if (name == "mask" && dims.size() == 1) {
      f.mask_ = i;
    }
  }
  if (!has_candidates) {
    why_not = "the dataset has no \"candidates\" [N, dd] observation field to build reward features from";
    return std::nullopt;
  }
  f.slate_ = shape.slate_size;
  return f;
}

void SlateFeatures::cross(const rlrec_data::Decision &d, const double *c, std::size_t slot, Eigen::VectorXd &out) const {
  const std::size_t base = 1 + slot * du_ * dd_;
  for (std::size_t a = 0; a < du_; ++a) {
    const double u = has_user_ ? d.obs[user_].values[a] : 1.0;
    for (std::size_t b = 0; b < dd_; ++b) out[static_cast<Eigen::Index>(base + a * dd_ + b)] = u * c[b];
  }
}

void SlateFeatures::of_slate(const rlrec_data::Decision &d, std::span<const int32_t> slate, Eigen::VectorXd &out) const {
  out.resize(dims());
  out[0] = 1.0;
  const double *candidates = d.obs[candidates_].values.data();
  for (std::size_t l = 0; l < slate_; ++l) cross(d, candidates + static_cast<std::size_t>(slate[l]) * dd_, l, out);
}

void SlateFeatures::of_uniform(const rlrec_data::Decision &d, Eigen::VectorXd &out) const {
  out.resize(dims());
  out[0] = 1.0;
  const double *candidates = d.obs[candidates_].values.data();
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(dd_));
  double available = 0.0;
  for (std::size_t i = 0; i < n_; ++i) {
    if (mask_ && !(d.obs[*mask_].values[i] > 0.0)) continue;
    available += 1.0;
    for (std::size_t b = 0; b < dd_; ++b) mean[static_cast<Eigen::Index>(b)] += candidates[i * dd_ + b];
  }
  if (available > 0.0) mean /= available;
  for (std::size_t l = 0; l < slate_; ++l) cross(d, mean.data(), l, out);
}

}  // namespace rlrec::cli
