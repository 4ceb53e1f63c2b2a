// rlrec_data/format.hpp — a Decision as one line of the dataset format (docs/dataset.md).
//
// Numbers take the shortest text that reads back to the same value of their dtype (std::to_chars),
// unless `digits` asks for fewer significant digits to make files smaller. NaN is written null.
#pragma once

#include <rlrec_data/decision.hpp>
#include <string>

namespace rlrec_data {

struct FormatOptions {
  int digits = 0;  // significant digits of real numbers; 0 = shortest round trip
};

// Appends the decision as one JSON object followed by '\n'.
void append_decision_line(std::string &out, const Decision &decision, const FormatOptions &options = {});

}  // namespace rlrec_data
