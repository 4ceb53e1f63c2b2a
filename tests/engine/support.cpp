#include "support.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "yaml_document.hpp"

namespace rlrec::test {

TempDir::TempDir(const std::string &name) : path_(std::filesystem::absolute("tmp") / name) {
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string read_text(const std::filesystem::path &file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int run_cli(const std::string &args, std::string *out, std::string *err) {
  static int counter = 0;
  const std::filesystem::path dir = std::filesystem::absolute("tmp");
  std::filesystem::create_directories(dir);
  const std::filesystem::path out_file = dir / ("cli_out_" + std::to_string(counter) + ".txt");
  const std::filesystem::path err_file = dir / ("cli_err_" + std::to_string(counter++) + ".txt");
  const std::string command =
      std::string(RLREC_TEST_CLI) + " " + args + " >" + out_file.string() + " 2>" + err_file.string();
  const int status = std::system(command.c_str());
  if (out) *out = read_text(out_file);
  if (err) *err = read_text(err_file);
  std::filesystem::remove(out_file);
  std::filesystem::remove(err_file);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::filesystem::path write_config(const std::filesystem::path &dir, const std::string &name, const std::string &yaml) {
  const std::filesystem::path file = dir / name;
  std::ofstream(file) << yaml;
  return file;
}

core::Engine engine_from(const std::string &yaml) {
  return core::Engine(core::YamlDocument::from_string(yaml, "test.yaml"));
}

}  // namespace rlrec::test
