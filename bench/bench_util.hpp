// bench_util.hpp — timing helpers for the benchmarks: best-of-N wall time of a body, so one noisy
// repetition on a shared machine does not decide the figure.
#pragma once

#include <chrono>
#include <cstdio>
#include <functional>

namespace rlrec::bench {

// Runs body() `repetitions` times; returns the fastest run's seconds.
double best_seconds(int repetitions, const std::function<void()> &body);

// Prints one result line: name, items per second, nanoseconds per item.
void report(const char *name, double items, double seconds);

}  // namespace rlrec::bench
