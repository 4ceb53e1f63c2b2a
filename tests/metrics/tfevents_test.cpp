// The tensorboard plugin's files, decoded by the independent reader of tfevents_reader.hpp.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <regex>

#include "logger_harness.hpp"
#include "scratch.hpp"
#include "tfevents_reader.hpp"

namespace rlrec::metrics_test {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> event_files(const fs::path &dir) {
  std::vector<fs::path> files;
  for (const auto &entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().find("tfevents") != std::string::npos) files.push_back(entry.path());
  std::sort(files.begin(), files.end());  // TensorBoard's order
  return files;
}

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Every value a float can carry, and names with '/', spaces and UTF-8.
const std::vector<std::pair<uint64_t, Row>> kRows = {
    {1000, {{"episode_return_mean", 1.25}, {"episodes_total", 12}, {"time/total_s", 0.5}}},
    {2000,
     {{"episode_return_mean", -3.75},
      {"learner/loss", 1e-30},
      {"learner/grad norm", 1e30},
      {"eval/épisode", 0.1},
      {"time/env_steps_per_s", 123456.789}}},
    {3000,
     {{"episode_return_mean", std::numeric_limits<double>::quiet_NaN()},
      {"learner/loss", std::numeric_limits<double>::infinity()},
      {"learner/grad norm", -std::numeric_limits<double>::infinity()}}},
};

// A tensorboard file in dir holding kRows, from a logger destroyed after them.
void write_rows(const LoggerLibrary &library, const fs::path &dir) {
  LoggerInstance logger = library.create(dir.string(), 3000);
  for (const auto &[steps, row] : kRows) logger.log(steps, row);
}

void check_scalars(const TfEvent &event, uint64_t env_steps, const Row &row) {
  CHECK(event.step == static_cast<int64_t>(env_steps));
  REQUIRE(event.scalars.size() == row.size());
  for (size_t m = 0; m < row.size(); ++m) {
    INFO(row[m].first);
    CHECK(event.scalars[m].first == row[m].first);
    const auto expected = static_cast<float>(row[m].second);
    if (std::isnan(expected))
      CHECK(std::isnan(event.scalars[m].second));
    else
      CHECK(event.scalars[m].second == expected);  // bit-exact: the float the value rounds to
  }
}

}  // namespace

TEST_CASE("the reference CRC-32C gives the published check values", "[tfevents]") {
  CHECK(reference_crc32c("123456789") == 0xE3069283u);            // the CRC catalogue's check value
  CHECK(reference_crc32c(std::string(32, '\0')) == 0x8A9136AAu);  // RFC 3720 B.4
  CHECK(reference_crc32c(std::string(32, '\xFF')) == 0x62A8AB43u);
}

TEST_CASE("tensorboard: framing, CRCs, file_version first, every scalar round-trips", "[tfevents]") {
  ScratchFolder run("rlrec-test-tfevents");
  LoggerLibrary library("librlrec_tensorboard.so", "tensorboard");
  const double before = unix_now();
  {
    LoggerInstance logger = library.create(run.path().string(), 3000);
    for (const auto &[steps, row] : kRows) logger.log(steps, row);
    // Records reach the OS as they are logged: TensorBoard shows a live run.
    const auto files = event_files(run.path());
    REQUIRE(files.size() == 1);
    CHECK(read_tfevents(slurp(files[0])).events.size() == 1 + kRows.size());
  }
  const double after = unix_now();

  const auto files = event_files(run.path());
  REQUIRE(files.size() == 1);
  CHECK(std::regex_match(files[0].filename().string(), std::regex(R"(events\.out\.tfevents\.\d{10}\..+)")));
  const TfEventFile file = read_tfevents(slurp(files[0]));
  CHECK(file.trailing_bytes == 0);
  REQUIRE(file.events.size() == 1 + kRows.size());
  CHECK(file.events[0].file_version == std::optional<std::string>("brain.Event:2"));
  CHECK(file.events[0].scalars.empty());
  for (size_t r = 0; r < kRows.size(); ++r) check_scalars(file.events[r + 1], kRows[r].first, kRows[r].second);
  for (const TfEvent &event : file.events) {
    CHECK(event.wall_time >= std::floor(before));
    CHECK(event.wall_time <= after);
  }
}

TEST_CASE("tfevents reader: a flipped bit fails a CRC, a cut record is left over", "[tfevents]") {
  ScratchFolder run("rlrec-test-tfevents-bad");
  write_rows(LoggerLibrary("librlrec_tensorboard.so", "tensorboard"), run.path());
  const std::string bytes = slurp(event_files(run.path())[0]);
  uint64_t first_length = 0;  // the version record's: little-endian uint64
  for (int i = 7; i >= 0; --i) first_length = (first_length << 8) | static_cast<unsigned char>(bytes[i]);
  const size_t second_record = 12 + first_length + 4;

  std::string length_flipped = bytes;
  length_flipped[second_record] ^= 0x01;
  CHECK_THROWS_WITH(read_tfevents(length_flipped), Catch::Contains("CRC of the length"));
  std::string data_flipped = bytes;
  data_flipped[second_record + 12 + 3] ^= 0x10;
  CHECK_THROWS_WITH(read_tfevents(data_flipped), Catch::Contains("CRC of the data"));

  const TfEventFile cut = read_tfevents(bytes.substr(0, bytes.size() - 5));
  CHECK(cut.events.size() == kRows.size());  // the version record and all but the last row
  CHECK(cut.trailing_bytes > 0);
}

TEST_CASE("tensorboard: a resumed run starts a new file with SessionLog START after the checkpoint", "[tfevents]") {
  ScratchFolder run("rlrec-test-tfevents-resume");
  LoggerLibrary library("librlrec_tensorboard.so", "tensorboard");
  write_rows(library, run.path());
  const std::string first_file = slurp(event_files(run.path())[0]);
  {
    LoggerInstance resumed = library.create(run.path().string(), 3000, 2000);
    resumed.log(3000, kRows[2].second);
  }
  const auto files = event_files(run.path());
  REQUIRE(files.size() == 2);
  CHECK(slurp(files[0]) == first_file);  // the interrupted run's file is untouched
  const TfEventFile second = read_tfevents(slurp(files[1]));
  REQUIRE(second.events.size() == 3);
  CHECK(second.events[0].file_version == std::optional<std::string>("brain.Event:2"));
  CHECK(second.events[1].session_status == std::optional<int64_t>(1));  // START
  CHECK(second.events[1].step == 2001);  // TensorBoard drops the old points at steps >= 2001
  check_scalars(second.events[2], 3000, kRows[2].second);
}

}  // namespace rlrec::metrics_test
