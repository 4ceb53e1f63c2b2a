// rlrec plot RUN_DIR... [--metric NAME] [--out FILE.svg|FILE.png] [--smooth W]
#include <rlrec_support/durable_file.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <set>

#include "chart.hpp"
#include "cli_common.hpp"
#include "errors.hpp"
#include "gnuplot_png.hpp"
#include "svg_chart.hpp"
#include "text.hpp"

namespace rlrec::cli {
namespace {

namespace fs = std::filesystem;

// --smooth 0 picks a window of about a tenth of the longest curve: 10 points for the default
// 100 reports of a run, none for a handful of evaluations, where averaging would only lag.
size_t auto_window(const std::vector<runs::RunMetrics> &loaded, const std::string &metric) {
  size_t longest = 0;
  for (const runs::RunMetrics &run : loaded) longest = std::max(longest, run.series(metric).size());
  return std::max<size_t>(1, longest / 10);
}

void check_metric(const std::vector<runs::RunMetrics> &loaded, const std::string &metric) {
  std::set<std::string> known;
  for (const runs::RunMetrics &run : loaded) known.insert(run.names().begin(), run.names().end());
  if (!known.count(metric))
    throw core::ConfigError("--metric '" + metric + "': no run reported it" +
                            core::did_you_mean(metric, {known.begin(), known.end()}, "metrics"));
}

// eval/episode_return_mean -> eval_episode_return_mean.svg
fs::path default_out(const std::vector<std::string> &dirs, const std::string &metric) {
  std::string name = metric;
  std::replace(name.begin(), name.end(), '/', '_');
  const fs::path file = name + ".svg";
  return dirs.size() == 1 ? fs::path(dirs[0]) / file : file;
}

std::string lower_extension(const fs::path &file) {
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension;
}

int plot(const po::variables_map &vm) {
  const auto dirs = vm["run-dir"].as<std::vector<std::string>>();
  const std::string metric = vm["metric"].as<std::string>();
  const fs::path out = vm.count("out") ? fs::path(vm["out"].as<std::string>()) : default_out(dirs, metric);
  const std::string extension = lower_extension(out);
  if (extension != ".svg" && extension != ".png")
    throw core::ConfigError("--out '" + out.string() + "': the file name must end in .svg or .png");

  const std::vector<runs::RunMetrics> loaded = runs::load_runs(dirs, "rlrec plot");
  check_metric(loaded, metric);
  const int smooth = vm["smooth"].as<int>();
  if (smooth < 0) throw core::ConfigError("--smooth must be >= 0 (0 picks a window, 1 turns smoothing off)");
  const size_t window = smooth == 0 ? auto_window(loaded, metric) : static_cast<size_t>(smooth);
  const runs::Chart chart = runs::learning_curves(loaded, runs::run_labels(loaded), metric, window);
  if (extension == ".png")
    runs::render_png_with_gnuplot(chart, out);
  else
    rlrec_support::replace_file(out, runs::render_svg(chart));
  std::printf("wrote %s\n", out.c_str());
  return kExitOk;
}

}  // namespace

Command plot_command() {
  Command c{"plot",
            "plot RUN_DIR... [--metric NAME] [--out FILE.svg|FILE.png] [--smooth W]",
            "Draws learning curves of one metric from run folders (progress.csv and result.jsonl), several runs\n"
            "overlaid: each run's raw points faint, a moving average over them. SVG is drawn by rlrec itself;\n"
            "PNG needs gnuplot.",
            po::options_description("options"),
            {},
            plot};
  c.options.add_options()("help,h", "this help")(
      "run-dir", po::value<std::vector<std::string>>()->required()->composing(), "run folders (one or more)")(
      "metric", po::value<std::string>()->default_value("episode_return_mean"), "the metric to plot")(
      "out", po::value<std::string>(),
      "the file to write, .svg or .png (default: <RUN_DIR>/<metric>.svg for one run, ./<metric>.svg for several)")(
      "smooth", po::value<int>()->default_value(0),
      "moving-average window in points (0: a tenth of the longest curve; 1: no smoothing)");
  c.positional.add("run-dir", -1);
  return c;
}

}  // namespace rlrec::cli
