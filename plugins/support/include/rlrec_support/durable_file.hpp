// durable_file.hpp — the file operations of the metrics loggers (csv, jsonl, tensorboard), each
// with the durability it promises: rows are appended and flushed to the OS at once (so `tail -f`,
// TensorBoard and a plotting notebook see them, and a killed process loses nothing it logged),
// made durable with fsync only on request (the host's flush, before each checkpoint), and a file
// is replaced atomically, so a crash leaves either the old content or the new, never a mix.
//
// Every failure throws rlrec_support::Error(RLREC_ERR_IO) naming the path and the OS's reason.
#pragma once

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

namespace rlrec_support {

// The whole content of `path`, or nothing when the file does not exist.
std::optional<std::string> read_file(const std::filesystem::path &path);

// Replaces `path` by a file holding `content`: written to "<path>.tmp", fsynced, renamed over
// `path`, and the folder fsynced so the rename itself survives a power loss.
void replace_file(const std::filesystem::path &path, const std::string &content);

class AppendFile {
 public:
  AppendFile() = default;
  AppendFile(const AppendFile &) = delete;
  AppendFile &operator=(const AppendFile &) = delete;
  ~AppendFile();

  // Opens `path` for appending (creating it if needed); closes any file opened before.
  void open(const std::filesystem::path &path);
  // Creates `path` and opens it for appending; returns false, opening nothing, when it exists.
  bool open_new(const std::filesystem::path &path);
  // Closes the file; a no-op when none is open.
  void close();
  // Appends `text` and hands it to the OS (fflush).
  void append(const std::string &text);
  // Makes everything appended so far durable (fflush + fsync).
  void sync();

 private:
  std::FILE *file_ = nullptr;
  std::filesystem::path path_;
};

}  // namespace rlrec_support
