// convert_obp.cpp — Open Bandit Pipeline's CSV layout (its OpenBanditDataset, obp/dataset/real.py)
// as a source and a sink of `rlrec data convert` (docs/dataset.md "Converting"). A campaign folder
// holds
//   <campaign>.csv     ,timestamp,item_id,position,click,propensity_score,user_feature_0,...
//                      one row per round: the item shown at a position (1, 2, 3 from the left),
//                      its click, and the position-wise propensity of that item at that position
//   item_context.csv   ,item_id,item_feature_0,...  one row per item, ids 0 … n-1
// (the unnamed first columns are pandas' index, read back by OBP with index_col=0).
//
// OBP treats every row as an independent round with its position as context, and its
// propensity_score is position-wise: the joint probability of the three items shown together is
// not in the file. So a row imports as a decision of its own: slate [item_id] among every item's
// features, slate_prob = propensity_score, reward = click, info `position` (0-based). Exporting
// writes a decision as one row per slot (OBP's position-wise view).
#include <algorithm>
#include <array>
#include <cmath>

#include "convert.hpp"
#include "convert_csv.hpp"
#include "convert_obs.hpp"

namespace rlrec::cli {
namespace {

constexpr std::string_view kItemContextFile = "item_context.csv";
constexpr std::string_view kItemId = "item_id";
constexpr std::string_view kItemFeaturePrefix = "item_feature_";
constexpr std::string_view kUserFeaturePrefix = "user_feature_";
// The data file's columns other than user features, in the order OBP writes them.
enum RoundColumn { kTimestamp, kItem, kPosition, kClick, kPropensity, kRoundColumns };
constexpr std::array<std::string_view, kRoundColumns> kRoundColumnNames = {"timestamp", "item_id", "position", "click",
                                                                           "propensity_score"};
// The info channel that keeps a row's position, 0-based (OBP's own `position` after its rank).
constexpr const char *kPositionInfo = "position";

// A field that must be an integer in [low, high].
int64_t integer_field(std::string_view text, const std::string &where, const char *name, int64_t low, int64_t high) {
  const double value = parse_number(text, where, name);
  if (value != static_cast<double>(static_cast<int64_t>(value)) || value < static_cast<double>(low) ||
      value > static_cast<double>(high)) {
    fail_at(where, std::string(name) + " must be an integer in [" + std::to_string(low) + ", " + std::to_string(high) +
                       "], got '" + std::string(text) + "'");
  }
  return static_cast<int64_t>(value);
}

// Every item's features from item_context.csv: [n, dd] in item id order.
struct ItemContext {
  int64_t num_items = 0;
  std::vector<double> features;
};

ItemContext read_item_context(const std::filesystem::path &file) {
  TextLines lines(file);
  std::string_view text;
  if (!lines.next(text)) fail_at(file.string() + ":1", "empty file: no header");
  CsvLayout layout;
  std::vector<std::optional<std::size_t>> id_field(1);
  layout.read_header(
      text, lines.where(), [](std::string_view name) { return name == kItemId ? 0 : -1; }, id_field);
  if (!id_field[0]) fail_at(lines.where(), "no item_id column");
  // Small (one row per item): kept as text for the second pass over it.
  std::vector<std::pair<std::string, std::string>> rows;  // where, line
  std::vector<std::string_view> fields;
  while (lines.next(text)) {
    if (text.empty()) continue;
    split_csv(text, lines.where(), layout.num_fields, fields);
    layout.observe(fields, lines.where());
    rows.emplace_back(lines.where(), text);
  }
  layout.finish_observing();
  ItemContext items;
  items.num_items = static_cast<int64_t>(rows.size());
  items.features.assign(rows.size() * layout.width, 0.0);
  std::vector<bool> seen(rows.size(), false);
  for (const auto &[where, line] : rows) {
    split_csv(line, where, layout.num_fields, fields);
    const int64_t id = integer_field(fields[*id_field[0]], where, "item_id", 0, items.num_items - 1);
    if (seen[static_cast<std::size_t>(id)]) fail_at(where, "item_id " + std::to_string(id) + " appears twice");
    seen[static_cast<std::size_t>(id)] = true;
    layout.encode(fields, where, items.features.data() + static_cast<std::size_t>(id) * layout.width);
  }
  return items;
}

// The data CSV of a campaign folder: its one *.csv besides item_context.csv.
std::filesystem::path data_file_in(const std::filesystem::path &folder) {
  std::vector<std::filesystem::path> found;
  for (const auto &entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() == ".csv" && entry.path().filename() != kItemContextFile)
      found.push_back(entry.path());
  }
  if (found.size() != 1) {
    fail_at(folder.string(), "expected one data CSV besides item_context.csv, found " + std::to_string(found.size()) +
                                 " (name the data CSV itself as IN)");
  }
  return found[0];
}

class ObpSource final : public DecisionSource {
 public:
  ObpSource(const std::filesystem::path &in, const ConvertOptions &options) : add_response_(options.add_response) {
    const std::filesystem::path data = std::filesystem::is_directory(in) ? data_file_in(in) : in;
    items_ =
        read_item_context(options.item_context.empty() ? data.parent_path() / kItemContextFile : options.item_context);
    // First pass: the header, every row's checks, and the categories of text columns.
    lines_ = std::make_unique<TextLines>(data);
    std::string_view text;
    if (!lines_->next(text)) fail_at(lines_->where(), "empty file: no header");
    layout_.read_header(
        text, lines_->where(),
        [](std::string_view name) {
          const auto at = std::find(kRoundColumnNames.begin(), kRoundColumnNames.end(), name);
          return at == kRoundColumnNames.end() ? -1 : static_cast<int>(at - kRoundColumnNames.begin());
        },
        columns_);
    for (int c = kItem; c < kRoundColumns; ++c) {
      if (!columns_[static_cast<std::size_t>(c)])
        fail_at(lines_->where(), "no " + std::string(kRoundColumnNames[static_cast<std::size_t>(c)]) + " column");
    }
    Round round;
    for (uint64_t rows = 1; next_row(round); ++rows) {
      layout_.observe(fields_, lines_->where());
      options.poll_at(rows);
    }
    layout_.finish_observing();
    // The second pass converts.
    lines_ = std::make_unique<TextLines>(data);
    lines_->next(text);
    user_.resize(layout_.width);
  }

