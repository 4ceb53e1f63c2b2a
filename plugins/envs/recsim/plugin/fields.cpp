#include "fields.hpp"

#include <cstring>

namespace rlrec_recsim::plugin {

rlrec_field box_field(const char *name, const char *doc, std::initializer_list<int64_t> shape, double low,
                      double high) {
  rlrec_field field;
  std::memset(&field, 0, sizeof field);  // reserved and unused shape entries MUST be 0
  field.name = name;
  field.doc = doc;
  field.space.kind = RLREC_SPACE_BOX;
  field.space.dtype = RLREC_DTYPE_F32;
  field.space.rank = static_cast<uint32_t>(shape.size());
  uint32_t d = 0;
  for (int64_t extent : shape) field.space.shape[d++] = extent;
  field.space.low = low;
  field.space.high = high;
  return field;
}

}  // namespace rlrec_recsim::plugin
