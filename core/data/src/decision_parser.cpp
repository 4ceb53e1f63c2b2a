#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <rlrec_data/decision_parser.hpp>
#include <rlrec_data/line_reader.hpp>
#include <rlrec_data/schema.hpp>

namespace rlrec_data {

static_assert(simdjson::SIMDJSON_PADDING <= kLinePadding, "lines are parsed in place: the reader pads them");

struct DecisionParser::Json {
  simdjson::dom::parser parser;
};

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void fail(const std::string &message) {
  throw LineError(message);
}

std::string named(std::string_view name) {
  return "'" + std::string(name) + "'";
}

std::string shape_text(const std::vector<int64_t> &shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i > 0 ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

// A number, or NaN for null when `nullable`.
double number(element value, std::string_view what, bool nullable) {
  if (nullable && value.is_null()) return kNaN;
  double result = 0.0;
  if (value.get_double().get(result)) fail(named(what) + " must be a number" + (nullable ? " or null" : ""));
  return result;
}

uint64_t unsigned_integer(element value, std::string_view what) {
  uint64_t result = 0;
  if (value.get_uint64().get(result)) fail(named(what) + " must be an integer >= 0");
  return result;
}

bool boolean(element value, std::string_view what) {
  bool result = false;
  if (value.get_bool().get(result)) fail(named(what) + " must be true or false");
  return result;
}

void string_into(element value, std::string_view what, std::string &out) {
  std::string_view text;
  if (value.get_string().get(text)) fail(named(what) + " must be a string");
  out.assign(text);
}

simdjson::dom::array array_of(element value, std::string_view what) {
  simdjson::dom::array result;
  if (value.get_array().get(result)) fail(named(what) + " must be an array");
  return result;
}

// A probability logged by a behaviour policy: OPE divides by it, so it must be in (0, 1].
void check_probability(double p, std::string_view what) {
  if (std::isnan(p)) fail(named(what) + " is null or NaN: a logged probability must be in (0, 1]");
  if (!(p > 0.0 && p <= 1.0)) {
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, p).ptr;
    fail(named(what) + " = " + std::string(text, end) + ": a logged probability must be in (0, 1]");
  }
}

// Nested arrays (or a scalar) into `out`: the shape from the first element at each depth, every
// other element checked against it (a ragged array is an error).
void append_nested(element value, std::size_t depth, NamedArray &out, std::string_view what) {
  if (value.type() != element_type::ARRAY) {
    if (depth != out.shape.size())
      fail(named(what) + " is ragged: a number where an array was expected, or the reverse");
    out.values.push_back(number(value, what, true));
    return;
  }
  const simdjson::dom::array items = value.get_array().value_unsafe();
  const auto length = static_cast<int64_t>(items.size());
  if (depth == out.shape.size()) {
    if (!out.values.empty()) fail(named(what) + " is ragged: an array where a number was expected");
    out.shape.push_back(length);
  } else if (depth > out.shape.size() || out.shape[depth] != length) {
    fail(named(what) + " is ragged: rows of different lengths");
  }
  for (element item : items) append_nested(item, depth + 1, out, what);
}

void read_array(element value, std::string_view name, NamedArray &out) {
  out.name.assign(name);
  out.shape.clear();
  out.values.clear();
  out.dtype = RLREC_DTYPE_F64;
  append_nested(value, 0, out, name);
}

enum Required : unsigned {
  kHasFormat = 1u << 0,
  kHasEpisode = 1u << 1,
  kHasT = 1u << 2,
  kHasObs = 1u << 3,
  kHasSlate = 1u << 4,
  kHasSlateProb = 1u << 5,
  kHasReward = 1u << 6,
  kHasTerminated = 1u << 7,
  kHasTruncated = 1u << 8,
  kAllRequired = (1u << 9) - 1,
};

constexpr std::string_view kRequiredNames[] = {key::kFormat, key::kEpisodeId,  key::kT,
                                               key::kObs,    key::kSlate,      key::kSlateProb,
                                               key::kReward, key::kTerminated, key::kTruncated};

}  // namespace

DecisionParser::DecisionParser(std::optional<DatasetShape> expected)
    : json_(std::make_unique<Json>()), shape_(std::move(expected)) {}

DecisionParser::~DecisionParser() = default;

std::size_t DecisionParser::buffer_bytes() const {
  // simdjson sizes its buffers from the longest document parsed: per input byte at most 8 bytes of
  // tape, 4 of structural index and 2 of string buffer (an upper estimate).
  return json_->parser.capacity() * 14;
}

