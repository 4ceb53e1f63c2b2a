// simplex.hpp — a small dense linear-programming solver: the two-phase simplex method on a
// tableau with Bland's rule (smallest index enters and leaves), which cannot cycle on degenerate
// problems. The slate LP is highly degenerate (most right-hand sides are 0), so the anti-cycling
// rule is not optional. Sized for slate problems (tens to a few hundred variables), not for
// general large LPs.
#pragma once

#include <cstddef>
#include <vector>

namespace rlrec_slateq {

struct LpResult {
  enum Status { kOptimal, kInfeasible, kUnbounded } status = kInfeasible;
  double objective = 0.0;
  std::vector<double> z;  // [n] an optimal basic solution
};

// maximise c.z  subject to  A z = b,  z >= 0,  with b >= 0.
// c: [n]; a: [m, n] row-major; b: [m].
LpResult solve_lp(const std::vector<double> &c, const std::vector<double> &a, const std::vector<double> &b);

}  // namespace rlrec_slateq
