#include "rlrec_ope/logged_data.hpp"

#include <stdexcept>
#include <string>

namespace rlrec::ope {
namespace {

void check_column(const char *name, size_t size, size_t expected, bool optional) {
  if (size == expected || (optional && size == 0)) return;
  throw std::invalid_argument(std::string("logged data: column '") + name + "' has " + std::to_string(size) +
                              " values, expected " + std::to_string(expected));
}

void check_pair(const char *a, size_t a_size, const char *b, size_t b_size, size_t expected) {
  check_column(a, a_size, expected, true);
  check_column(b, b_size, expected, true);
  if ((a_size == 0) != (b_size == 0))
    throw std::invalid_argument(std::string("logged data: '") + a + "' and '" + b +
                                "' must both be filled or both empty");
}

}  // namespace

void LoggedData::check_shapes() const {
  const size_t n = size();
  check_column("episode", episode.size(), n, false);
  check_column("t", t.size(), n, false);
  check_pair("behavior_prob", behavior_prob.size(), "target_prob", target_prob.size(), n);
  check_pair("behavior_slot_prob", behavior_slot_prob.size(), "target_slot_prob", target_slot_prob.size(),
             n * slate_size);
  if (slate_size == 0 && !behavior_slot_prob.empty())
    throw std::invalid_argument("logged data: per-slot propensities given with slate_size 0");
  check_pair("q_logged", q_logged.size(), "q_target", q_target.size(), n);
}

void LoggedData::append(const LoggedData &other) {
  auto add = [](auto &to, const auto &from) { to.insert(to.end(), from.begin(), from.end()); };
  add(episode, other.episode);
  add(t, other.t);
  add(reward, other.reward);
  add(behavior_prob, other.behavior_prob);
  add(target_prob, other.target_prob);
  add(behavior_slot_prob, other.behavior_slot_prob);
  add(target_slot_prob, other.target_slot_prob);
  add(q_logged, other.q_logged);
  add(q_target, other.q_target);
}

void LoggedData::clear() {
  for (auto *column : {&reward, &behavior_prob, &target_prob, &behavior_slot_prob, &target_slot_prob, &q_logged,
                       &q_target})
    column->clear();
  episode.clear();
  t.clear();
}

}  // namespace rlrec::ope
