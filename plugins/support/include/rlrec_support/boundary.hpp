// rlrec_support/boundary.hpp — what every C++ plugin needs at the C ABI boundary: no exception
// may cross it (DESIGN.md §3 rule 1), every failure becomes a status plus a last_error message.
#pragma once

#include <rlrec/plugin.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

namespace rlrec_support {

// An error that carries the status to return (plain std::exception maps to RLREC_ERR_RUNTIME).
class Error : public std::runtime_error {
 public:
  Error(rlrec_status status, const std::string &message)
      : std::runtime_error(message), status_(status) {}
  rlrec_status status() const noexcept { return status_; }

 private:
  rlrec_status status_;
};

[[noreturn]] inline void fail(rlrec_status status, const std::string &message) {
  throw Error(status, message);
}

// Copies msg into a caller buffer of `capacity` bytes, truncating, always NUL-terminated.
inline void copy_message(char *buffer, size_t capacity, const char *msg) noexcept {
  if (buffer == nullptr || capacity == 0) return;
  std::snprintf(buffer, capacity, "%s", msg);
}

// Runs body(); converts any exception into a status and stores its message in `last_error`
// (an instance's std::string). Use it for every vtable function.
template <class Body>
rlrec_status guard(std::string &last_error, Body &&body) noexcept {
  try {
    std::forward<Body>(body)();
    return RLREC_OK;
  } catch (const Error &e) {
    try { last_error = e.what(); } catch (...) {}
    return e.status();
  } catch (const std::bad_alloc &) {
    try { last_error = "out of memory"; } catch (...) {}
    return RLREC_ERR_NO_MEMORY;
  } catch (const std::exception &e) {
    try { last_error = e.what(); } catch (...) {}
    return RLREC_ERR_RUNTIME;
  } catch (...) {
    try { last_error = "unknown C++ exception"; } catch (...) {}
    return RLREC_ERR_RUNTIME;
  }
}

// The same for create functions, whose errors go into a caller buffer.
template <class Body>
rlrec_status guard_create(char *err, size_t err_capacity, Body &&body) noexcept {
  std::string message;
  rlrec_status status = guard(message, std::forward<Body>(body));
  if (status != RLREC_OK) copy_message(err, err_capacity, message.c_str());
  return status;
}

}  // namespace rlrec_support
