#include "gnuplot_png.hpp"

#include <rlrec_support/appendf.hpp>
#include <rlrec_support/durable_file.hpp>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

#include "svg_chart.hpp"
#include "temp_folder.hpp"

extern char **environ;

namespace rlrec::runs {
namespace {

namespace fs = std::filesystem;
using rlrec_support::appendf;

std::optional<fs::path> find_on_path(const std::string &program) {
  const char *path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "";
  size_t begin = 0;
  while (begin <= dirs.size()) {
    const size_t end = std::min(dirs.find(':', begin), dirs.size());
    const fs::path candidate = fs::path(begin == end ? "." : dirs.substr(begin, end - begin)) / program;
    if (access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate;
    begin = end + 1;
  }
  return std::nullopt;
}

// A gnuplot string literal: single quotes (no backslash escapes inside), '' for a quote.
std::string quoted(const std::string &text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'')
      out += "''";
    else
      out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out + "'";
}

// Columns: env_steps, raw value, smoothed value (when there is one).
std::string data_file(const Curve &curve) {
  std::string text;
  for (size_t i = 0; i < curve.raw.size(); ++i) {
    appendf(text, "%.17g %.17g", curve.raw[i].x, curve.raw[i].y);
    if (!curve.smoothed.empty()) appendf(text, " %.17g", curve.smoothed[i].y);
    text += '\n';
  }
  return text;
}

std::string script(const Chart &chart, const fs::path &dir, const fs::path &out) {
  std::string text;
  const int height = 500 + 18 * static_cast<int>(chart.curves.size());
  appendf(
      text,
      "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) { set terminal pngcairo size 800,%d noenhanced font 'sans,10' }"
      " else { set terminal png size 800,%d noenhanced }\n",
      height, height);
  text += "set output " + quoted(out.string()) + "\n";
  text += "set title " + quoted(chart.title) + "\nset xlabel " + quoted(chart.x_label) + "\nset ylabel " +
          quoted(chart.y_label) + "\nset grid\nset key below\n";
  std::string plots;
  for (size_t i = 0; i < chart.curves.size(); ++i) {
    const Curve &curve = chart.curves[i];
    if (curve.raw.empty()) continue;  // gnuplot refuses a file without points
    const std::string file = quoted((dir / ("curve" + std::to_string(i) + ".dat")).string());
    const std::string rgb = curve_colour(i) + 1;  // "1f77b4"
    const std::string title = " title " + quoted(curve.label);
    if (!plots.empty()) plots += ", ";
    const std::string raw_style = curve.raw.size() <= kMarkersUpTo ? "linespoints pt 7 ps 0.5" : "lines";
    if (curve.smoothed.empty())
      plots += file + " using 1:2 with " + raw_style + " lw 1.5 lc rgb '#" + rgb + "'" + title;
    else  // gnuplot's alpha is a transparency: B3 = 70 % transparent, the SVG's 0.3 opacity
      plots += file + " using 1:2 with " + raw_style + " lw 1 lc rgb '#B3" + rgb + "' notitle, " + file +
               " using 1:3 with lines lw 2 lc rgb '#" + rgb + "'" + title;
  }
  return text + "plot " + plots + "\n";
}

}  // namespace

void render_png_with_gnuplot(const Chart &chart, const fs::path &out) {
  const std::optional<fs::path> gnuplot = find_on_path("gnuplot");
  if (!gnuplot)
    throw std::runtime_error(
        "PNG output needs gnuplot, which is not on PATH: install it (Debian/Ubuntu: "
        "apt install gnuplot-nox; macOS: brew install gnuplot), or write SVG with --out FILE.svg");
  const TempFolder scratch("rlrec-plot");
  for (size_t i = 0; i < chart.curves.size(); ++i)
    rlrec_support::replace_file(scratch.path() / ("curve" + std::to_string(i) + ".dat"), data_file(chart.curves[i]));
  const fs::path script_file = scratch.path() / "plot.gp";
  rlrec_support::replace_file(script_file, script(chart, scratch.path(), fs::absolute(out)));

  std::string program = gnuplot->string(), argument = script_file.string();
  char *argv[] = {program.data(), argument.data(), nullptr};
  pid_t pid = 0;
  if (posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv, environ) != 0)
    throw std::runtime_error("cannot start " + program);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("cannot wait for " + program);
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("gnuplot failed to write '" + out.string() + "' (its messages are above)");
}

}  // namespace rlrec::runs
