// `rlrec plot`: the SVG parsed by Python's XML parser (svg_points.py), its curves mapped back to
// data and compared with the files they were drawn from; PNG through gnuplot, or a clear error.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "nice_axis.hpp"
#include "run_metrics.hpp"
#include "scratch.hpp"

namespace rlrec::metrics_test {
namespace {

namespace fs = std::filesystem;
using runs::Point;

struct Svg {
  double x = 0, y = 0, width = 0, height = 0, x_lo = 0, x_hi = 0, y_lo = 0, y_hi = 0;
  std::vector<std::tuple<std::string, std::string, std::vector<Point>>> curves;  // class, run (hex), pixels
  std::vector<std::string> x_ticks, y_ticks, legend;

  // Pixels back to data, by the mapping the frame declares.
  Point data(const Point &pixel) const {
    return {x_lo + (pixel.x - x) / width * (x_hi - x_lo), y_lo + (y + height - pixel.y) / height * (y_hi - y_lo)};
  }
  const std::vector<Point> &curve(const std::string &kind, const std::string &run_hex) const {
    for (const auto &[k, r, points] : curves)
      if (k == kind && r == run_hex) return points;
    throw std::runtime_error("no " + kind + " curve for " + run_hex);
  }
};

Svg parse_svg(const fs::path &file) {
  const Finished parsed = run_program(python("svg_points.py", {file.string()}));
  INFO(parsed.err);
  REQUIRE(parsed.exit_code == 0);  // well-formed XML, an <svg> root, the elements we look for
  Svg svg;
  std::istringstream lines(parsed.out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string kind;
    words >> kind;
    if (kind == "frame") {
      words >> svg.x >> svg.y >> svg.width >> svg.height >> svg.x_lo >> svg.x_hi >> svg.y_lo >> svg.y_hi;
    } else if (kind == "curve") {
      std::string cls, run, pair;
      words >> cls >> run;
      std::vector<Point> points;
      while (words >> pair) {
        const size_t comma = pair.find(',');
        points.push_back({std::stod(pair.substr(0, comma)), std::stod(pair.substr(comma + 1))});
      }
      svg.curves.emplace_back(cls, run, points);
    } else {
      std::string rest;
      std::getline(words >> std::ws, rest);
      (kind == "xtick" ? svg.x_ticks : kind == "ytick" ? svg.y_ticks : svg.legend).push_back(rest);
    }
  }
  return svg;
}

// Points are written with 3 decimals: half a thousandth of a pixel, in data units.
void check_same(const Svg &svg, const std::vector<Point> &pixels, const std::vector<Point> &expected) {
  const double x_tol = 0.0006 * (svg.x_hi - svg.x_lo) / svg.width;
  const double y_tol = 0.0006 * (svg.y_hi - svg.y_lo) / svg.height;
  REQUIRE(pixels.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const Point got = svg.data(pixels[i]);
    INFO("point " << i << ": (" << got.x << ", " << got.y << ") vs (" << expected[i].x << ", " << expected[i].y << ")");
    CHECK(std::abs(got.x - expected[i].x) <= x_tol);
    CHECK(std::abs(got.y - expected[i].y) <= y_tol);
  }
}

// The mean of each point's value and the window - 1 before it, spelled out.
std::vector<Point> trailing_mean(const std::vector<Point> &points, size_t window) {
  std::vector<Point> means;
  for (size_t i = 0; i < points.size(); ++i) {
    const size_t from = i + 1 >= window ? i + 1 - window : 0;
    double sum = 0;
    for (size_t j = from; j <= i; ++j) sum += points[j].y;
    means.push_back({points[i].x, sum / static_cast<double>(i - from + 1)});
  }
  return means;
}

// A csv-only run: a noisy return every 250 steps, an evaluation every tenth row.
std::vector<Point> write_csv_run(const fs::path &dir, std::vector<Point> *eval) {
  fs::create_directories(dir);
  std::vector<Point> returns;
  std::string csv = "env_steps,episode_return_mean,eval/episode_return_mean\n";
  char line[128];
  for (int i = 1; i <= 40; ++i) {
    returns.push_back({250.0 * i, 5 * std::sin(i / 3.0) + 0.1 * i});
    std::snprintf(line, sizeof line, "%d,%.17g,", 250 * i, returns.back().y);
    csv += line;
    if (i % 10 == 0) {
      eval->push_back({250.0 * i, 0.05 * i});
      std::snprintf(line, sizeof line, "%.17g", eval->back().y);
      csv += line;
    }
    csv += '\n';
  }
  write_text(dir / "progress.csv", csv);
  return returns;
}

// A jsonl-only run, longer, with a non-finite value that cannot be drawn.
std::vector<Point> write_jsonl_run(const fs::path &dir) {
  fs::create_directories(dir);
  std::vector<Point> returns;
  std::string jsonl;
  char line[160];
  for (int i = 1; i <= 48; ++i) {
    const double value = 3 * std::cos(i / 5.0) - 2;
    if (i == 20) {
      jsonl += "{\"env_steps\": 5000, \"episode_return_mean\": null}\n";
      continue;
    }
    returns.push_back({250.0 * i, value});
    std::snprintf(line, sizeof line, "{\"env_steps\": %d, \"episode_return_mean\": %.17g, \"time/total_s\": 1}\n",
                  250 * i, value);
    jsonl += line;
  }
  write_text(dir / "result.jsonl", jsonl);
  return returns;
}

}  // namespace

TEST_CASE("plot: the SVG is well-formed XML and its curves are the runs' points", "[plot]") {
  ScratchFolder scratch("rlrec-test-plot");
  std::vector<Point> eval;
  const std::vector<Point> first = write_csv_run(scratch.path() / "first", &eval);
  const std::vector<Point> second = write_jsonl_run(scratch.path() / "second");
  const fs::path out = scratch.path() / "curves.svg";
  const Finished plot =
      run_program(rlrec({"plot", (scratch.path() / "first").string(), (scratch.path() / "second").string(), "--out",
                         out.string(), "--smooth", "5"}));
  INFO(plot.err);
  REQUIRE(plot.exit_code == 0);
  const Svg svg = parse_svg(out);

  check_same(svg, svg.curve("raw", utf8_hex("first")), first);
  check_same(svg, svg.curve("raw", utf8_hex("second")), second);  // the null left out
  check_same(svg, svg.curve("smoothed", utf8_hex("first")), trailing_mean(first, 5));
  check_same(svg, svg.curve("smoothed", utf8_hex("second")), trailing_mean(second, 5));
  CHECK(svg.legend == std::vector<std::string>{utf8_hex("first"), utf8_hex("second")});
  // 250 .. 12000 steps on nice ticks; every label an exact multiple of the step
  CHECK(svg.x_ticks == std::vector<std::string>{"0", "2k", "4k", "6k", "8k", "10k", "12k"});
  CHECK(svg.x_lo == 0);
  CHECK(svg.x_hi == 12000);
  CHECK(svg.y_lo <= -5);
  CHECK(svg.y_hi >= 7);

  const fs::path eval_out = scratch.path() / "eval.svg";
  REQUIRE(run_program(rlrec({"plot", (scratch.path() / "first").string(), "--metric", "eval/episode_return_mean",
                             "--out", eval_out.string()}))
              .exit_code == 0);
  const Svg eval_svg = parse_svg(eval_out);
  check_same(eval_svg, eval_svg.curve("raw", utf8_hex("first")), eval);  // the rows without one skipped
}

TEST_CASE("plot: PNG through gnuplot, or a message saying how to get it", "[plot]") {
  ScratchFolder scratch("rlrec-test-plot-png");
  std::vector<Point> eval;
  write_csv_run(scratch.path() / "run", &eval);
  const fs::path png = scratch.path() / "curve.png";
  const std::vector<std::string> args = rlrec({"plot", (scratch.path() / "run").string(), "--out", png.string()});

  const Finished without = run_program(args, {{"PATH", "/nonexistent"}});
  CHECK(without.exit_code == 1);
  CHECK_THAT(without.err, Catch::Contains("PNG output needs gnuplot") && Catch::Contains("--out FILE.svg"));
  CHECK_FALSE(fs::exists(png));

  if (run_program({"/bin/sh", "-c", "command -v gnuplot"}).exit_code != 0) {
    WARN("gnuplot is not installed: the PNG itself is not checked");
    return;
  }
  const Finished with = run_program(args);
  INFO(with.err);
  REQUIRE(with.exit_code == 0);
  CHECK(slurp(png).substr(0, 8) == "\x89PNG\r\n\x1a\n");
}

TEST_CASE("plot: usage errors name what is wrong", "[plot]") {
  ScratchFolder scratch("rlrec-test-plot-errors");
  std::vector<Point> eval;
  write_csv_run(scratch.path() / "run", &eval);
  const std::string run = (scratch.path() / "run").string();

  const Finished typo = run_program(rlrec({"plot", run, "--metric", "episode_retrun_mean"}));
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.err, Catch::Contains("did you mean 'episode_return_mean'"));
  CHECK(run_program(rlrec({"plot", run, "--out", "x.pdf"})).exit_code == 2);
  const Finished empty = run_program(rlrec({"plot", scratch.path().string()}));
  CHECK(empty.exit_code == 1);
  CHECK_THAT(empty.err, Catch::Contains("neither progress.csv nor result.jsonl"));

