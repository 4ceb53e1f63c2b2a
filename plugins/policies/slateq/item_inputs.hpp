// item_inputs.hpp — the input columns of SlateQ's item-wise networks (the Q-network and the
// learned choice model share them):
//
//     z(s, i) = [ standardised user features x(s) | standardised features of candidate i | 0 ]
//     z(s, -) = [ standardised user features x(s) | 0 ...                                 | 1 ]
//
// The last column is the no-click "null item", so one network over (user, item) also values the
// outcome "nothing clicked" (docs/slateq.md, why Q(s, none) matters). User features are the
// context fields plus the history features; the standardisers are fitted once from replay.
#pragma once

#include <Eigen/Core>
#include <cstdint>

#include "rlrec_nn/bytes.hpp"
#include "rlrec_nn/standardizer.hpp"

namespace rlrec_slateq {

class ItemInputs {
 public:
  ItemInputs(size_t user_dim, size_t item_dim, uint32_t candidates);

  int inputs() const { return static_cast<int>(user_dim_ + item_dim_ + 1); }
  uint32_t candidates() const { return n_; }

  // Statistics for the standardisers, before fit(): one state's user features and candidates.
  void accumulate(const float *user, const float *candidates);
  void fit();
  bool fitted() const { return user_.fitted(); }

  // Writes the n candidate columns, then the null column, of one state into x from column `col`.
  void state(const float *user, const float *candidates, Eigen::MatrixXf &x, Eigen::Index col);
  // One column: candidate `item`, or the null item for item < 0.
  void item(const float *user, const float *candidates, int item, Eigen::MatrixXf &x, Eigen::Index col);

  void save(rlrec::nn::ByteWriter &out) const;
  void load(rlrec::nn::ByteReader &in);

 private:
  // Copies the standardised user features (prepared in user_scratch_) into column col.
  void write_user(Eigen::MatrixXf &x, Eigen::Index col) const;
  void write_item(const float *features, Eigen::MatrixXf &x, Eigen::Index col) const;

  size_t user_dim_, item_dim_;
  uint32_t n_;
  rlrec::nn::Standardizer user_, item_;
  Eigen::VectorXf user_scratch_, item_scratch_;
};

}  // namespace rlrec_slateq
