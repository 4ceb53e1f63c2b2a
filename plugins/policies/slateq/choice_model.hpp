// choice_model.hpp — a conditional logit choice model learned from observed clicks, for envs that
// do not reveal theirs (rlrec/ext/choice_model.h) and for acting without an env.
//
// A network g over the item inputs of item_inputs.hpp scores every candidate and the null item;
// for a slate A shown in state s:
//     P(i | s, A) = exp g(s, i) / (exp g(s, none) + sum_{j in A} exp g(s, j)),  P(none) likewise,
// i.e. choice scores v_i = exp(g(s, i) - g(s, none)) and v0 = 1. It is fitted by maximum
// likelihood (cross-entropy over the k shown items and "no click") on the slates and clicks in
// the replay buffer, one Adam step per SlateQ gradient step.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "rlrec_nn/mlp.hpp"
#include "rlrec_nn/optimizer.hpp"

namespace rlrec_slateq {

class LogitChoiceModel {
 public:
  LogitChoiceModel(int inputs, const std::vector<int> &hidden, float lr, rlrec::nn::Rng &rng);

  // Choice scores of the n candidates of each state whose n + 1 item columns (null last) are
  // consecutive in x: v [states * n], v0 = 1 for every state.
  void scores(const Eigen::MatrixXf &x, uint32_t n, float *v) const;

  // One maximum-likelihood step. x: per sample, the k shown items' columns then the null column
  // ([inputs, B (k + 1)]); chosen[b] in [0, k], k meaning no click. Returns the mean negative
  // log-likelihood before the step.
  float fit(const Eigen::MatrixXf &x, uint32_t k, const std::vector<int> &chosen);

  void save(rlrec::nn::ByteWriter &out) const;
  void load(rlrec::nn::ByteReader &in);

 private:
  rlrec::nn::Mlp<float> net_;
  rlrec::nn::Optimizer optimizer_;
  rlrec::nn::Mlp<float>::Cache cache_;
  Eigen::VectorXf grad_;
};

}  // namespace rlrec_slateq
