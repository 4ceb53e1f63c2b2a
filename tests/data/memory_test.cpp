// The reader's memory is bounded by its window, not by the dataset: over a file many times the
// window, the bytes it holds stay under a bound; a line longer than the limit is an error, not
// an allocation.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <limits>
#include <rlrec_data/format.hpp>

#include "data_support.hpp"

namespace rlrec::data_test {
namespace {

rlrec_data::Decision sample_decision(uint64_t i) {
  rlrec_data::Decision d;
  d.episode_id = i / 10;
  d.t = static_cast<uint32_t>(i % 10);
  d.obs.push_back({"user", {8}, std::vector<double>(8), RLREC_DTYPE_F32});
  d.obs.push_back({"candidates", {20, 8}, std::vector<double>(160), RLREC_DTYPE_F32});
  for (std::size_t k = 0; k < d.obs[1].values.size(); ++k)
    d.obs[1].values[k] = static_cast<float>(std::sin(double(i + k)));
  d.slate = {static_cast<int32_t>(i % 20), static_cast<int32_t>((i + 1) % 20)};
  d.slate_prob = 1.0f / 380.0f;
  d.slot_propensity = {0.05f, std::numeric_limits<float>::quiet_NaN()};
  d.reward = static_cast<float>(i % 3);
  d.terminated = d.t == 9;
  d.policy_id = "random";
  d.policy_version = "1.0.0";
  return d;
}

}  // namespace

TEST_CASE("a decision written and read back is the same decision", "[format]") {
  TempDir dir("format");
  rlrec_data::Decision d = sample_decision(7);
  d.info = {{"clicked_slot", 1.0}, {"engagement", std::nan("")}};
  d.has_responses = true;
  d.responses = {"responses", {2, 1}, {0.25, 1.5}, RLREC_DTYPE_F32};
  d.event_id = "ev-\"7\"";
  std::string text;
  rlrec_data::append_decision_line(text, d);
  write_text(dir.path() / "one.jsonl", text);
  const auto all = read_all(dir.path() / "one.jsonl");
  REQUIRE(all.size() == 1);
  const rlrec_data::Decision &r = all[0];
  CHECK(r.obs[1].values.size() == 160);
  for (std::size_t k = 0; k < 160; ++k)
    CHECK(static_cast<float>(r.obs[1].values[k]) == static_cast<float>(d.obs[1].values[k]));
  CHECK(r.slate == d.slate);
  CHECK(r.slate_prob == d.slate_prob);
  CHECK(r.slot_propensity[0] == d.slot_propensity[0]);
  CHECK(std::isnan(r.slot_propensity[1]));  // null: the policy could not compute it
  CHECK(r.info[0].value == 1.0);
  CHECK(std::isnan(r.info[1].value));
  CHECK(r.responses.values == std::vector<double>{0.25, 1.5});
  CHECK(r.event_id == d.event_id);
  CHECK(r.terminated == d.terminated);
}

TEST_CASE("the reader holds a bounded window over a large file", "[memory]") {
  TempDir dir("memory");
  const std::filesystem::path file = dir.path() / "large.jsonl";
  uint64_t lines = 0;
  {
    std::ofstream out(file, std::ios::binary);
    std::string text;
    while (out.tellp() < 40'000'000) {
      text.clear();
      for (int k = 0; k < 1000; ++k) rlrec_data::append_decision_line(text, sample_decision(lines++));
      out << text;
    }
  }
  const auto file_bytes = std::filesystem::file_size(file);
  rlrec_data::ReaderOptions options;
  options.window_bytes = 64 << 10;
  rlrec_data::DatasetReader reader(file, options);
  rlrec_data::Decision d;
  std::size_t most = 0;
  uint64_t read = 0;
  while (reader.next(d)) {
    most = std::max(most, reader.buffer_bytes());
    ++read;
  }
  CHECK(read == lines);
  INFO("file " << file_bytes << " bytes, reader held at most " << most);
  CHECK(most < (1u << 20));  // 64 KiB window + the parser's buffers for one ~3 KB line
  CHECK(most * 20 < file_bytes);
}

TEST_CASE("a line longer than the limit is an error, not an allocation", "[memory]") {
  TempDir dir("long_line");
  const std::filesystem::path file = dir.path() / "long.jsonl";
  write_text(file, std::string(300'000, ' ') + "\n");
  rlrec_data::ReaderOptions options;
  options.window_bytes = 4096;
  options.max_line_bytes = 100'000;
  try {
    read_all(file, options);
    FAIL("no error");
  } catch (const rlrec_data::DataError &e) {
    CHECK_THAT(e.what(), Catch::StartsWith(file.string() + ":1: line longer than 100000 bytes"));
  }
}

}  // namespace rlrec::data_test
