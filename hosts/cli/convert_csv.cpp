#include "convert_csv.hpp"

#include <algorithm>

namespace rlrec::cli {

void split_csv(std::string_view line, const std::string &where, std::size_t expected,
               std::vector<std::string_view> &fields) {
  if (line.find('"') != std::string_view::npos) {
    fail_at(where, "a quoted field: OBP's files have none, and this reader does not unquote");
  }
  split(line, ',', fields);
  if (expected != 0 && fields.size() != expected) {
    fail_at(where, std::to_string(fields.size()) + " fields, the header has " + std::to_string(expected));
  }
}

bool is_index_column(std::string_view name, std::size_t position) {
  return position == 0 && (name.empty() || name == "Unnamed: 0");
}

void ColumnEncoder::observe(std::string_view value, const std::string &where) {
  double number = 0.0;
  if (!seen_) numeric_ = try_parse_number(value, number);
  seen_ = true;
  if (numeric_) {
    if (!try_parse_number(value, number)) not_a_number(value, where);
    return;
  }
  if (categories_.find(value) != categories_.end()) return;
  if (categories_.size() == kMaxCategories) {
    fail_at(where, "column " + name_ + " has more than " + std::to_string(kMaxCategories) +
                       " distinct values: too many to one-hot encode");
  }
  categories_.emplace(value, 0);
}

void ColumnEncoder::not_a_number(std::string_view value, const std::string &where) const {
  fail_at(where,
          "column " + name_ + " is numeric (its first value is a number) but holds '" + std::string(value) + "'");
}

void ColumnEncoder::finish_observing() {
  std::size_t rank = 0;
  for (auto &[value, index] : categories_) index = rank++;  // std::map iterates in sorted order
}

void ColumnEncoder::encode(std::string_view value, const std::string &where, double *out) const {
  if (numeric_) {
    if (!try_parse_number(value, out[0])) not_a_number(value, where);
    return;
  }
  std::fill(out, out + width(), 0.0);
  const auto found = categories_.find(value);
  if (found == categories_.end())
    fail_at(where, "column " + name_ + ": '" + std::string(value) +
                       "' was not there on the first pass (did the file change?)");
  if (found->second > 0) out[found->second - 1] = 1.0;
}

void CsvLayout::observe(const std::vector<std::string_view> &fields, const std::string &where) {
  for (std::size_t c = 0; c < encoders.size(); ++c) encoders[c].observe(fields[feature_fields[c]], where);
}

void CsvLayout::finish_observing() {
  width = 0;
  for (ColumnEncoder &e : encoders) {
    e.finish_observing();
    width += e.width();
  }
}

void CsvLayout::encode(const std::vector<std::string_view> &fields, const std::string &where, double *out) const {
  for (std::size_t c = 0; c < encoders.size(); ++c) {
    encoders[c].encode(fields[feature_fields[c]], where, out);
    out += encoders[c].width();
  }
}

}  // namespace rlrec::cli
