// convert_output.hpp — where `rlrec data convert` writes: a temporary name beside OUT
// (".partial-<pid>-<name>"), renamed to OUT only once every file is complete, so a failed or
// interrupted conversion never leaves a half-written OUT (at worst, after a kill, the
// ".partial-…" file or folder).
#pragma once

#include <filesystem>

namespace rlrec::cli {

class StagedOutput {
 public:
  // Throws core::ConfigError when `out` exists, unless `replace`: then a file or a folder of files
  // (never a folder holding folders) is replaced at commit().
  StagedOutput(std::filesystem::path out, bool replace);
  // Removes the temporary output unless committed.
  ~StagedOutput();
  StagedOutput(const StagedOutput &) = delete;
  StagedOutput &operator=(const StagedOutput &) = delete;

  // Where to write until commit().
  const std::filesystem::path &staging() const { return staging_; }
  // Moves the staged output to OUT, replacing an old one.
  void commit();

 private:
  std::filesystem::path out_;
  std::filesystem::path staging_;
  bool committed_ = false;
};

}  // namespace rlrec::cli
