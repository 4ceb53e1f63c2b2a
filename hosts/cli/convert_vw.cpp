// convert_vw.cpp — Vowpal Wabbit's --cb_explore_adf text format as a source and a sink of
// `rlrec data convert` (docs/dataset.md "Converting"). One example per logged round, examples
// separated by a blank line:
//
//   shared |User age:0.3 city_paris
//   |Action price:0.5 sport
//   0:-1:0.25 |Action price:0.2 news        <- the action shown: label action:cost:probability
//   |Action price:0.9
//
// A feature is `name` (value 1) or `name:value`, named `ns^name` inside namespace `ns` (VW's own
// spelling in its audit output), scaled by a namespace's `ns:scale`. Features absent from a line
// are 0, as in VW. The columns of `user` (shared features) and `candidates` (action features) are
// the names in the order the file first uses them, which takes a first pass over the file; the
// second pass converts. In ADF the action number of a label is ignored (the labelled line is the
// action), as VW does.
#include <string>
#include <unordered_map>
#include <vector>

#include "convert.hpp"
#include "convert_obs.hpp"
#include "convert_text.hpp"

namespace rlrec::cli {
namespace {

constexpr std::string_view kShared = "shared";
constexpr const char *kUserNamespace = "User";
constexpr const char *kActionNamespace = "Action";

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// The next whitespace-separated token of `text` (consumed), empty at the end.
std::string_view next_token(std::string_view &text) {
  text = trim(text);
  std::size_t end = 0;
  while (end < text.size() && !is_space(text[end])) ++end;
  const std::string_view token = text.substr(0, end);
  text.remove_prefix(end);
  return token;
}

struct Feature {
  std::string name;
  double value = 0.0;
};

// One line of an example.
struct VwLine {
  bool shared = false;
  bool labelled = false;
  double cost = 0.0;
  float probability = 1.0f;
  std::vector<Feature> features;
};

// `label` ("action:cost:probability") into `line`.
void parse_label(std::string_view label, const std::string &where, VwLine &line) {
  std::vector<std::string_view> parts;
  split(label, ':', parts);
  if (parts.size() != 3) {
    fail_at(where, "label '" + std::string(label) +
                       "' is not action:cost:probability (or 'shared'; an unlabelled action has none)");
  }
  const double action = parse_number(parts[0], where, "the label's action");
  if (action < 0 || action != static_cast<double>(static_cast<int64_t>(action)))
    fail_at(where, "the label's action must be an integer >= 0, got '" + std::string(parts[0]) + "'");
  line.labelled = true;
  line.cost = parse_number(parts[1], where, "the label's cost");
  line.probability =
      checked_probability(parse_number(parts[2], where, "the label's probability"), where, "the label's probability");
}

// The features of one namespace segment (the text after a '|') into `out`.
void parse_segment(std::string_view segment, const std::string &where, std::vector<Feature> &out) {
  std::string ns;
  double scale = 1.0;
  if (!segment.empty() && !is_space(segment.front())) {  // "|ns[:scale] ..." names a namespace
    const std::string_view token = next_token(segment);
    const std::size_t colon = token.find(':');
    ns = token.substr(0, colon);
    if (colon != std::string_view::npos)
      scale = parse_number(token.substr(colon + 1), where, "namespace " + ns + "'s scale");
  }
  for (std::string_view token = next_token(segment); !token.empty(); token = next_token(segment)) {
    const std::size_t colon = token.find(':');
    const std::string_view name = token.substr(0, colon);
    if (name.empty()) fail_at(where, "feature '" + std::string(token) + "' has no name");
    double value = 1.0;
    if (colon != std::string_view::npos && !try_parse_number(token.substr(colon + 1), value))
      fail_at(where, "feature " + std::string(name) + "'s value is not a number: '" +
                         std::string(token.substr(colon + 1)) + "'");
    out.push_back({ns.empty() ? std::string(name) : ns + "^" + std::string(name), value * scale});
  }
}

void parse_line(std::string_view text, const std::string &where, VwLine &line) {
  line = VwLine{.features = std::move(line.features)};
  line.features.clear();
  const std::size_t bar = text.find('|');
  if (bar == std::string_view::npos) fail_at(where, "no '|' (not a VW text example line)");
  std::string_view head = text.substr(0, bar);
  const std::string_view first = next_token(head);
  if (!next_token(head).empty()) {
    fail_at(where, "more than one word before '|' (importance weights and tags are not read): '" +
                       std::string(trim(text.substr(0, bar))) + "'");
  }
  if (first == kShared)
    line.shared = true;
  else if (!first.empty())
    parse_label(first, where, line);
  std::vector<std::string_view> segments;
  split(text.substr(bar + 1), '|', segments);
  for (std::string_view segment : segments) parse_segment(segment, where, line.features);
}

// One example: its optional shared line, its action lines, where it starts.
struct Example {
  std::string where;
  bool has_shared = false;
  VwLine shared;
  std::vector<VwLine> actions;  // the first `num_actions` are this example's (the rest reused storage)
  std::size_t num_actions = 0;
  std::size_t chosen = 0;
};

// Reads the next example of `lines` into `example`, checking its structure; false at the end.
bool read_example(TextLines &lines, Example &example) {
  std::string_view text;
  do {
    if (!lines.next(text)) return false;
  } while (trim(text).empty());
  example.where = lines.where();
  example.has_shared = false;
  example.num_actions = 0;
  bool labelled = false;
  do {
    const std::string where = lines.where();
    if (example.actions.size() == example.num_actions) example.actions.emplace_back();
    VwLine &line = example.actions[example.num_actions];
    parse_line(text, where, line);
    if (line.shared) {
      if (example.has_shared || example.num_actions > 0)
        fail_at(where, "a 'shared' line must be the first line of its example (one per example)");
      example.has_shared = true;
      std::swap(example.shared, line);
      continue;
    }
    if (line.labelled) {
      if (labelled) fail_at(where, "a second labelled action in one example: --cb_explore_adf logs one action");
      labelled = true;
      example.chosen = example.num_actions;
    }
    ++example.num_actions;
  } while (lines.next(text) && !trim(text).empty());
  if (example.num_actions == 0) fail_at(example.where, "an example with no action lines");
  if (!labelled) {
    fail_at(example.where,
            "an example without a labelled action (action:cost:probability): a test example logs no decision");
  }
  return true;
}

// Feature names to columns, in the order they are first seen.
class FeatureColumns {
 public:
  void add(const std::vector<Feature> &features) {
    for (const Feature &f : features) index_.try_emplace(f.name, index_.size());
  }
  std::size_t size() const { return index_.size(); }
  // Adds `features` into `row` (of size()), every name known.
  void fill(const std::vector<Feature> &features, double *row) const {
    for (const Feature &f : features) row[index_.at(f.name)] += f.value;
  }

