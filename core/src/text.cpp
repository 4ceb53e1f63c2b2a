#include "text.hpp"

#include <algorithm>
#include <numeric>

namespace rlrec::core {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string> &candidates,
                         std::string_view noun) {
  const std::string *best = nullptr;
  std::size_t best_distance = 0;
  for (const auto &candidate : candidates) {
    std::size_t distance = edit_distance(typed, candidate);
    if (best == nullptr || distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  // A suggestion further than half the typed length is noise; list the valid keys instead.
  if (best != nullptr && best_distance <= std::max<std::size_t>(2, typed.size() / 2)) {
    return "; did you mean '" + *best + "'?";
  }
  if (candidates.empty()) return "";
  return "; valid " + std::string(noun) + " are: " + join(candidates, ", ");
}

std::string join(const std::vector<std::string> &items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? text.size() - start
                                                                        : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

}  // namespace rlrec::core
