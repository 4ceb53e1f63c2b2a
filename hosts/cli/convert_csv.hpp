// convert_csv.hpp — the CSV that Open Bandit Pipeline's files are (pandas' to_csv): comma-
// separated fields without quoting (a quote is refused rather than misread), a header row, and
// text columns turned into numbers the way OBP's own pre-processing does.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "convert_text.hpp"

namespace rlrec::cli {

// The fields of `line` into `fields`; throws "<where>: ..." when the count is not `expected`
// (0: any) or the line holds a quote.
void split_csv(std::string_view line, const std::string &where, std::size_t expected,
               std::vector<std::string_view> &fields);

// True for the unnamed first column pandas writes for a frame's index ("" or "Unnamed: 0"),
// which OBP reads back with index_col=0 and ignores.
bool is_index_column(std::string_view name, std::size_t position);

// One CSV column as numbers. A column whose first value is a number is numeric: every value must
// be one, and is written as is. Any other column is categorical: one-hot over its distinct values
// in sorted order with the first dropped, as OBP's pre_process does with pandas'
// get_dummies(drop_first=True), so the features are those OBP's own models see.
class ColumnEncoder {
 public:
  // A column with more distinct values is refused: one-hot is not a sensible encoding for it.
  static constexpr std::size_t kMaxCategories = 100000;

  explicit ColumnEncoder(std::string name) : name_(std::move(name)) {}

  // First pass: every value of the column, in order (the first decides the kind).
  void observe(std::string_view value, const std::string &where);
  // After the first pass: fixes the categories' order.
  void finish_observing();

  // How many numbers a value becomes.
  std::size_t width() const { return numeric_ ? 1 : (categories_.empty() ? 0 : categories_.size() - 1); }
  // Second pass: `value` as width() numbers at `out`.
  void encode(std::string_view value, const std::string &where, double *out) const;

 private:
  [[noreturn]] void not_a_number(std::string_view value, const std::string &where) const;

  std::string name_;
  bool seen_ = false;
  bool numeric_ = true;
  std::map<std::string, std::size_t, std::less<>> categories_;  // value -> rank, once finished
};

}  // namespace rlrec::cli
