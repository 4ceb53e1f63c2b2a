// rlrec_recsim/env_common.hpp — what the three RecSim models share: the slate setup every
// environment takes (RecSim's env_config) and the outcome of one step.
#pragma once

#include <cstdint>

namespace rlrec_recsim {

struct SlateSetup {
  uint32_t num_candidates = 10;    // N documents offered per step
  uint32_t slate_size = 2;         // k slots shown per step, k <= N
  bool resample_documents = true;  // fresh candidates after every step (RecSim's default)
  int64_t document_seed = -1;      // < 0: an episode's documents derive from its reset seed;
                                   // >= 0: every episode restarts one catalogue stream (rng.hpp)
};

// Throws std::invalid_argument when the setup is inconsistent (slate larger than the candidates).
void validate(const SlateSetup &setup);

struct StepResult {
  double reward = 0.0;
  bool terminated = false;  // the episode ended by the model's own rule (RecSim's is_terminal)
};

}  // namespace rlrec_recsim
