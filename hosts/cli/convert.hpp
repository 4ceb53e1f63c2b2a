// convert.hpp — `rlrec data convert` (docs/dataset.md "Converting"): decisions read from one
// format and written in another, one at a time, so memory does not grow with the dataset.
//
//   format  read as                                    written as
//   rlrec   rlrec_data::DatasetReader                  rlrec_data::ShardWriter
//   obp     Open Bandit Pipeline's data CSV +          the same (one row per slot)
//           item_context.csv (convert_obp.cpp)
//   vw      Vowpal Wabbit --cb_explore_adf text        the same
//           examples (convert_vw.cpp)
//
// Every complaint about the input is a rlrec_data::DataError "FILE:LINE: what"; a decision that
// the output format cannot represent is one too, naming the input line it came from.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <rlrec_data/decision.hpp>
#include <string>
#include <vector>

namespace rlrec::cli {

struct ConvertOptions {
  // Imports from obp and vw.
  bool add_response = false;           // also write the conventional `response` obs field and `responses`
  bool reward_is_negated_cost = true;  // vw: reward = -cost (VW minimises cost), else reward = cost
  std::filesystem::path item_context;  // obp: item_context.csv; empty: the one beside the data CSV
  // Reading rlrec.
  bool skip_bad = false;
  // Writing rlrec.
  bool zstd_shards = false;            // a folder's shards compressed (a file: its extension decides)
  uint64_t shard_decisions = 1000000;  // per shard of a folder; 0 = one shard
  // Called every kPollEvery rows of any pass over the input; throws to stop (Ctrl-C). Nullable.
  std::function<void()> poll;
  static constexpr uint64_t kPollEvery = 4096;

  // Calls `poll` when `count` is a multiple of kPollEvery.
  void poll_at(uint64_t count) const {
    if (poll && count % kPollEvery == 0) poll();
  }
};

class DecisionSource {
 public:
  virtual ~DecisionSource() = default;
  // The next decision into `out`; false at the end. Throws rlrec_data::DataError.
  virtual bool next(rlrec_data::Decision &out) = 0;
  // "FILE:LINE" of the decision last returned (its first line).
  virtual std::string where() const = 0;
  // What the reader skipped or doubted, for stderr once the conversion is done.
  virtual std::vector<std::string> warnings() const { return {}; }
};

class DecisionSink {
 public:
  virtual ~DecisionSink() = default;
  // Writes `d`, read at `where` (named by errors about what the format cannot represent).
  virtual void write(const rlrec_data::Decision &d, const std::string &where) = 0;
  // Completes and closes every file; nothing is complete before.
  virtual void finish() = 0;
  // What was dropped on the way (obs fields the format has no place for), for stderr.
  virtual std::vector<std::string> warnings() const { return {}; }
};

std::unique_ptr<DecisionSource> open_rlrec_source(const std::filesystem::path &in, const ConvertOptions &options);
std::unique_ptr<DecisionSource> open_obp_source(const std::filesystem::path &in, const ConvertOptions &options);
std::unique_ptr<DecisionSource> open_vw_source(const std::filesystem::path &in, const ConvertOptions &options);

// `out` is where to write now (a temporary name, convert_output.hpp); `final_name` the file or
// folder name the output will have, for formats whose inner files are named after it.
std::unique_ptr<DecisionSink> open_rlrec_sink(const std::filesystem::path &out, const ConvertOptions &options);
std::unique_ptr<DecisionSink> open_obp_sink(const std::filesystem::path &out, const std::string &final_name);
std::unique_ptr<DecisionSink> open_vw_sink(const std::filesystem::path &out, const ConvertOptions &options);

}  // namespace rlrec::cli
