#include "file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>

namespace rlrec::core {
namespace {

[[noreturn]] void fail(const std::string &what, const std::filesystem::path &path) {
  throw std::runtime_error("cannot " + what + " '" + path.string() + "': " + std::strerror(errno));
}

}  // namespace

void write_file_synced(const std::filesystem::path &path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("create", path);
  const char *data = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      fail("write", path);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail("fsync", path);
  }
  if (::close(fd) != 0) fail("close", path);
}

void sync_directory(const std::filesystem::path &dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("open folder", dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) fail("fsync folder", dir);
}

void write_file_atomic(const std::filesystem::path &path, std::string_view bytes) {
  std::filesystem::path temp = path;
  temp += ".tmp";
  write_file_synced(temp, bytes);
  if (std::rename(temp.c_str(), path.c_str()) != 0) fail("rename to", path);
  sync_directory(path.parent_path().empty() ? "." : path.parent_path());
}

std::vector<uint8_t> read_file(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("open", path);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) fail("read", path);
  return bytes;
}

}  // namespace rlrec::core
