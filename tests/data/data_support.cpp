#include "data_support.hpp"

#include <fstream>

namespace rlrec::data_test {

void write_text(const std::filesystem::path &file, const std::string &text) {
  std::ofstream(file, std::ios::binary) << text;
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
