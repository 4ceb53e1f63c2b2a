// rlrec compare RUN_DIR... [--format text|markdown|csv]
#include <cstdio>

#include "chart.hpp"
#include "cli_common.hpp"
#include "compare_table.hpp"
#include "errors.hpp"

namespace rlrec::cli {
namespace {

runs::TableFormat format_of(const std::string &name) {
  if (name == "text") return runs::TableFormat::kText;
  if (name == "markdown") return runs::TableFormat::kMarkdown;
  if (name == "csv") return runs::TableFormat::kCsv;
  throw core::ConfigError("--format '" + name + "': must be text, markdown or csv");
}

int compare(const po::variables_map &vm) {
  const runs::TableFormat format = format_of(vm["format"].as<std::string>());
  const std::vector<runs::RunMetrics> loaded =
      runs::load_runs(vm["run-dir"].as<std::vector<std::string>>(), "rlrec compare");
  std::fputs(runs::compare_table(loaded, runs::run_labels(loaded), format).c_str(), stdout);
  return kExitOk;
}

}  // namespace

Command compare_command() {
  Command c{"compare",
            "compare RUN_DIR... [--format text|markdown|csv]",
            "Prints the final metrics of run folders side by side: one row per metric (the last value each run\n"
            "reported, from progress.csv and result.jsonl), one column per run.",
            po::options_description("options"),
            {},
            compare};
  c.options.add_options()("help,h", "this help")(
      "run-dir", po::value<std::vector<std::string>>()->required()->composing(), "run folders (one or more)")(
      "format", po::value<std::string>()->default_value("text"), "text (aligned), markdown or csv");
  c.positional.add("run-dir", -1);
  return c;
}

}  // namespace rlrec::cli
