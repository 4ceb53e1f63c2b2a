// format.hpp — printf-style formatting of the one-sentence warning messages.
#pragma once

#include <cstdio>
#include <string>

namespace rlrec::ope {

template <class... Args>
std::string format(const char *pattern, Args... args) {
  char text[320];
  std::snprintf(text, sizeof text, pattern, args...);
  return text;
}

}  // namespace rlrec::ope
