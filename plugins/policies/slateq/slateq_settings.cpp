#include "slateq_settings.hpp"

namespace rlrec_slateq {

SlateqSettings read_slateq_settings(const rlrec_value *v) {
  SlateqSettings s;
  s.q = agent::read_q_settings(v);
  s.optimizer = static_cast<SlateOptimizer>(v[kSlateOptimizer].i);
  s.choice = static_cast<ChoiceSource>(v[kChoiceModel].i);
  s.choice_hidden = agent::int_list(v[kChoiceHidden]);
  s.choice_lr = static_cast<float>(v[kChoiceLr].f);
  s.null_item = v[kNullItem].i != 0;
  s.dueling = v[kDueling].i != 0;
  s.act_average = static_cast<float>(v[kActAverage].f);
  s.expected_reward = v[kExpectedReward].i != 0;
  return s;
}

}  // namespace rlrec_slateq