 private:
  std::unordered_map<std::string, std::size_t> index_;
};

class VwSource final : public DecisionSource {
 public:
  VwSource(const std::filesystem::path &in, const ConvertOptions &options)
      : negate_cost_(options.reward_is_negated_cost), add_response_(options.add_response) {
    // First pass: every example's structure, the feature names, and one number of actions.
    TextLines lines(in);
    std::size_t first_actions = 0;
    for (uint64_t examples = 1; read_example(lines, example_); ++examples) {
      options.poll_at(examples);
      if (example_.has_shared) user_columns_.add(example_.shared.features);
      for (std::size_t a = 0; a < example_.num_actions; ++a) action_columns_.add(example_.actions[a].features);
      if (first_actions == 0) first_actions = example_.num_actions;
      if (example_.num_actions != first_actions) {
        fail_at(example_.where, "an example with " + std::to_string(example_.num_actions) + " actions; the first had " +
                                    std::to_string(first_actions) + " (a dataset's candidates have one shape)");
      }
    }
    lines_ = std::make_unique<TextLines>(in);
  }

  bool next(rlrec_data::Decision &out) override {
    if (!read_example(*lines_, example_)) return false;
    user_.assign(user_columns_.size(), 0.0);
    if (example_.has_shared) user_columns_.fill(example_.shared.features, user_.data());
    const std::size_t da = action_columns_.size();
    candidates_.assign(example_.num_actions * da, 0.0);
    for (std::size_t a = 0; a < example_.num_actions; ++a)
      action_columns_.fill(example_.actions[a].features, candidates_.data() + a * da);
    const VwLine &chosen = example_.actions[example_.chosen];
    const double reward = negate_cost_ ? -chosen.cost : chosen.cost;
    fill_imported(out,
                  ImportedRound{.index = index_++,
                                .user = user_,
                                .num_candidates = static_cast<int64_t>(example_.num_actions),
                                .candidates = candidates_,
                                .chosen = static_cast<int32_t>(example_.chosen),
                                .probability = chosen.probability,
                                .reward = static_cast<float>(reward) + 0.0f},  // + 0: no "-0" for a cost of 0
                  add_response_);
    return true;
  }

