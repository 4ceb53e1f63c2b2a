// ope_features.hpp — the features of `rlrec ope`'s reward model (the direct method and doubly
// robust): φ(x, A) = [1, b(u, c_{A_0}), b(u, c_{A_1}), …], one block per slot (so position effects
// are learnt) from the conventional observation fields "user" [du] and "candidates" [N, dd]
// (rlrec/types.h). A block b(u, c) is
//   - the outer product u ⊗ c when du·dd <= kMaxOuter (rewards shaped like uᵀ W c: bandit.linear);
//   - else [c, u ⊙ c] when du = dd (affinity of interests and topics: interest evolution), since
//     the outer product's (du·dd)² Gram update per decision would dominate the run;
//   - else c; and c alone without a "user" field (or with du = 0).
//
// Linear in φ, the model's expected prediction under a target is the prediction at the expected
// features, and b is linear in c, so slot l's expected block is b(u, Σ_i π_l(i) c_i) with π_l the
// target's marginal over the candidates in slot l: c of its own slate for a deterministic target,
// the mean of the available candidates for the uniform `random` policy.
#pragma once

#include <Eigen/Core>
#include <optional>
#include <rlrec_data/decision.hpp>
#include <rlrec_data/decision_parser.hpp>
#include <span>
#include <string>

namespace rlrec::cli {

class SlateFeatures {
 public:
  // For lines of `shape`; nullopt with `why_not` set when it has no "candidates" [N, dd] field.
  static std::optional<SlateFeatures> for_shape(const rlrec_data::DatasetShape &shape, std::string &why_not);

  // The largest du·dd crossed in full.
  static constexpr std::size_t kMaxOuter = 256;

  Eigen::Index dims() const { return 1 + static_cast<Eigen::Index>(slate_ * block_); }

  // φ(x, slate) into `out` [dims()].
  void of_slate(const rlrec_data::Decision &d, std::span<const int32_t> slate, Eigen::VectorXd &out) const;
  // E φ(x, A) for A ~ π, from π's per-slot marginals item_prob [L, N], into `out` [dims()].
  void of_marginals(const rlrec_data::Decision &d, std::span<const double> item_prob, Eigen::VectorXd &out) const;

 private:
  enum class Block { kCandidate, kProduct, kOuter };
  // Writes b(u, c) into block `slot` of out.
  void cross(const rlrec_data::Decision &d, const double *c, std::size_t slot, Eigen::VectorXd &out) const;

  std::size_t user_ = 0, candidates_ = 0;  // indices into Decision::obs
  std::size_t du_ = 1, dd_ = 0, n_ = 0, slate_ = 0;
  Block kind_ = Block::kCandidate;
  std::size_t block_ = 0;  // features per slot
};

}  // namespace rlrec::cli