  const Finished by_default = run_program(rlrec({"plot", run}));  // one run: into its folder
  CHECK(by_default.exit_code == 0);
  CHECK(fs::exists(scratch.path() / "run" / "episode_return_mean.svg"));
}

TEST_CASE("nice axes: 1, 2 or 5 times a power of ten, covering the data", "[plot]") {
  using runs::nice_axis;
  using runs::tick_labels;
  const runs::NiceAxis unit = nice_axis(0.13, 0.87);
  CHECK(unit.step == Approx(0.2));
  CHECK(tick_labels(unit) == std::vector<std::string>{"0", "0.2", "0.4", "0.6", "0.8", "1.0"});
  const runs::NiceAxis signs = nice_axis(-3.7, 12.2);
  CHECK(tick_labels(signs) == std::vector<std::string>{"-5", "0", "5", "10", "15"});
  CHECK(tick_labels(nice_axis(0, 2e6)) == std::vector<std::string>{"0", "0.5M", "1.0M", "1.5M", "2.0M"});
  CHECK(tick_labels(nice_axis(0, 5000)) == std::vector<std::string>{"0", "1000", "2000", "3000", "4000", "5000"});
  const runs::NiceAxis flat = nice_axis(5, 5);  // a constant metric still gets a range around it
  CHECK(flat.lo < 5);
  CHECK(flat.hi > 5);
  for (const double value : {-1e-7, 3e-5, 0.42, 17.0, 9.9e8}) {
    const runs::NiceAxis axis = nice_axis(value, value * 3 + 1);
    INFO(value);
    CHECK(axis.lo <= std::min(value, value * 3 + 1));
    CHECK(axis.hi >= std::max(value, value * 3 + 1));
    const double mantissa = axis.step / std::pow(10, std::floor(std::log10(axis.step)));
    CHECK((std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 5) < 1e-9));
  }
}

}  // namespace rlrec::metrics_test
