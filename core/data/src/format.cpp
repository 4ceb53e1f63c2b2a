#include <charconv>
#include <cmath>
#include <rlrec_data/format.hpp>
#include <rlrec_data/schema.hpp>
#include <rlrec_support/json_text.hpp>

namespace rlrec_data {
namespace {

using rlrec_support::append_json_string;

template <class Real>
void append_real(std::string &out, Real value, int digits) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[64];
  const auto result = digits > 0
                          ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, digits)
                          : std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

template <class Integer>
void append_integer(std::string &out, Integer value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_value(std::string &out, double value, uint32_t dtype, int digits) {
  switch (dtype) {
    case RLREC_DTYPE_F32:
      append_real(out, static_cast<float>(value), digits);
      break;
    case RLREC_DTYPE_F64:
      append_real(out, value, digits);
      break;
    default:
      append_integer(out, static_cast<int64_t>(value));
  }
}

// Dimension `dim` of `array` from element `offset`, as nested JSON arrays; returns the next offset.
std::size_t append_nested(std::string &out, const NamedArray &array, std::size_t dim, std::size_t offset, int digits) {
  if (dim == array.shape.size()) {
    append_value(out, array.values[offset], array.dtype, digits);
    return offset + 1;
  }
  out += '[';
  for (int64_t i = 0; i < array.shape[dim]; ++i) {
    if (i > 0) out += ',';
    offset = append_nested(out, array, dim + 1, offset, digits);
  }
  out += ']';
  return offset;
}

// `items` between `open` and `close`, comma-separated, each written by append_item(out, item).
template <class Items, class AppendItem>
void append_list(std::string &out, char open, char close, const Items &items, AppendItem append_item) {
  out += open;
  bool first = true;
  for (const auto &item : items) {
    if (!first) out += ',';
    first = false;
    append_item(out, item);
  }
  out += close;
}

void append_key(std::string &out, std::string_view key) {
  out += ',';
  append_json_string(out, key);
  out += ':';
}

}  // namespace

void append_decision_line(std::string &out, const Decision &d, const FormatOptions &options) {
  const int digits = options.digits;
  out += '{';
  append_json_string(out, key::kFormat);
  out += ':';
  append_json_string(out, kFormatTag);
  append_key(out, key::kEpisodeId);
  append_integer(out, d.episode_id);
  append_key(out, key::kT);
  append_integer(out, d.t);

  append_key(out, key::kObs);
  append_list(out, '{', '}', d.obs, [&](std::string &o, const NamedArray &field) {
    append_json_string(o, field.name);
    o += ':';
    append_nested(o, field, 0, 0, digits);
  });

  append_key(out, key::kSlate);
  append_list(out, '[', ']', d.slate, [](std::string &o, int32_t index) { append_integer(o, index); });
  append_key(out, key::kSlateProb);
  append_real(out, d.slate_prob, 0);  // probabilities stay exact: OPE divides by them
  if (!d.slot_propensity.empty()) {
    append_key(out, key::kSlotPropensity);
    append_list(out, '[', ']', d.slot_propensity, [](std::string &o, float p) { append_real(o, p, 0); });
  }
  append_key(out, key::kReward);
  append_real(out, d.reward, 0);
  if (d.has_responses) {
    append_key(out, key::kResponses);
    append_nested(out, d.responses, 0, 0, digits);
  }
  if (!d.info.empty()) {
    append_key(out, key::kInfo);
    append_list(out, '{', '}', d.info, [&](std::string &o, const NamedScalar &channel) {
      append_json_string(o, channel.name);
      o += ':';
      append_real(o, static_cast<float>(channel.value), digits);  // info channels are float32
    });
  }
  append_key(out, key::kTerminated);
  out += d.terminated ? "true" : "false";
  append_key(out, key::kTruncated);
  out += d.truncated ? "true" : "false";
  append_key(out, key::kPolicyId);
  append_json_string(out, d.policy_id);
  append_key(out, key::kPolicyVersion);
  append_json_string(out, d.policy_version);
  if (!d.event_id.empty()) {
    append_key(out, key::kEventId);
    append_json_string(out, d.event_id);
  }
  out += "}\n";
}

}  // namespace rlrec_data
