// file_io.hpp — durable file writes. A file that matters (a checkpoint, a resolved config) is
// written to a temporary name, fsynced, renamed over the final name and its folder fsynced, so a
// crash at any moment leaves either the old complete file or the new complete one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

namespace rlrec::core {

// Writes `bytes` to `path` (created or truncated) and fsyncs it. Throws std::runtime_error naming
// the path and errno on failure.
void write_file_synced(const std::filesystem::path &path, std::string_view bytes);

// fsync of a folder, so that renames and new entries inside it are durable.
void sync_directory(const std::filesystem::path &dir);

// write_file_synced to "<path>.tmp", then rename over `path`, then sync_directory.
void write_file_atomic(const std::filesystem::path &path, std::string_view bytes);

// The whole file. Throws std::runtime_error naming the path on failure.
std::vector<uint8_t> read_file(const std::filesystem::path &path);

}  // namespace rlrec::core
