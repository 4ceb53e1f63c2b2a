// slate_softmax.hpp — the slate distribution of bc and marwil: slot l shows candidate i with
// probability softmax over the candidates still available (not masked, not in slots < l) of the
// scores s. So P(A) = prod_l exp(s_{A_l}) / sum_{j available at l} exp(s_j) (a Plackett–Luce
// model truncated at the slate size), and
//     d log P(A) / d s_j = sum_l ( [j = A_l] - p_l(j) ),  p_l(j) = 0 for j unavailable at l.
#pragma once

#include <cstdint>
#include <vector>

#include "rlrec_nn/rng.hpp"

namespace rlrec_offline {

// scores [n]; available [n] (1 = may be shown); slate [k]. Returns log P(slate) and, when grad
// is not null, ADDS d log P / d s to grad [n].
double slate_log_prob(const float *scores, const uint8_t *available, uint32_t n, const int32_t *slate, uint32_t k,
                      float *grad);

// Draws a slate [k] slot by slot; returns its probability.
double sample_slate(rlrec::nn::Rng &rng, const float *scores, const uint8_t *available, uint32_t n, uint32_t k,
                    int32_t *slate);

// P(slot l shows candidate i) for every slot l and candidate i into out [k, n], marginalised over
// the earlier slots, exact by enumerating the ordered prefixes; NaN for slots with more than
// `max_prefixes` prefixes.
void item_marginals(const float *scores, const uint8_t *available, uint32_t n, uint32_t k, double *out,
                    double max_prefixes = 1e5);

// P(slot l shows slate[l]) for each l: item_marginals at the slate's items.
void slot_marginals(const float *scores, const uint8_t *available, uint32_t n, const int32_t *slate, uint32_t k,
                    float *out, double max_prefixes = 1e5);

}  // namespace rlrec_offline