void DecisionParser::parse(std::string_view line, Decision &d) {
  element root;
  if (auto error = json_->parser.parse(line.data(), line.size(), false).get(root)) {
    fail(std::string("bad JSON: ") + simdjson::error_message(error));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object)) fail("bad JSON: a line must be one JSON object");

  unsigned seen = 0;
  std::size_t obs_count = 0;
  d.slot_propensity.clear();
  d.info.clear();
  d.has_responses = false;
  d.policy_id.clear();
  d.policy_version.clear();
  d.event_id.clear();
  for (auto [key, value] : object) {
    if (key == key::kFormat) {
      std::string_view tag;
      if (value.get_string().get(tag) || tag != kFormatTag) {
        fail("'format' must be \"" + std::string(kFormatTag) + "\" (a dataset of another format or version)");
      }
      seen |= kHasFormat;
    } else if (key == key::kEpisodeId) {
      d.episode_id = unsigned_integer(value, key);
      seen |= kHasEpisode;
    } else if (key == key::kT) {
      const uint64_t t = unsigned_integer(value, key);
      if (t > std::numeric_limits<uint32_t>::max()) fail("'t' is too large");
      d.t = static_cast<uint32_t>(t);
      seen |= kHasT;
    } else if (key == key::kObs) {
      simdjson::dom::object fields;
      if (value.get_object().get(fields)) fail("'obs' must be an object of named fields");
      for (auto [name, field] : fields) {
        if (obs_count == d.obs.size()) d.obs.emplace_back();
        read_array(field, name, d.obs[obs_count++]);
      }
      seen |= kHasObs;
    } else if (key == key::kSlate) {
      d.slate.clear();
      for (element item : array_of(value, key)) {
        int64_t index = 0;
        if (item.get_int64().get(index) || index < 0 || index > std::numeric_limits<int32_t>::max()) {
          fail("'slate' must hold candidate indices (integers >= 0)");
        }
        d.slate.push_back(static_cast<int32_t>(index));
      }
      if (d.slate.empty()) fail("'slate' is empty");
      seen |= kHasSlate;
    } else if (key == key::kSlateProb) {
      const double p = number(value, key, true);
      check_probability(p, key);
      d.slate_prob = static_cast<float>(p);
      seen |= kHasSlateProb;
    } else if (key == key::kSlotPropensity) {
      for (element item : array_of(value, key)) {
        const double p = number(item, key, true);
        if (!std::isnan(p)) check_probability(p, key);  // null: the policy could not compute it
        d.slot_propensity.push_back(static_cast<float>(p));
      }
    } else if (key == key::kReward) {
      const double r = number(value, key, false);
      d.reward = static_cast<float>(r);
      seen |= kHasReward;
    } else if (key == key::kResponses) {
      read_array(value, key, d.responses);
      d.has_responses = true;
    } else if (key == key::kInfo) {
      simdjson::dom::object channels;
      if (value.get_object().get(channels)) fail("'info' must be an object of named numbers");
      for (auto [name, channel] : channels) d.info.push_back({std::string(name), number(channel, name, true)});
    } else if (key == key::kTerminated) {
      d.terminated = boolean(value, key);
      seen |= kHasTerminated;
    } else if (key == key::kTruncated) {
      d.truncated = boolean(value, key);
      seen |= kHasTruncated;
    } else if (key == key::kPolicyId) {
      string_into(value, key, d.policy_id);
    } else if (key == key::kPolicyVersion) {
      string_into(value, key, d.policy_version);
    } else if (key == key::kEventId) {
      string_into(value, key, d.event_id);
    }  // other keys: optional additions a newer writer may make; ignored
  }
  if (seen != kAllRequired) {
    for (unsigned bit = 0; bit < std::size(kRequiredNames); ++bit) {
      if ((seen & (1u << bit)) == 0) fail("missing field " + named(kRequiredNames[bit]));
    }
  }
  d.obs.resize(obs_count);
  check_shape(d);
}

void DecisionParser::check_shape(const Decision &d) {
  if (!shape_) {
    DatasetShape first;
    for (const NamedArray &field : d.obs) first.obs.emplace_back(field.name, field.shape);
    first.slate_size = d.slate.size();
    if (d.has_responses) first.responses = d.responses.shape;
    shape_ = std::move(first);
  }
  const DatasetShape &shape = *shape_;
  if (d.obs.size() != shape.obs.size()) {
    fail("'obs' has " + std::to_string(d.obs.size()) + " fields, the dataset has " + std::to_string(shape.obs.size()));
  }
  int64_t candidates = -1;
  for (std::size_t f = 0; f < d.obs.size(); ++f) {
    const auto &[name, dims] = shape.obs[f];
    if (d.obs[f].name != name)
      fail("'obs' field " + std::to_string(f) + " is " + named(d.obs[f].name) + ", the dataset has " + named(name));
    if (d.obs[f].shape != dims) {
      fail("'obs." + name + "' has shape " + shape_text(d.obs[f].shape) + ", the dataset has " + shape_text(dims));
    }
    if (name == "candidates" && !dims.empty()) candidates = dims[0];
  }
  if (d.slate.size() != shape.slate_size) {
    fail("'slate' has " + std::to_string(d.slate.size()) + " slots, the dataset has " +
         std::to_string(shape.slate_size));
  }
  if (!d.slot_propensity.empty() && d.slot_propensity.size() != d.slate.size()) {
    fail("'slot_propensity' has " + std::to_string(d.slot_propensity.size()) + " entries for a slate of " +
         std::to_string(d.slate.size()));
  }
  for (int32_t index : d.slate) {
    if (candidates >= 0 && index >= candidates) {
      fail("'slate' index " + std::to_string(index) + " is not among the " + std::to_string(candidates) +
           " candidates");
    }
  }
  if (d.has_responses != shape.responses.has_value() || (d.has_responses && d.responses.shape != *shape.responses)) {
    fail("'responses' has shape " + (d.has_responses ? shape_text(d.responses.shape) : std::string("(none)")) +
         ", the dataset has " + (shape.responses ? shape_text(*shape.responses) : std::string("(none)")));
  }
}

}  // namespace rlrec_data
