// convert_rlrec.cpp — the rlrec dataset format as a source and a sink of `rlrec data convert`:
// the streaming reader and the `dataset` logger's own writer (rlrec_data), so converted data is
// written exactly as logged data is.
#include <rlrec_data/dataset_reader.hpp>
#include <rlrec_data/format.hpp>
#include <rlrec_data/shard_writer.hpp>

#include "convert.hpp"

namespace rlrec::cli {
namespace {

// Lines handed to the OS at a time: bounds the writer's buffer, not the output's size.
constexpr uint64_t kHandOverLines = 4096;
constexpr int kZstdLevel = 3;  // the `dataset` logger's default

class RlrecSource final : public DecisionSource {
 public:
  RlrecSource(const std::filesystem::path &in, const ConvertOptions &options) : reader_(in, reader_options(options)) {}

  bool next(rlrec_data::Decision &out) override { return reader_.next(out); }
  std::string where() const override { return reader_.where(); }
  std::vector<std::string> warnings() const override { return reader_.stats().warnings; }

 private:
  static rlrec_data::ReaderOptions reader_options(const ConvertOptions &options) {
    rlrec_data::ReaderOptions reader;
    reader.skip_bad = options.skip_bad;
    return reader;
  }

  rlrec_data::DatasetReader reader_;
};

class RlrecSink final : public DecisionSink {
 public:
  RlrecSink(const std::filesystem::path &out, const ConvertOptions &options)
      : writer_(rlrec_data::ShardSettings{out, options.zstd_shards, kZstdLevel, options.shard_decisions}) {}

  void write(const rlrec_data::Decision &d, const std::string &) override {
    line_.clear();
    rlrec_data::append_decision_line(line_, d);
    writer_.add_line(line_);
    if (++lines_ % kHandOverLines == 0) writer_.hand_over();
  }
  void finish() override { writer_.close(); }

 private:
  rlrec_data::ShardWriter writer_;
  std::string line_;
  uint64_t lines_ = 0;
};

}  // namespace

std::unique_ptr<DecisionSource> open_rlrec_source(const std::filesystem::path &in, const ConvertOptions &options) {
  return std::make_unique<RlrecSource>(in, options);
}

std::unique_ptr<DecisionSink> open_rlrec_sink(const std::filesystem::path &out, const ConvertOptions &options) {
  return std::make_unique<RlrecSink>(out, options);
}

}  // namespace rlrec::cli
