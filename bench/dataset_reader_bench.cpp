// dataset_reader_bench.cpp — the dataset reader (core/data) over generated datasets: decisions/s
// and peak RSS reading 100k and then N (default 1M) decisions, plain and zstd (when the `zstd`
// command exists), and the JSON parser alone against yaml-cpp (the parser rlrec already links,
// the alternative to adding simdjson), on the same lines.
//
//   build/bin/bench_dataset_reader [decisions] [scratch folder]
//
// The decisions look like interest evolution's with 10 candidates: user [20], candidates
// [10, 20], response [2, 2], slate 2, slot propensities, two info channels (~2.5 KB a line).
#include <sys/resource.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <rlrec_data/dataset_reader.hpp>
#include <rlrec_data/format.hpp>
#include <string>
#include <vector>

#include "bench_util.hpp"

namespace {

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

rlrec_data::Decision generated(uint64_t i) {
  rlrec_data::Decision d;
  d.episode_id = i / 50;
  d.t = static_cast<uint32_t>(i % 50);
  d.obs = {{"user", {20}, std::vector<double>(20), RLREC_DTYPE_F32},
           {"candidates", {10, 20}, std::vector<double>(200), RLREC_DTYPE_F32},
           {"response", {2, 2}, std::vector<double>(4), RLREC_DTYPE_F32}};
  for (auto &field : d.obs) {
    for (std::size_t k = 0; k < field.values.size(); ++k)
      field.values[k] = static_cast<float>(std::cos(double(i * 7 + k)));
  }
  d.slate = {static_cast<int32_t>(i % 10), static_cast<int32_t>((i + 3) % 10)};
  d.slate_prob = 0.0123f;
  d.slot_propensity = {0.11f, 0.09f};
  d.reward = static_cast<float>(i % 5);
  d.has_responses = true;
  d.responses = {"responses", {2, 2}, {1, 0, 0, 0}, RLREC_DTYPE_F32};
  d.info = {{"clicked_slot", 0.0}, {"engagement", 3.5}};
  d.terminated = d.t == 49;
  d.policy_id = "egreedy";
  d.policy_version = "1.0.0";
  return d;
}

// Writes `count` decisions to `file` in chunks (the generator holds one chunk).
void generate(const std::string &file, uint64_t count) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  std::string text;
  for (uint64_t i = 0; i < count; ++i) {
    rlrec_data::append_decision_line(text, generated(i));
    if (text.size() > (1u << 20)) {
      out << text;
      text.clear();
    }
  }
  out << text;
}

// Reads the whole dataset; prints decisions/s, MB/s and the process's peak RSS after it.
void read_all(const char *name, const std::string &file) {
  uint64_t decisions = 0;
  const double seconds = rlrec::bench::best_seconds(1, [&] {
    rlrec_data::DatasetReader reader(file);
    rlrec_data::Decision d;
    decisions = 0;
    while (reader.next(d)) ++decisions;
  });
  rlrec::bench::report(name, static_cast<double>(decisions), seconds);
  std::printf("    %.1f MB on disk, %.0f MB/s of file, peak RSS so far %.1f MiB\n",
              static_cast<double>(std::filesystem::file_size(file)) / 1e6,
              static_cast<double>(std::filesystem::file_size(file)) / 1e6 / seconds, peak_rss_mib());
}

// The first `count` lines of `file`, parsed by simdjson (the reader's parser, with its checks)
// and by yaml-cpp.
void compare_parsers(const std::string &file, std::size_t count) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; lines.size() < count && std::getline(in, line);) lines.push_back(line + '\n');
  const std::string sample = file + ".sample.jsonl";
  {
    std::ofstream out(sample);
    for (const std::string &line : lines) out << line;
  }
  read_all("  parser simdjson (the reader, sample)", sample);
  const double seconds = rlrec::bench::best_seconds(1, [&] {
    for (const std::string &line : lines) {
      const YAML::Node node = YAML::Load(line);
      if (!node["slate_prob"]) std::abort();
    }
  });
  rlrec::bench::report("  parser yaml-cpp (parse only, sample)", static_cast<double>(lines.size()), seconds);
  std::filesystem::remove(sample);
}

}  // namespace

int main(int argc, char **argv) {
  const uint64_t decisions = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const std::filesystem::path folder = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
  const std::string small = (folder / "bench_dataset_small.jsonl").string();
  const std::string large = (folder / "bench_dataset_large.jsonl").string();

  std::printf("generating 100000 and %llu decisions in %s\n", static_cast<unsigned long long>(decisions),
              folder.c_str());
  const double generate_seconds = rlrec::bench::best_seconds(1, [&] { generate(large, decisions); });
  rlrec::bench::report("write (format + ofstream)", static_cast<double>(decisions), generate_seconds);
  generate(small, 100'000);

  std::printf("peak RSS before reading: %.1f MiB\n", peak_rss_mib());
  read_all("read plain, 100k decisions", small);
  read_all("read plain, all decisions", large);
  if (std::system(("zstd -q -f -3 " + large + " -o " + large + ".zst").c_str()) == 0) {
    read_all("read zstd -3, all decisions", large + ".zst");
    std::filesystem::remove(large + ".zst");
  }
  compare_parsers(large, 20'000);
  std::filesystem::remove(small);
  std::filesystem::remove(large);
  return 0;
}
