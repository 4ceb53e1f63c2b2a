// scratch.hpp — what the metrics tests need around the code under test: a fresh folder per test,
// files read whole, and programs (the rlrec CLI, python3) run without a shell.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "temp_folder.hpp"

namespace rlrec::metrics_test {

// A fresh folder per test, removed at its end.
using ScratchFolder = runs::TempFolder;

std::string slurp(const std::filesystem::path &file);
// The complete lines of text (each ended by '\n'), without their '\n'.
std::vector<std::string> lines_of(const std::string &text);
// The bytes of text as lower-case hex: how the Python helpers print names, whatever they hold.
std::string utf8_hex(const std::string &text);
void write_text(const std::filesystem::path &file, const std::string &text);

struct Finished {
  int exit_code = -1;  // -1 when the program died from a signal
  std::string out;
  std::string err;
};

// Runs argv[0] (a path) with the given environment changes (a value of "" still sets the
// variable), waiting for it; stdout and stderr are captured.
Finished run_program(const std::vector<std::string> &argv, const std::map<std::string, std::string> &env = {});

// The `rlrec` CLI under test, and the python3 the tests use for an independent XML/JSON parser.
std::vector<std::string> rlrec(std::vector<std::string> args);
std::vector<std::string> python(const std::string &script, std::vector<std::string> args);

}  // namespace rlrec::metrics_test
