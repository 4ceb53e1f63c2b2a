// rlrec_data/decision_parser.hpp — one line of the dataset format into a Decision, with every
// check docs/dataset.md promises: valid JSON, the format tag, every required key with its type,
// probabilities in (0, 1], and the same dimensions as the first line read (or as a shape given
// up front).
#pragma once

#include <memory>
#include <optional>
#include <rlrec_data/decision.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rlrec_data {

// The dimensions every line of a dataset shares.
struct DatasetShape {
  std::vector<std::pair<std::string, std::vector<int64_t>>> obs;  // field names and shapes, file order
  std::size_t slate_size = 0;
  std::optional<std::vector<int64_t>> responses;  // when lines carry responses
};

// What is wrong with a line (without file and line: the reader adds them).
class LineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class DecisionParser {
 public:
  // `expected`: the shape lines must have; when absent, the first parsed line sets it.
  explicit DecisionParser(std::optional<DatasetShape> expected = std::nullopt);
  ~DecisionParser();
  DecisionParser(const DecisionParser &) = delete;
  DecisionParser &operator=(const DecisionParser &) = delete;

  // Parses `line`, which MUST be followed by kLinePadding readable bytes (line_reader.hpp), into
  // `out` (its vectors are reused). Throws LineError.
  void parse(std::string_view line, Decision &out);

  // The shape lines are checked against (empty until the first line when none was given).
  const std::optional<DatasetShape> &shape() const { return shape_; }
  // Bytes the JSON parser holds (it grows to the longest line parsed).
  std::size_t buffer_bytes() const;

 private:
  void check_shape(const Decision &d);

  struct Json;
  std::unique_ptr<Json> json_;
  std::optional<DatasetShape> shape_;
};

}  // namespace rlrec_data
