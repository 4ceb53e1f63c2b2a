// support.hpp — helpers for the dataset tests: those of the engine tests (scratch folders, text
// files), writing a text file, and reading a whole dataset back.
#pragma once

#include <filesystem>
#include <rlrec_data/dataset_reader.hpp>
#include <string>
#include <vector>

#include "support.hpp"  // tests/engine: TempDir, read_text

namespace rlrec::data_test {

using test::read_text;
using test::TempDir;

void write_text(const std::filesystem::path &file, const std::string &text);

// Every decision of the dataset at `path`.
std::vector<rlrec_data::Decision> read_all(const std::filesystem::path &path, rlrec_data::ReaderOptions options = {},
                                           rlrec_data::ReaderStats *stats = nullptr);

// The message of the DataError reading `path` throws ("" if none).
std::string read_error(const std::filesystem::path &path);

}  // namespace rlrec::data_test
