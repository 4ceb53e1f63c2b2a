// gnuplot_png.hpp — a Chart as a PNG, drawn by gnuplot when it is installed: PNG needs a font
// rasteriser and an image encoder, which are gnuplot's job, not ours. Same look as the SVG:
// faint raw lines, smoothed lines over them in the same colours, the legend below.
#pragma once

#include <filesystem>

#include "chart.hpp"

namespace rlrec::runs {

// Writes `out`. Throws std::runtime_error saying how to install gnuplot (or to write SVG instead)
// when no `gnuplot` is on PATH, and when gnuplot fails.
void render_png_with_gnuplot(const Chart &chart, const std::filesystem::path &out);

}  // namespace rlrec::runs