  bool next(rlrec_data::Decision &out) override {
    Round round;
    if (!next_row(round)) return false;
    layout_.encode(fields_, lines_->where(), user_.data());
    fill_imported(out,
                  ImportedRound{.index = index_++,
                                .user = user_,
                                .num_candidates = items_.num_items,
                                .candidates = items_.features,
                                .chosen = round.item,
                                .probability = round.propensity,
                                .reward = round.click},
                  add_response_);
    out.info.push_back({kPositionInfo, static_cast<double>(round.position - 1)});
    return true;
  }

  std::string where() const override { return lines_->where(); }

 private:
  struct Round {
    int32_t item = 0;
    int64_t position = 1;
    float click = 0.0f;
    float propensity = 1.0f;
  };

  // The next data row into fields_ and `round`, checked; false at the end.
  bool next_row(Round &round) {
    std::string_view text;
    do {
      if (!lines_->next(text)) return false;
    } while (text.empty());
    const std::string where = lines_->where();
    split_csv(text, where, layout_.num_fields, fields_);
    auto field = [&](RoundColumn c) { return fields_[*columns_[static_cast<std::size_t>(c)]]; };
    round.item = static_cast<int32_t>(integer_field(field(kItem), where, "item_id", 0, items_.num_items - 1));
    round.position = integer_field(field(kPosition), where, "position (1-based)", 1, 1 << 20);
    round.click = static_cast<float>(parse_number(field(kClick), where, "click"));
    round.propensity =
        checked_probability(parse_number(field(kPropensity), where, "propensity_score"), where, "propensity_score");
    return true;
  }

  bool add_response_;
  ItemContext items_;
  CsvLayout layout_;
  std::vector<std::optional<std::size_t>> columns_ = std::vector<std::optional<std::size_t>>(kRoundColumns);
  std::unique_ptr<TextLines> lines_;
  std::vector<std::string_view> fields_;
  std::vector<double> user_;
  uint64_t index_ = 0;
};

// The position-wise view of a decision's slot: what OBP's row for it holds.
struct SlotRow {
  int64_t position;  // 1-based
  float click;
  float propensity;
};

SlotRow slot_row(const rlrec_data::Decision &d, std::size_t slot, const std::string &where) {
  const std::size_t slate = d.slate.size();
  if (slate == 1) {
    // A round imported from OBP keeps its position; any other slate of 1 is shown at position 1.
    int64_t position = 1;
    for (const rlrec_data::NamedScalar &channel : d.info)
      if (channel.name == kPositionInfo) position = static_cast<int64_t>(channel.value) + 1;
    return {position, d.reward, d.slate_prob};
  }
  if (d.slot_propensity.size() != slate || std::isnan(d.slot_propensity[slot])) {
    fail_at(where, "a slate of " + std::to_string(slate) +
                       " without slot_propensity: OBP's propensity_score is the probability of each position's item");
  }
  if (!d.has_responses || d.responses.shape.size() != 2 || d.responses.shape[1] < 1) {
    fail_at(where, "a slate of " + std::to_string(slate) +
                       " without per-slot responses: OBP's click is per position (taken from responses[slot][0])");
  }
  const auto click = static_cast<float>(d.responses.values[slot * static_cast<std::size_t>(d.responses.shape[1])]);
  return {static_cast<int64_t>(slot) + 1, click, d.slot_propensity[slot]};
}

class ObpSink final : public DecisionSink {
 public:
  ObpSink(const std::filesystem::path &out, const std::string &final_name)
      : folder_(out), rounds_(created_folder(out) / (final_name + ".csv")) {}

