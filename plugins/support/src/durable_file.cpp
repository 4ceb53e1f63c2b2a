#include <rlrec_support/durable_file.hpp>

#include <rlrec_support/boundary.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace rlrec_support {
namespace {

[[noreturn]] void fail_io(const std::string &what, const std::filesystem::path &path) {
  const int code = errno;  // read before anything else can overwrite it
  fail(RLREC_ERR_IO, what + " '" + path.string() + "': " + std::strerror(code));
}

}  // namespace

std::optional<std::string> read_file(const std::filesystem::path &path) {
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    if (errno == ENOENT) return std::nullopt;
    fail_io("cannot open", path);
  }
  std::string content;
  char buffer[1 << 16];
  size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) content.append(buffer, got);
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) fail_io("cannot read", path);
  return content;
}

void replace_file(const std::filesystem::path &path, const std::string &content) {
  std::filesystem::path temp = path;
  temp += ".tmp";
  std::FILE *file = std::fopen(temp.c_str(), "wb");
  if (file == nullptr) fail_io("cannot create", temp);
  if (std::fwrite(content.data(), 1, content.size(), file) != content.size() || std::fflush(file) != 0 ||
      fsync(fileno(file)) != 0) {
    const int code = errno;
    std::fclose(file);
    std::remove(temp.c_str());
    errno = code;
    fail_io("cannot write", temp);
  }
  if (std::fclose(file) != 0) fail_io("cannot close", temp);
  if (std::rename(temp.c_str(), path.c_str()) != 0) fail_io("cannot rename onto", path);

  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir < 0) fail_io("cannot open folder", folder);
  const bool synced = fsync(dir) == 0;
  const int code = errno;
  ::close(dir);
  errno = code;
  if (!synced) fail_io("cannot sync folder", folder);
}

AppendFile::~AppendFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void AppendFile::open(const std::filesystem::path &path) {
  close();
  file_ = std::fopen(path.c_str(), "ab");
  if (file_ == nullptr) fail_io("cannot open", path);
  path_ = path;
}

bool AppendFile::open_new(const std::filesystem::path &path) {
  close();
  file_ = std::fopen(path.c_str(), "wbx");  // 'x' (C11): O_EXCL, fails when the file exists
  if (file_ == nullptr) {
    if (errno == EEXIST) return false;
    fail_io("cannot create", path);
  }
  path_ = path;
  return true;
}

void AppendFile::close() {
  if (file_ == nullptr) return;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!closed) fail_io("cannot close", path_);
}

void AppendFile::append(const std::string &text) {
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size() || std::fflush(file_) != 0)
    fail_io("cannot write", path_);
}

void AppendFile::sync() {
  if (file_ != nullptr && (std::fflush(file_) != 0 || fsync(fileno(file_)) != 0)) fail_io("cannot sync", path_);
}

}  // namespace rlrec_support
