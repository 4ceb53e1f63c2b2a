// plugin/schema.hpp — parameter schemas of the RecSim plugins (rlrec/params.h): builders for
// one entry, the two blocks the environments share (slate setup, choice model), and readers that
// turn the engine's validated values back into model parameters.
//
// A schema is a constexpr std::array; the engine hands create one rlrec_value per entry, in
// schema order, so every env names its indices with an enum whose order matches its array.
#pragma once

#include <rlrec/params.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "rlrec_recsim/choice.hpp"
#include "rlrec_recsim/env_common.hpp"

namespace rlrec_recsim::plugin {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

constexpr rlrec_param_def int_param(const char *name, const char *default_yaml, double min, double max,
                                    const char *doc) {
  return {name, RLREC_PARAM_INT, 0, default_yaml, min, max, nullptr, doc, 0, 0};
}
constexpr rlrec_param_def float_param(const char *name, const char *default_yaml, double min, double max,
                                      const char *doc) {
  return {name, RLREC_PARAM_FLOAT, 0, default_yaml, min, max, nullptr, doc, 0, 0};
}
constexpr rlrec_param_def bool_param(const char *name, const char *default_yaml, const char *doc) {
  return {name, RLREC_PARAM_BOOL, 0, default_yaml, 0, 1, nullptr, doc, 0, 0};
}
constexpr rlrec_param_def choice_param(const char *name, const char *default_yaml, const char *choices,
                                       const char *doc) {
  return {name, RLREC_PARAM_CHOICE, 0, default_yaml, 0, 0, choices, doc, 0, 0};
}
constexpr rlrec_param_def float_list_param(const char *name, const char *default_yaml, double min, double max,
                                           uint32_t max_count, const char *doc) {
  return {name, RLREC_PARAM_FLOAT_LIST, 0, default_yaml, min, max, nullptr, doc, max_count, 0};
}

// Joins schema blocks into one array.
template <std::size_t... N>
constexpr std::array<rlrec_param_def, (N + ...)> concat(const std::array<rlrec_param_def, N> &...parts) {
  std::array<rlrec_param_def, (N + ...)> out{};
  std::size_t at = 0;
  auto append = [&](const auto &part) {
    for (const rlrec_param_def &def : part) out[at++] = def;
  };
  (append(parts), ...);
  return out;
}

// The block every RecSim env's schema starts with, in this order (RecSim's env_config plus the
// ports' additions). Defaults are RLlib's RecSim wrapper's: RecSim's code has none.
enum SlateParam : uint32_t { kNumCandidates, kSlateSize, kResampleDocuments, kAllowDuplicates, kDocumentSeed };
inline constexpr uint32_t kSlateParamCount = kDocumentSeed + 1;
inline constexpr std::array<rlrec_param_def, kSlateParamCount> kSlateParams = {
    int_param("num_candidates", "10", 1, 1e6,
              "Candidate documents N offered per step (RecSim env_config num_candidates)."),
    int_param("slate_size", "2", 1, 1000, "Slots k per slate; at most num_candidates (RecSim env_config slate_size)."),
    bool_param("resample_documents", "true",
               "Draw fresh candidates after every step; false keeps one candidate set for the "
               "whole episode (RecSim env_config resample_documents)."),
    bool_param("allow_duplicates", "false",
               "Accept slates that repeat a candidate (RecSim does, counting the item twice); "
               "false rejects them with an error."),
    int_param("document_seed", "-1", -1, 9.0e15,
              "-1: each episode's documents derive from its reset seed. >= 0: every episode of "
              "every sub-env restarts one document stream from this seed (with "
              "resample_documents false: one fixed catalogue, as RecSim's seeded sampler)."),
};

// The choice-model block, with one env's defaults; its entries sit at `offset` in the schema.
enum ChoiceParamOffset : uint32_t { kChoiceModel, kNoClickMass, kMinNormalizer, kAttentionProb, kScoreScaling };
inline constexpr uint32_t kChoiceParamCount = kScoreScaling + 1;
constexpr std::array<rlrec_param_def, kChoiceParamCount> choice_params(const char *model, const char *no_click_mass,
                                                                       const char *min_normalizer,
                                                                       const char *attention_prob,
                                                                       const char *score_scaling) {
  return {
      choice_param("choice_model", model, kChoiceKindNames,
                   "The user's choice model (recsim/choice_model.py): multinomial_proportional "
                   "v = a - min_normalizer; multinomial_logit v = exp(a); cascade_exponential and "
                   "cascade_proportional examine slots in order with click probability "
                   "attention_prob * min(1, score_scaling * exp(a) or (a - min_normalizer))."),
      float_param("no_click_mass", no_click_mass, -kInf, kInf,
                  "Score of the no-click option of the multinomial models (-inf with "
                  "multinomial_logit: the user always clicks)."),
      float_param("min_normalizer", min_normalizer, -kInf, kInf,
                  "Offset subtracted from scores by the proportional models; weights below 0 "
                  "are clamped to 0 (RecSim asserts)."),
      float_param("attention_prob", attention_prob, 0, 1, "Cascade models: probability of examining the next slot."),
      float_param("score_scaling", score_scaling, 0, kInf,
                  "Cascade models: factor turning a score into a click probability, clamped at "
                  "1 (RecSim asserts)."),
  };
}

// Readers of validated values (types and ranges were checked by the engine).
SlateSetup read_slate(const rlrec_value *values);    // the slate block at values[0..)
ChoiceParams read_choice(const rlrec_value *block);  // the choice block at block[0..)
std::vector<double> read_float_list(const rlrec_value &value);

}  // namespace rlrec_recsim::plugin
