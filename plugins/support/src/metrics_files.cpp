#include <rlrec_support/metrics_files.hpp>

#include <rlrec_support/boundary.hpp>
#include <rlrec_support/csv_fields.hpp>

#include <charconv>

namespace rlrec_support {
namespace {

constexpr const char *kKey = "env_steps";

// Calls take(line, "where:number") for each line that ends in '\n'; returns whether text ends
// with a line cut short.
template <class Take>
bool for_each_line(const std::string &text, const std::string &where, Take &&take) {
  size_t begin = 0, number = 0;
  for (size_t end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1)
    take(text.substr(begin, end - begin), where + ":" + std::to_string(++number));
  return begin < text.size();
}

bool parse_steps(const std::string &text, uint64_t *value) {
  const auto result = std::from_chars(text.data(), text.data() + text.size(), *value);
  return !text.empty() && result.ec == std::errc() && result.ptr == text.data() + text.size();
}

}  // namespace

CsvMetrics parse_csv_metrics(const std::string &text, const std::string &where) {
  CsvMetrics file;
  bool have_header = false;
  file.cut_short = for_each_line(text, where, [&](std::string line, const std::string &at) {
    auto fields = csv_split(line);
    if (!fields) fail(RLREC_ERR_IO, at + ": unterminated quote");
    if (!have_header) {
      if ((*fields)[0] != kKey)
        fail(RLREC_ERR_IO,
             at + ": the header does not start with '" + std::string(kKey) + "': not a file written by the csv logger");
      file.columns.assign(fields->begin() + 1, fields->end());
      have_header = true;
      return;
    }
    uint64_t env_steps = 0;
    if (!parse_steps((*fields)[0], &env_steps))
      fail(RLREC_ERR_IO, at + ": '" + (*fields)[0] + "' is not an env_steps count");
    if (fields->size() - 1 > file.columns.size())
      fail(RLREC_ERR_IO, at + ": the row has more cells than the header has columns");
    fields->erase(fields->begin());
    file.rows.push_back(CsvMetrics::Row{env_steps, std::move(*fields), std::move(line)});
  });
  return file;
}

JsonlMetrics parse_jsonl_metrics(const std::string &text, const std::string &where) {
  JsonlMetrics file;
  file.cut_short = for_each_line(text, where, [&](std::string line, const std::string &at) {
    JsonRow values = parse_json_row(line, at);
    file.rows.push_back(JsonlMetrics::Row{std::move(values), std::move(line)});
  });
  return file;
}

}  // namespace rlrec_support