  void write(const rlrec_data::Decision &d, const std::string &where) override {
    obs_.take(d, where);
    check_same_items(where);
    std::string &out = rounds_.buffer();
    if (decisions_ == 0)
      append_header(out, "timestamp,item_id,position,click,propensity_score", kUserFeaturePrefix, obs_.user().size());
    if (obs_.user().size() != user_dim_) fail_at(where, "obs field 'user' changed its size");
    for (std::size_t slot = 0; slot < d.slate.size(); ++slot) {
      const SlotRow row = slot_row(d, slot, where);
      out += std::to_string(rows_++);
      out += ',';
      out += std::to_string(decisions_);  // timestamp: OBP sorts rounds by it; the slots of a decision share it
      out += ',';
      out += std::to_string(d.slate[slot]);
      out += ',';
      out += std::to_string(row.position);
      out += ',';
      append_number(out, row.click, where);
      out += ',';
      append_number(out, row.propensity, where);
      for (double value : obs_.user()) {
        out += ',';
        append_number(out, value, where);
      }
      out += '\n';
    }
    ++decisions_;
    rounds_.hand_over_if_large();
  }

  void finish() override {
    if (decisions_ == 0)
      append_header(rounds_.buffer(), "timestamp,item_id,position,click,propensity_score", kUserFeaturePrefix, 0);
    rounds_.close();
    TextFile items(folder_ / kItemContextFile);
    std::string &out = items.buffer();
    const auto dd = static_cast<std::size_t>(candidate_dim_);
    append_header(out, "item_id", kItemFeaturePrefix, dd);
    for (std::size_t i = 0; dd > 0 && i < items_.size() / dd; ++i) {
      out += std::to_string(i) + ',' + std::to_string(i);
      for (std::size_t k = 0; k < dd; ++k) {
        out += ',';
        append_number(out, items_[i * dd + k], folder_.string());
      }
      out += '\n';
    }
    items.close();
  }

  std::vector<std::string> warnings() const override { return obs_.warnings(); }

 private:
  static const std::filesystem::path &created_folder(const std::filesystem::path &folder) {
    std::filesystem::create_directories(folder);
    return folder;
  }

  // ",<fixed>,<prefix>0,...,<prefix>{count-1}\n": pandas' unnamed index column first.
  static void append_header(std::string &out, const char *fixed, std::string_view prefix, std::size_t count) {
    out += ',';
    out += fixed;
    for (std::size_t k = 0; k < count; ++k) {
      out += ',';
      out += prefix;
      out += std::to_string(k);
    }
    out += '\n';
  }

  // OBP has one item_context.csv for every round: the candidates must never change.
  void check_same_items(const std::string &where) {
    if (decisions_ == 0) {
      items_ = obs_.candidate_values();
      candidate_dim_ = obs_.candidate_dim();
      user_dim_ = obs_.user().size();
      return;
    }
    if (obs_.candidate_dim() != candidate_dim_ || obs_.candidate_values() != items_) {
      fail_at(where,
              "the candidates differ from the first decision's: OBP's item_context.csv holds one set of "
              "item features for every round");
    }
  }

  std::filesystem::path folder_;
  TextFile rounds_;
  ExportedObs obs_{"obp"};
  std::vector<double> items_;
  int64_t candidate_dim_ = 0;
  std::size_t user_dim_ = 0;
  uint64_t decisions_ = 0;
  uint64_t rows_ = 0;
};

}  // namespace

std::unique_ptr<DecisionSource> open_obp_source(const std::filesystem::path &in, const ConvertOptions &options) {
  return std::make_unique<ObpSource>(in, options);
}

std::unique_ptr<DecisionSink> open_obp_sink(const std::filesystem::path &out, const std::string &final_name) {
  return std::make_unique<ObpSink>(out, final_name);
}

}  // namespace rlrec::cli
