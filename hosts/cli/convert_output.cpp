#include "convert_output.hpp"

#include <unistd.h>

#include <string>
#include <system_error>

#include "errors.hpp"

namespace rlrec::cli {
namespace {

namespace fs = std::filesystem;

// `path` renamed with a hidden prefix of this process, in the same folder (so rename is atomic).
fs::path beside(const fs::path &path, const char *tag) {
  return path.parent_path() /
         ("." + std::string(tag) + "-" + std::to_string(getpid()) + "-" + path.filename().string());
}

bool holds_folders(const fs::path &folder) {
  for (const auto &entry : fs::directory_iterator(folder))
    if (entry.is_directory()) return true;
  return false;
}

}  // namespace

StagedOutput::StagedOutput(fs::path out, bool replace) : out_(std::move(out)) {
  if (out_.filename().empty()) out_ = out_.parent_path();  // "dir/" names the folder "dir"
  if (fs::exists(out_)) {
    if (!replace) throw core::ConfigError(out_.string() + " exists (--force replaces it)");
    if (fs::is_directory(out_) && holds_folders(out_)) {
      throw core::ConfigError(out_.string() + " holds folders: --force replaces a file or a folder of files only");
    }
  }
  if (!out_.parent_path().empty()) fs::create_directories(out_.parent_path());  // as `collect --out` does
  staging_ = beside(out_, "partial");
  fs::remove_all(staging_);  // a leftover of a killed process that had this pid
}

StagedOutput::~StagedOutput() {
  if (committed_) return;
  std::error_code ignored;  // a destructor cannot report; the conversion's own error is what matters
  fs::remove_all(staging_, ignored);
}

void StagedOutput::commit() {
  const fs::path old = beside(out_, "replaced");
  const bool replacing = fs::exists(out_);
  if (replacing) fs::rename(out_, old);
  fs::rename(staging_, out_);
  committed_ = true;
  if (replacing) fs::remove_all(old);
}

}  // namespace rlrec::cli
