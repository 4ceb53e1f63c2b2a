#include "temp_folder.hpp"

#include <cstdlib>
#include <stdexcept>

namespace rlrec::runs {

TempFolder::TempFolder(const std::string &prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder " + pattern);
  path_ = pattern;
}

TempFolder::~TempFolder() {
  std::error_code ignored;  // a destructor cannot report; a leftover temporary folder is harmless
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace rlrec::runs
