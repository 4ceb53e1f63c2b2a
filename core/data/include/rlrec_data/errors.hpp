// rlrec_data/errors.hpp — the one error a dataset reader throws: a message that starts with the
// file and, for a malformed line, its 1-based line number ("data/decisions-00000.jsonl:17: ...").
#pragma once

#include <stdexcept>
#include <string>

namespace rlrec_data {

class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace rlrec_data
