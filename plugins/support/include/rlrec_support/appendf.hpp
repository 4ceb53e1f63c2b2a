// rlrec_support/appendf.hpp — printf-style formatting appended to a std::string, whatever the
// length (a metric name or a run label can be long: nothing is cut).
#pragma once

#include <cstdarg>
#include <cstdio>
#include <string>

namespace rlrec_support {

__attribute__((format(printf, 2, 3))) inline void appendf(std::string &out, const char *format, ...) {
  va_list args, again;
  va_start(args, format);
  va_copy(again, args);
  const int length = std::vsnprintf(nullptr, 0, format, args);
  va_end(args);
  if (length > 0) {
    const size_t old_size = out.size();
    out.resize(old_size + static_cast<size_t>(length) + 1);  // room for vsnprintf's '\0'
    std::vsnprintf(out.data() + old_size, static_cast<size_t>(length) + 1, format, again);
    out.resize(old_size + static_cast<size_t>(length));
  }
  va_end(again);
}

}  // namespace rlrec_support
