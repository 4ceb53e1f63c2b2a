// svg_chart.hpp — a Chart as a standalone SVG document, drawn by our own code (no plotting
// library): a frame with nice-number ticks and grid lines, axis titles, each run's raw points as
// a faint line with its smoothed line over it in the same colour, and a legend below the frame.
//
// The frame element carries the data-to-pixel mapping, so a reader can take values back out:
//   <rect class="frame" x= y= width= height= data-x-domain="lo hi" data-y-domain="lo hi"/>
//   pixel_x = x + (value_x - x_lo) / (x_hi - x_lo) * width
//   pixel_y = y + height - (value_y - y_lo) / (y_hi - y_lo) * height
// Curves are <polyline class="raw|smoothed" data-run="LABEL" points="px,py ...">; a curve of at
// most 30 points also gets a <g class="markers"> with a dot on each raw point.
#pragma once

#include <string>

#include "chart.hpp"

namespace rlrec::runs {

std::string render_svg(const Chart &chart);

// Colours of curves 0, 1, ... (matplotlib's tab10, which colour-blind readers can tell apart best
// among the common palettes); reused from the start past ten runs.
const char *curve_colour(size_t index);

}  // namespace rlrec::runs
