// rlrec_data/shard_writer.hpp — the files of a dataset being written: one file, or a folder of shards
// (decisions-00000.jsonl[.zst], ...) rotated every `shard_decisions` lines; plain or zstd.
//
// Durability (docs/dataset.md "Writing"): lines are buffered only until hand_over(), which the
// `dataset` logger calls at the end of every batch: the batch's whole lines then reach the OS in one write
// (zstd: as a flushed block, decodable without the rest of the frame), so a process killed at any
// moment loses at most the lines of the batch being handed over, of which a reader sees every
// complete one and skips a cut one with a warning. sync() adds fsync, for power loss.
//
// Files are never overwritten nor appended to: a writer creates each file it writes (a folder's
// next free shard index; a single file that exists is an error), so a crashed writer's files stay
// as they were and a resumed run adds new shards beside them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <rlrec_support/durable_file.hpp>
#include <string>
#include <string_view>

namespace rlrec_data {

struct ShardSettings {
  std::filesystem::path path;  // a file (*.jsonl, *.jsonl.zst) or a folder of shards
  bool zstd = false;           // folder: compress the shards (a file: its extension decides)
  int zstd_level = 3;
  uint64_t shard_decisions = 0;  // folder: lines per shard; 0 = one shard
};

class ShardWriter {
 public:
  // Creates the folder (or the file's parent folder). Throws rlrec_support::Error.
  explicit ShardWriter(ShardSettings settings);
  ~ShardWriter();
  ShardWriter(const ShardWriter &) = delete;
  ShardWriter &operator=(const ShardWriter &) = delete;

  // Adds one line (with its '\n'); starts a new shard first when the current one is full.
  void add_line(std::string_view line);
  // Hands every line added so far to the OS.
  void hand_over();
  // hand_over() and fsync.
  void sync();
  // hand_over(), ends the compressed frame, closes the file. A no-op when nothing is open.
  void close();

 private:
  void open_next();
  // Compresses or copies `pending_` into the file; `end_frame` finishes a zstd frame.
  void write_pending(bool end_frame);

  ShardSettings settings_;
  bool single_file_ = false;
  uint32_t next_index_ = 0;
  uint64_t lines_in_shard_ = 0;
  bool open_ = false;
  rlrec_support::AppendFile file_;
  std::string pending_;
  std::string compressed_;
  struct Compressor;
  std::unique_ptr<Compressor> compressor_;
};

}  // namespace rlrec_data
