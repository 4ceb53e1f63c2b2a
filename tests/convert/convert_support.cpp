#include "convert_support.hpp"

#include <catch2/catch.hpp>
#include <rlrec_data/format.hpp>

namespace rlrec::convert_test {

std::filesystem::path fixture(const std::string &name) {
  return std::filesystem::path(RLREC_TEST_FIXTURES) / name;
}

int convert(const std::string &from, const std::string &to, const std::filesystem::path &in,
            const std::filesystem::path &out, const std::string &extra, std::string *err) {
  return test::run_cli(
      "data convert --from " + from + " --to " + to + " " + in.string() + " " + out.string() + " " + extra, nullptr,
      err);
}

void write_dataset(const std::filesystem::path &file, const std::vector<rlrec_data::Decision> &decisions) {
  std::string text;
  for (const rlrec_data::Decision &d : decisions) rlrec_data::append_decision_line(text, d);
  write_text(file, text);
}

rlrec_data::Decision decision(uint64_t episode, std::vector<double> user, int64_t n, std::vector<double> candidates,
                              int32_t chosen, float probability, float reward) {
  rlrec_data::Decision d;
  d.episode_id = episode;
  const auto du = static_cast<int64_t>(user.size());
  const int64_t dd = static_cast<int64_t>(candidates.size()) / n;
  d.obs.push_back({"user", {du}, std::move(user), RLREC_DTYPE_F64});
  d.obs.push_back({"candidates", {n, dd}, std::move(candidates), RLREC_DTYPE_F64});
  d.slate = {chosen};
  d.slate_prob = probability;
  d.reward = reward;
  d.terminated = true;
  return d;
}

const std::vector<double> &field(const rlrec_data::Decision &d, const std::string &name) {
  for (const rlrec_data::NamedArray &a : d.obs)
    if (a.name == name) return a.values;
  FAIL("no obs field " << name);
  throw std::logic_error("unreachable");
}

void check_kept(const rlrec_data::Decision &before, const rlrec_data::Decision &after) {
  CHECK(after.slate == before.slate);
  CHECK(after.slate_prob == before.slate_prob);
  CHECK(after.reward == before.reward);
  CHECK(field(after, "user") == field(before, "user"));
  CHECK(field(after, "candidates") == field(before, "candidates"));
}

}  // namespace rlrec::convert_test
