// convert_csv.hpp — the CSV that Open Bandit Pipeline's files are (pandas' to_csv): comma-
// separated fields without quoting (a quote is refused rather than misread), a header row, and
// text columns turned into numbers the way OBP's own pre-processing does.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
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

// A CSV file's columns: those the caller names (found by the header), and an encoder for each
// other one, whose numbers make up a row's features in column order.
struct CsvLayout {
  std::size_t num_fields = 0;
  std::vector<std::size_t> feature_fields;  // field index of each encoded column
  std::vector<ColumnEncoder> encoders;
  std::size_t width = 0;  // numbers per row, all encoders

  // From the header line; `named(name)` gives the index in `named_fields` a column fills, or -1
  // for a feature column.
  template <class Named>
  void read_header(std::string_view header, const std::string &where, Named named,
                   std::vector<std::optional<std::size_t>> &named_fields) {
    std::vector<std::string_view> names;
    split_csv(header, where, 0, names);
    num_fields = names.size();
    for (std::size_t f = 0; f < names.size(); ++f) {
      if (is_index_column(names[f], f)) continue;
      const int slot = named(names[f]);
      if (slot >= 0) {
        named_fields[static_cast<std::size_t>(slot)] = f;
      } else {
        feature_fields.push_back(f);
        encoders.emplace_back(std::string(names[f]));
      }
    }
  }
  // The encoders' passes over a row's fields (ColumnEncoder): observe every row, finish, encode
  // each row into `width` numbers at `out`.
  void observe(const std::vector<std::string_view> &fields, const std::string &where);
  void finish_observing();
  void encode(const std::vector<std::string_view> &fields, const std::string &where, double *out) const;
};

}  // namespace rlrec::cli