  std::string where() const override { return example_.where; }

 private:
  bool negate_cost_;
  bool add_response_;
  FeatureColumns user_columns_;
  FeatureColumns action_columns_;
  std::unique_ptr<TextLines> lines_;
  Example example_;
  uint64_t index_ = 0;
  std::vector<double> user_;
  std::vector<double> candidates_;
};

class VwSink final : public DecisionSink {
 public:
  VwSink(const std::filesystem::path &out, const ConvertOptions &options)
      : file_(out), negate_cost_(options.reward_is_negated_cost) {}

  void write(const rlrec_data::Decision &d, const std::string &where) override {
    obs_.take(d, where);
    if (d.slate.size() != 1) {
      fail_at(where, "a slate of " + std::to_string(d.slate.size()) +
                         ": VW's --cb_explore_adf logs one action per example (export slates to obp)");
    }
    std::string &out = file_.buffer();
    if (!obs_.user().empty()) {
      out += "shared";
      append_namespace(out, kUserNamespace, 'u', obs_.user(), where);
    }
    for (int64_t i = 0; i < obs_.num_candidates(); ++i) {
      if (i == d.slate[0]) {
        out += "0:";  // the action number of an ADF label is ignored; VW's tutorials write 0
        append_number(out, negate_cost_ ? -d.reward + 0.0f : d.reward, where);
        out += ':';
        append_number(out, d.slate_prob, where);
      }
      append_namespace(out, kActionNamespace, 'c', obs_.candidate(i), where);
    }
    out += '\n';
    file_.hand_over_if_large();
  }

  void finish() override { file_.close(); }
  std::vector<std::string> warnings() const override { return obs_.warnings(); }

 private:
  // " |NS p0:v p1:v ...\n" after a label or "shared", "|NS ..." at the start of a line. Every
  // value is written, zeros too, so a re-import finds the columns in their order.
  static void append_namespace(std::string &out, const char *ns, char prefix, std::span<const double> values,
                               const std::string &where) {
    if (!out.empty() && out.back() != '\n') out += ' ';
    out += '|';
    out += ns;
    for (std::size_t k = 0; k < values.size(); ++k) {
      out += ' ';
      out += prefix;
      out += std::to_string(k);
      out += ':';
      append_number(out, values[k], where);
    }
    out += '\n';
  }

  TextFile file_;
  bool negate_cost_;
  ExportedObs obs_{"vw"};
};

}  // namespace

std::unique_ptr<DecisionSource> open_vw_source(const std::filesystem::path &in, const ConvertOptions &options) {
  return std::make_unique<VwSource>(in, options);
}

std::unique_ptr<DecisionSink> open_vw_sink(const std::filesystem::path &out, const ConvertOptions &options) {
  return std::make_unique<VwSink>(out, options);
}

}  // namespace rlrec::cli
