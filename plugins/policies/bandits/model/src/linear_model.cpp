#include "rlrec_bandit/linear_model.hpp"

#include <string>

#include "cholesky_model.hpp"
#include "sherman_morrison_model.hpp"

namespace rlrec_bandit {

void LinearModel::update(const double *x, double y, double w) {
  if (!(w > 0.0)) return;
  add(Eigen::Map<const Eigen::VectorXd>(x, static_cast<Eigen::Index>(dim_)), y, w);
  ++updates_;
}

void LinearModel::save(ByteWriter &out) const {
  out.u32(static_cast<uint32_t>(solver()));
  out.u64(dim_);
  out.f64(lambda_);
  out.u64(updates_);
  save_state(out);
}

void LinearModel::load(ByteReader &in) {
  const uint32_t saved_solver = in.u32();
  const uint64_t saved_dim = in.u64();
  const double saved_lambda = in.f64();
  if (saved_solver != static_cast<uint32_t>(solver()) || saved_dim != dim_ || saved_lambda != lambda_)
    throw StateError("the state's model (solver " + std::to_string(saved_solver) + ", dim " +
                     std::to_string(saved_dim) + ", lambda " + std::to_string(saved_lambda) +
                     ") differs from this policy's (solver " + std::to_string(static_cast<uint32_t>(solver())) +
                     ", dim " + std::to_string(dim_) + ", lambda " + std::to_string(lambda_) + ")");
  const uint64_t saved_updates = in.u64();
  load_state(in);
  updates_ = saved_updates;
}

std::unique_ptr<LinearModel> make_linear_model(Solver solver, std::size_t dim, double lambda) {
  if (solver == Solver::kCholesky) return std::make_unique<CholeskyModel>(dim, lambda);
  return std::make_unique<ShermanMorrisonModel>(dim, lambda);
}

}  // namespace rlrec_bandit
