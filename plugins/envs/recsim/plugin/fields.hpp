// plugin/fields.hpp — building the observation fields and info channels of an env spec.
#pragma once

#include <rlrec/types.h>

#include <cstdint>
#include <initializer_list>

namespace rlrec_recsim::plugin {

// A float32 BOX field of the given shape (rank = number of dims) with uniform bounds.
// name and doc must outlive the spec (string literals).
rlrec_field box_field(const char *name, const char *doc, std::initializer_list<int64_t> shape, double low, double high);

// An info channel: a rank-0 float32 BOX (rlrec/env.h).
inline rlrec_field info_channel(const char *name, const char *doc, double low, double high) {
  return box_field(name, doc, {}, low, high);
}

}  // namespace rlrec_recsim::plugin
