// temp_folder.hpp — a new empty folder under the system's temporary folder (mkdtemp: unique, mode
// 0700), removed with everything in it when the object dies.
#pragma once

#include <filesystem>
#include <string>

namespace rlrec::runs {

class TempFolder {
 public:
  // prefix: the start of the folder's name ("rlrec-plot"). Throws std::runtime_error on failure.
  explicit TempFolder(const std::string &prefix);
  ~TempFolder();
  TempFolder(const TempFolder &) = delete;
  TempFolder &operator=(const TempFolder &) = delete;

  const std::filesystem::path &path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace rlrec::runs
