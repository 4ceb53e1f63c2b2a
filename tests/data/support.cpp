#include "support.hpp"

#include <fstream>
#include <sstream>

namespace rlrec::data_test {

Scratch::Scratch(const std::string &name) : path_(std::filesystem::current_path() / ("data_test_" + name)) {
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

Scratch::~Scratch() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void write_text(const std::filesystem::path &file, const std::string &text) {
  std::ofstream(file, std::ios::binary) << text;
}

std::string read_text(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<rlrec_data::Decision> read_all(const std::filesystem::path &path, rlrec_data::ReaderOptions options,
                                           rlrec_data::ReaderStats *stats) {
  rlrec_data::DatasetReader reader(path, std::move(options));
  std::vector<rlrec_data::Decision> all;
  rlrec_data::Decision d;
  while (reader.next(d)) all.push_back(d);
  if (stats != nullptr) *stats = reader.stats();
  return all;
}

std::string read_error(const std::filesystem::path &path) {
  try {
    read_all(path);
  } catch (const rlrec_data::DataError &e) {
    return e.what();
  }
  return "";
}

}  // namespace rlrec::data_test
