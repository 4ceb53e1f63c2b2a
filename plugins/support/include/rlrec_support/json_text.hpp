// json_text.hpp — JSON text primitives shared by the writers of JSON lines (metrics rows,
// dataset decisions), so every file rlrec writes escapes strings the same way.
#pragma once

#include <string>
#include <string_view>

namespace rlrec_support {

// Appends `text` as a JSON string: quoted, with '"', '\\' and control characters escaped; UTF-8
// passes through unchanged (JSON text is UTF-8).
void append_json_string(std::string &out, std::string_view text);

}  // namespace rlrec_support
