// text.hpp — small string helpers shared by the config, the loader and the CLI.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rlrec::core {

// Levenshtein edit distance (insert, delete, substitute cost 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// "; did you mean 'x'?" for the closest candidate within a sensible distance, else "; valid keys
// are: a, b, c". Used wherever a name the user typed is not one we know.
std::string did_you_mean(std::string_view typed, const std::vector<std::string> &candidates,
                         std::string_view noun = "keys");

// Joins with a separator.
std::string join(const std::vector<std::string> &items, std::string_view separator);

// Splits on a character; keeps empty items.
std::vector<std::string> split(std::string_view text, char separator);

}  // namespace rlrec::core
