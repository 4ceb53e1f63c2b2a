#include "simplex.hpp"

#include <cmath>
#include <stdexcept>

namespace rlrec_slateq {
namespace {

constexpr double kTolerance = 1e-9;

// The tableau: m constraint rows and the objective row, over n original and m artificial
// columns plus the right-hand side. The objective row holds the negated reduced costs, so a
// negative entry marks a column whose entry improves the objective.
class Tableau {
 public:
  Tableau(const std::vector<double> &a, const std::vector<double> &b, size_t m, size_t n)
      : m_(m), n_(n), width_(n + m + 1), cells_((m + 1) * (n + m + 1), 0.0), basis_(m) {
    for (size_t i = 0; i < m; ++i) {
      for (size_t j = 0; j < n; ++j) at(i, j) = a[i * n + j];
      at(i, n + i) = 1.0;  // artificial variable of row i
      at(i, width_ - 1) = b[i];
      basis_[i] = n + i;
    }
  }

  double &at(size_t row, size_t col) { return cells_[row * width_ + col]; }
  double rhs(size_t row) { return at(row, width_ - 1); }
  double objective() { return at(m_, width_ - 1); }
  size_t basic(size_t row) const { return basis_[row]; }

  // Sets the objective row for maximising cost.z (cost over all n + m columns).
  void set_objective(const std::vector<double> &cost) {
    for (size_t j = 0; j + 1 < width_; ++j) at(m_, j) = -cost[j];
    at(m_, width_ - 1) = 0.0;
    for (size_t i = 0; i < m_; ++i) {
      const double factor = at(m_, basis_[i]);
      if (factor != 0.0)
        for (size_t j = 0; j < width_; ++j) at(m_, j) -= factor * at(i, j);
    }
  }

  void pivot(size_t row, size_t col) {
    const double p = at(row, col);
    for (size_t j = 0; j < width_; ++j) at(row, j) /= p;
    for (size_t i = 0; i <= m_; ++i) {
      if (i == row) continue;
      const double factor = at(i, col);
      if (factor == 0.0) continue;
      for (size_t j = 0; j < width_; ++j) at(i, j) -= factor * at(row, j);
    }
    basis_[row] = col;
  }

  // Runs simplex iterations over columns [0, columns); false if the objective is unbounded.
  bool optimise(size_t columns) {
    const size_t limit = 100 * (m_ + width_) + 1000;
    for (size_t iteration = 0; iteration < limit; ++iteration) {
      size_t enter = columns;
      for (size_t j = 0; j < columns; ++j)
        if (at(m_, j) < -kTolerance) {
          enter = j;
          break;
        }
      if (enter == columns) return true;
      size_t leave = m_;
      double best_ratio = 0.0;
      for (size_t i = 0; i < m_; ++i) {
        const double coefficient = at(i, enter);
        if (coefficient <= kTolerance) continue;
        const double ratio = rhs(i) / coefficient;
        if (leave == m_ || ratio < best_ratio - kTolerance ||
            (std::abs(ratio - best_ratio) <= kTolerance && basis_[i] < basis_[leave])) {
          leave = i;
          best_ratio = ratio;
        }
      }
      if (leave == m_) return false;
      pivot(leave, enter);
    }
    throw std::runtime_error("simplex: no convergence within the iteration limit");
  }

  // After phase 1: replaces artificial variables left in the basis (at value 0) by original
  // ones where the row allows it. A row with no original entry is redundant; its artificial
  // stays basic at 0 and never re-enters (phase 2 excludes artificial columns).
  void drive_out_artificials() {
    for (size_t i = 0; i < m_; ++i) {
      if (basis_[i] < n_) continue;
      for (size_t j = 0; j < n_; ++j)
        if (std::abs(at(i, j)) > kTolerance) {
          pivot(i, j);
          break;
        }
    }
  }

 private:
  size_t m_, n_, width_;
  std::vector<double> cells_;
  std::vector<size_t> basis_;
};

}  // namespace

LpResult solve_lp(const std::vector<double> &c, const std::vector<double> &a, const std::vector<double> &b) {
  const size_t n = c.size();
  const size_t m = b.size();
  if (a.size() != m * n) throw std::invalid_argument("solve_lp: A must be [m, n]");
  for (double value : b)
    if (value < 0.0) throw std::invalid_argument("solve_lp: b must be >= 0");
  Tableau tableau(a, b, m, n);

  // Phase 1: maximise -(sum of artificials); zero iff the constraints are feasible.
  std::vector<double> cost(n + m, 0.0);
  for (size_t i = 0; i < m; ++i) cost[n + i] = -1.0;
  tableau.set_objective(cost);
  tableau.optimise(n + m);
  LpResult result;
  if (tableau.objective() < -1e-7) return result;  // kInfeasible
  tableau.drive_out_artificials();

  // Phase 2: the real objective, artificial columns barred from entering.
  std::fill(cost.begin(), cost.end(), 0.0);
  std::copy(c.begin(), c.end(), cost.begin());
  tableau.set_objective(cost);
  if (!tableau.optimise(n)) {
    result.status = LpResult::kUnbounded;
    return result;
  }
  result.status = LpResult::kOptimal;
  result.objective = tableau.objective();
  result.z.assign(n, 0.0);
  for (size_t i = 0; i < m; ++i)
    if (tableau.basic(i) < n) result.z[tableau.basic(i)] = tableau.rhs(i);
  return result;
}

}  // namespace rlrec_slateq
