// compare_table.hpp — `rlrec compare`: the final metrics of several runs side by side, one row per
// metric, one column per run. "Final" is the last value each run reported of that metric: the last
// evaluation for eval/ metrics, the last report for the others.
#pragma once

#include <string>
#include <vector>

#include "run_metrics.hpp"

namespace rlrec::runs {

enum class TableFormat { kText, kMarkdown, kCsv };

// The table: a first row `env_steps` (how far each run got), then every metric any run reported,
// in the order first seen with the wall-clock time/ metrics last. A run that never reported a
// metric shows "-". Text aligns the columns for a terminal; markdown and csv are for pasting.
std::string compare_table(const std::vector<RunMetrics> &runs, const std::vector<std::string> &labels,
                          TableFormat format);

}  // namespace rlrec::runs
