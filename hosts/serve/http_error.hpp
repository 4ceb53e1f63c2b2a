// http_error.hpp — a request the server refuses: an HTTP status and the message of the JSON error
// body ({"error": "..."}). Thrown by parsing and validation, turned into the answer by the router.
#pragma once

#include <stdexcept>
#include <string>

namespace rlrec::serve {

class HttpError : public std::runtime_error {
 public:
  HttpError(unsigned status, const std::string &message) : std::runtime_error(message), status_(status) {}
  unsigned status() const { return status_; }

 private:
  unsigned status_;
};

}  // namespace rlrec::serve
