// csv_fields.hpp — one line of a CSV file (RFC 4180) to fields and back. Shared by the csv logger,
// which writes progress.csv, and the readers of run folders (`rlrec plot`, `rlrec compare`), so
// the two sides cannot disagree about quoting.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace rlrec_support {

// The field as it stands in a line: quoted, quotes doubled, when it holds a comma, a quote or a
// line break; unchanged otherwise.
std::string csv_quoted(const std::string &field);

// The fields of one line without its '\n': the inverse of joining csv_quoted() fields with
// commas. Returns nothing for a line no such join produces (an unterminated quote).
std::optional<std::vector<std::string>> csv_split(const std::string &line);

}  // namespace rlrec_support
