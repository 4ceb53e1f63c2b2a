// support.hpp — helpers for the dataset tests: scratch folders, text files, and reading a whole
// dataset back.
#pragma once

#include <rlrec_data/dataset_reader.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace rlrec::data_test {

// A fresh empty folder under the test's working directory, removed when the object dies.
class Scratch {
 public:
  explicit Scratch(const std::string &name);
  ~Scratch();
  const std::filesystem::path &path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void write_text(const std::filesystem::path &file, const std::string &text);
std::string read_text(const std::filesystem::path &file);

// Every decision of the dataset at `path`.
std::vector<rlrec_data::Decision> read_all(const std::filesystem::path &path, rlrec_data::ReaderOptions options = {},
                                           rlrec_data::ReaderStats *stats = nullptr);

// The message of the DataError reading `path` throws ("" if none).
std::string read_error(const std::filesystem::path &path);

}  // namespace rlrec::data_test
