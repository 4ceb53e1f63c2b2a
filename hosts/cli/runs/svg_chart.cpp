#include "svg_chart.hpp"

#include <rlrec_support/appendf.hpp>

#include <algorithm>
#include <iterator>

#include "nice_axis.hpp"

namespace rlrec::runs {
namespace {

using rlrec_support::appendf;

// Layout in pixels.
constexpr double kWidth = 800, kLeft = 80, kRight = 30, kTop = 40, kPlotHeight = 380;
constexpr double kLegendTop = kTop + kPlotHeight + 58, kLegendRow = 18;
constexpr double kPlotWidth = kWidth - kLeft - kRight;

// Text for an attribute or element. XML 1.0 cannot hold control characters even escaped: they
// become spaces.
std::string escaped(const std::string &text) {
  std::string out;
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

struct Mapping {
  NiceAxis x, y;
  double px(double value) const { return kLeft + (value - x.lo) / (x.hi - x.lo) * kPlotWidth; }
  double py(double value) const { return kTop + kPlotHeight - (value - y.lo) / (y.hi - y.lo) * kPlotHeight; }
};

Mapping mapping_of(const Chart &chart) {
  double x_min = 0, x_max = 0, y_min = 0, y_max = 0;
  bool first = true;
  for (const Curve &curve : chart.curves) {
    for (const Point &p : curve.raw) {
      x_min = first ? p.x : std::min(x_min, p.x);
      x_max = first ? p.x : std::max(x_max, p.x);
      y_min = first ? p.y : std::min(y_min, p.y);
      y_max = first ? p.y : std::max(y_max, p.y);
      first = false;
    }
  }
  return Mapping{nice_axis(x_min, x_max), nice_axis(y_min, y_max)};
}

void append_axes(std::string &out, const Chart &chart, const Mapping &m) {
  appendf(out, "<g class=\"grid\" stroke=\"#e0e0e0\" stroke-width=\"1\">\n");
  for (const double t : m.x.ticks)
    appendf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n", m.px(t), kTop, m.px(t),
            kTop + kPlotHeight);
  for (const double t : m.y.ticks)
    appendf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n", kLeft, m.py(t), kLeft + kPlotWidth,
            m.py(t));
  out += "</g>\n";
  appendf(out,
          "<rect class=\"frame\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" stroke=\"#333\" "
          "data-x-domain=\"%.17g %.17g\" data-y-domain=\"%.17g %.17g\"/>\n",
          kLeft, kTop, kPlotWidth, kPlotHeight, m.x.lo, m.x.hi, m.y.lo, m.y.hi);
  const std::vector<std::string> x_labels = tick_labels(m.x), y_labels = tick_labels(m.y);
  out += "<g class=\"ticks\" stroke=\"#333\" fill=\"#333\">\n";
  for (size_t i = 0; i < m.x.ticks.size(); ++i) {
    const double px = m.px(m.x.ticks[i]);
    appendf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>", px, kTop + kPlotHeight, px,
            kTop + kPlotHeight + 5);
    appendf(out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\" stroke=\"none\">%s</text>\n", px,
            kTop + kPlotHeight + 19, escaped(x_labels[i]).c_str());
  }
  for (size_t i = 0; i < m.y.ticks.size(); ++i) {
    const double py = m.py(m.y.ticks[i]);
    appendf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>", kLeft - 5, py, kLeft, py);
    appendf(out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\" stroke=\"none\">%s</text>\n", kLeft - 8, py + 4,
            escaped(y_labels[i]).c_str());
  }
  out += "</g>\n";
  appendf(out, "<text class=\"x-title\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">%s</text>\n",
          kLeft + kPlotWidth / 2, kTop + kPlotHeight + 40, escaped(chart.x_label).c_str());
  appendf(out,
          "<text class=\"y-title\" transform=\"translate(18 %.2f) rotate(-90)\" text-anchor=\"middle\">%s</text>\n",
          kTop + kPlotHeight / 2, escaped(chart.y_label).c_str());
}

void append_points(std::string &out, const std::vector<Point> &points, const Mapping &m) {
  for (size_t i = 0; i < points.size(); ++i)
    appendf(out, "%s%.3f,%.3f", i ? " " : "", m.px(points[i].x), m.py(points[i].y));
}

void append_curve(std::string &out, const Curve &curve, const char *colour, const Mapping &m) {
  const std::string run = escaped(curve.label);
  // With a smoothed line the raw one is faint: the noise stays visible without hiding the trend.
  const double raw_opacity = curve.smoothed.empty() ? 1.0 : 0.3;
  appendf(out,
          "<polyline class=\"raw\" data-run=\"%s\" fill=\"none\" stroke=\"%s\" stroke-opacity=\"%.1f\" "
          "stroke-width=\"1.2\" points=\"",
          run.c_str(), colour, raw_opacity);
  append_points(out, curve.raw, m);
  out += "\"/>\n";
  if (curve.raw.size() <= kMarkersUpTo) {
    appendf(out, "<g class=\"markers\" data-run=\"%s\" fill=\"%s\">", run.c_str(), colour);
    for (const Point &p : curve.raw) appendf(out, "<circle cx=\"%.3f\" cy=\"%.3f\" r=\"2.5\"/>", m.px(p.x), m.py(p.y));
    out += "</g>\n";
  }
  if (curve.smoothed.empty()) return;
  appendf(out, "<polyline class=\"smoothed\" data-run=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"",
          run.c_str(), colour);
  append_points(out, curve.smoothed, m);
  out += "\"/>\n";
}

void append_legend(std::string &out, const Chart &chart) {
  out += "<g class=\"legend\">\n";
  for (size_t i = 0; i < chart.curves.size(); ++i) {
    const double y = kLegendTop + kLegendRow * static_cast<double>(i);
    appendf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"3\"/>", kLeft,
            y - 4, kLeft + 24, y - 4, curve_colour(i));
    appendf(out, "<text x=\"%.2f\" y=\"%.2f\">%s</text>\n", kLeft + 32, y, escaped(chart.curves[i].label).c_str());
  }
  out += "</g>\n";
}

}  // namespace

const char *curve_colour(size_t index) {
  static const char *const kColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  return kColours[index % std::size(kColours)];
}

std::string render_svg(const Chart &chart) {
  const Mapping m = mapping_of(chart);
  const double height = kLegendTop + kLegendRow * static_cast<double>(chart.curves.size());
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  appendf(out,
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
          "font-family=\"sans-serif\" font-size=\"12\">\n",
          kWidth, height, kWidth, height);
  appendf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
  appendf(out, "<text class=\"title\" x=\"%.2f\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">%s</text>\n",
          kWidth / 2, escaped(chart.title).c_str());
  append_axes(out, chart, m);
  for (size_t i = 0; i < chart.curves.size(); ++i) append_curve(out, chart.curves[i], curve_colour(i), m);
  append_legend(out, chart);
  out += "</svg>\n";
  return out;
}

}  // namespace rlrec::runs
