#include "scratch.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rlrec::metrics_test {

std::string slurp(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> lines;
  size_t begin = 0;
  for (size_t end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1)
    lines.push_back(text.substr(begin, end - begin));
  return lines;
}

std::string utf8_hex(const std::string &text) {
  static const char *const kDigits = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : text) out += {kDigits[c >> 4], kDigits[c & 15]};
  return out;
}

void write_text(const std::filesystem::path &file, const std::string &text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

Finished run_program(const std::vector<std::string> &argv, const std::map<std::string, std::string> &env) {
  const ScratchFolder capture("rlrec-test-capture");
  const std::filesystem::path out_file = capture.path() / "out", err_file = capture.path() / "err";
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(127);
    for (const auto &[name, value] : env) setenv(name.c_str(), value.c_str(), 1);
    std::vector<char *> args;
    for (const std::string &arg : argv) args.push_back(const_cast<char *>(arg.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return Finished{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out_file), slurp(err_file)};
}

std::vector<std::string> rlrec(std::vector<std::string> args) {
  args.insert(args.begin(), RLREC_TEST_CLI);
  return args;
}

std::vector<std::string> python(const std::string &script, std::vector<std::string> args) {
  args.insert(args.begin(), {RLREC_TEST_PYTHON, std::string(RLREC_TEST_SOURCE_DIR) + "/" + script});
  return args;
}

}  // namespace rlrec::metrics_test
