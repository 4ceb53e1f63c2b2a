#include "rlrec_recsim/env_common.hpp"

#include <stdexcept>
#include <string>

namespace rlrec_recsim {

void validate(const SlateSetup &setup) {
  if (setup.num_candidates < 1) throw std::invalid_argument("num_candidates must be >= 1");
  if (setup.slate_size < 1) throw std::invalid_argument("slate_size must be >= 1");
  // RecSim asserts the same at construction: a slate is drawn from the candidates.
  if (setup.slate_size > setup.num_candidates) {
    throw std::invalid_argument("slate_size (" + std::to_string(setup.slate_size) +
                                ") must not exceed num_candidates (" + std::to_string(setup.num_candidates) + ")");
  }
}

}  // namespace rlrec_recsim
