// rlrec data convert --from obp|vw|rlrec --to rlrec|obp|vw IN OUT [options]
// Brings logged bandit feedback from Open Bandit Pipeline or Vowpal Wabbit into the dataset format,
// and back (convert.hpp; docs/dataset.md "Converting").
#include <cstdio>
#include <iostream>

#include "cli_common.hpp"
#include "convert.hpp"
#include "convert_output.hpp"
#include "errors.hpp"

namespace rlrec::cli {
namespace {

std::string choice(const po::variables_map &vm, const char *option, std::initializer_list<const char *> allowed) {
  if (!vm.count(option)) throw core::ConfigError(std::string("data convert needs --") + option);
  const std::string value = vm[option].as<std::string>();
  for (const char *a : allowed)
    if (value == a) return value;
  std::string list;
  for (const char *a : allowed) list += (list.empty() ? "" : "|") + std::string(a);
  throw core::ConfigError("--" + std::string(option) + " " + value + ": expected " + list);
}

ConvertOptions options_from(const po::variables_map &vm) {
  ConvertOptions options;
  options.add_response = vm.count("add-response") > 0;
  options.reward_is_negated_cost = choice(vm, "reward-from-cost", {"neg", "same"}) == "neg";
  if (vm.count("item-context")) options.item_context = vm["item-context"].as<std::string>();
  options.skip_bad = vm.count("skip-bad") > 0;
  options.zstd_shards = choice(vm, "compression", {"none", "zstd"}) == "zstd";
  options.shard_decisions = vm["shard-decisions"].as<uint64_t>();
  return options;
}

int convert(const po::variables_map &vm) {
  const std::string from = choice(vm, "from", {"rlrec", "obp", "vw"});
  const std::string to = choice(vm, "to", {"rlrec", "obp", "vw"});
  if (!vm.count("in") || !vm.count("out")) throw core::ConfigError("data convert needs IN and OUT");
  const std::filesystem::path in = vm["in"].as<std::string>();
  const std::filesystem::path out = vm["out"].as<std::string>();
  ConvertOptions options = options_from(vm);
  options.poll = [] {
    if (interrupt_pending()) throw core::Interrupted();
  };

  StagedOutput staged(out, vm.count("force") > 0);
  std::unique_ptr<DecisionSource> source = from == "obp"  ? open_obp_source(in, options)
                                           : from == "vw" ? open_vw_source(in, options)
                                                          : open_rlrec_source(in, options);
  std::unique_ptr<DecisionSink> sink = to == "obp"  ? open_obp_sink(staged.staging(), out.filename().string())
                                       : to == "vw" ? open_vw_sink(staged.staging(), options)
                                                    : open_rlrec_sink(staged.staging(), options);
  rlrec_data::Decision decision;
  uint64_t decisions = 0;
  while (source->next(decision)) {
    sink->write(decision, source->where());
    options.poll_at(++decisions);
  }
  sink->finish();
  staged.commit();

  for (const std::vector<std::string> &list : {source->warnings(), sink->warnings()})
    for (const std::string &w : list) std::cerr << "rlrec data: warning: " << w << "\n";
  if (vm.count("json")) {
    std::printf("{\"decisions\": %llu, \"from\": \"%s\", \"to\": \"%s\", \"out\": %s}\n",
                static_cast<unsigned long long>(decisions), from.c_str(), to.c_str(),
                json_string(out.string()).c_str());
  } else {
    std::printf("converted %llu decisions from %s (%s) to %s (%s)\n", static_cast<unsigned long long>(decisions),
                from.c_str(), in.c_str(), to.c_str(), out.c_str());
  }
  return kExitOk;
}

}  // namespace

Command data_command() {
  Command c{"data",
            "data convert --from obp|vw|rlrec --to rlrec|obp|vw IN OUT [--force] [options]",
            "Converts logged bandit feedback between formats (docs/dataset.md \"Converting\"): rlrec datasets,\n"
            "Open Bandit Pipeline's CSV layout (IN: a campaign folder or its data CSV; OUT: a campaign folder)\n"
            "and Vowpal Wabbit's --cb_explore_adf text. OUT is written under a temporary name and renamed when\n"
            "complete; an existing OUT is an error unless --force.",
            po::options_description("options"),
            {},
            [](const po::variables_map &vm) {
              const std::string action = vm["action"].as<std::string>();
              if (action == "convert") return convert(vm);
              throw core::ConfigError("unknown action '" + action + "': use 'data convert'");
            }};
  c.options.add_options()("help,h", "this help")("action", po::value<std::string>()->required(), "convert")(
      "in", po::value<std::string>(), "the input: a file, or a folder (rlrec shards, an OBP campaign)")(
      "out", po::value<std::string>(), "the output: a file, or a folder (rlrec shards, an OBP campaign)")(
      "from", po::value<std::string>(), "the input's format: rlrec, obp or vw")(
      "to", po::value<std::string>(), "the output's format: rlrec, obp or vw")(
      "force", "replace an existing OUT (a file, or a folder of files)")(
      "item-context", po::value<std::string>(), "obp input: item_context.csv (default: the one beside the data CSV)")(
      "reward-from-cost", po::value<std::string>()->default_value("neg"),
      "vw: neg (reward = -cost, VW minimises cost) or same (reward = cost); export applies the inverse")(
      "add-response", "obp/vw input: also write the `response` obs field and `responses` (fits bandit.linear)")(
      "skip-bad", "rlrec input: skip and count malformed lines instead of stopping")(
      "compression", po::value<std::string>()->default_value("none"), "rlrec output folder: none or zstd shards")(
      "shard-decisions", po::value<uint64_t>()->default_value(1000000),
      "rlrec output folder: decisions per shard (0: one)")("json", "print the result as one JSON object");
  c.positional.add("action", 1).add("in", 1).add("out", 1);
  return c;
}

}  // namespace rlrec::cli
