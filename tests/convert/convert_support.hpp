// convert_support.hpp — helpers of the conversion tests: running `rlrec data convert`, writing a
// dataset from decisions, and comparing what a conversion must keep.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "data_support.hpp"  // tests/data: TempDir, read_all, write_text

namespace rlrec::convert_test {

using data_test::read_all;
using data_test::read_text;
using data_test::TempDir;
using data_test::write_text;

// A fixture under tests/fixtures/convert.
std::filesystem::path fixture(const std::string &name);

// Runs `rlrec data convert --from FROM --to TO IN OUT EXTRA`; returns the exit code, stderr in `err`.
int convert(const std::string &from, const std::string &to, const std::filesystem::path &in,
            const std::filesystem::path &out, const std::string &extra = "", std::string *err = nullptr);

// `decisions` as a dataset file.
void write_dataset(const std::filesystem::path &file, const std::vector<rlrec_data::Decision> &decisions);

// A decision of one slate of 1 over fixed-shape obs: user [du], candidates [n, dd].
rlrec_data::Decision decision(uint64_t episode, std::vector<double> user, int64_t n, std::vector<double> candidates,
                              int32_t chosen, float probability, float reward);

// The values of obs field `name` of `d` (fails the test when absent).
const std::vector<double> &field(const rlrec_data::Decision &d, const std::string &name);

// Checks that `after` keeps `before`'s slate, probability, reward, user and candidates (the same
// numbers: every format writes them as the shortest text that reads back to them).
void check_kept(const rlrec_data::Decision &before, const rlrec_data::Decision &after);

}  // namespace rlrec::convert_test
