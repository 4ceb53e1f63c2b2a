// support.hpp — helpers for the engine tests: temporary folders, running the CLI, configs as text.
#pragma once

#include <filesystem>
#include <string>

#include "engine.hpp"

namespace rlrec::test {

// A fresh empty folder under the test's working directory, removed when the object dies.
class TempDir {
 public:
  explicit TempDir(const std::string &name);
  ~TempDir();
  const std::filesystem::path &path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs the rlrec CLI with `args` (shell words); returns its exit code, with stdout and stderr
// captured into the outputs.
int run_cli(const std::string &args, std::string *out = nullptr, std::string *err = nullptr);

// A config file written into `dir`; returns its path.
std::filesystem::path write_config(const std::filesystem::path &dir, const std::string &name, const std::string &yaml);

// The message of the exception `body` throws (empty if it does not throw).
template <class Body>
std::string error_of(Body &&body) {
  try {
    body();
  } catch (const std::exception &e) {
    return e.what();
  }
  return "";
}

std::string read_text(const std::filesystem::path &file);

// An engine from YAML text (named "test.yaml" in messages).
core::Engine engine_from(const std::string &yaml);

}  // namespace rlrec::test
