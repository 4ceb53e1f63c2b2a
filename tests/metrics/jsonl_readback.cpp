#include "jsonl_readback.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

#include "scratch.hpp"

namespace rlrec::metrics_test {

JsonlReadBack read_with_python(const std::filesystem::path &file) {
  const Finished python_run = run_program(python("jsonl_rows.py", {file.string()}));
  INFO(python_run.err);
  REQUIRE(python_run.exit_code == 0);
  JsonlReadBack back;
  std::istringstream lines(python_run.out);
  std::string first, second;
  while (lines >> first >> second) {
    if (first == "row")
      back.rows.emplace_back(std::stoull(second), JsonlReadBack::Values{});
    else if (first == "cut")
      back.cut = std::stoull(second);
    else  // strtod reads float.hex() exactly
      back.rows.back().second.emplace_back(
          first, second == "null" ? std::nullopt : std::optional(std::strtod(second.c_str(), nullptr)));
  }
  return back;
}

}  // namespace rlrec::metrics_test
