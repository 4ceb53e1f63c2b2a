#include "schema.hpp"

namespace rlrec_recsim::plugin {

SlateSetup read_slate(const rlrec_value *values) {
  SlateSetup setup;
  setup.num_candidates = static_cast<uint32_t>(values[kNumCandidates].i);
  setup.slate_size = static_cast<uint32_t>(values[kSlateSize].i);
  setup.resample_documents = values[kResampleDocuments].i != 0;
  setup.document_seed = values[kDocumentSeed].i;
  return setup;
}

ChoiceParams read_choice(const rlrec_value *block) {
  ChoiceParams choice;
  // The CHOICE value's index is its position in kChoiceKindNames, which lists the enum in order.
  choice.kind = static_cast<ChoiceKind>(block[kChoiceModel].i);
  choice.no_click_mass = block[kNoClickMass].f;
  choice.min_normalizer = block[kMinNormalizer].f;
  choice.attention_prob = block[kAttentionProb].f;
  choice.score_scaling = block[kScoreScaling].f;
  return choice;
}

std::vector<double> read_float_list(const rlrec_value &value) {
  if (value.count == 0 || value.fl == nullptr) return {};
  return std::vector<double>(value.fl, value.fl + value.count);
}

}  // namespace rlrec_recsim::plugin
