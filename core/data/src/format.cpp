#include <rlrec_data/format.hpp>
#include <rlrec_data/schema.hpp>
#include <rlrec_support/json_text.hpp>

#include <charconv>
#include <cmath>

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
  const auto result = digits > 0 ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, digits)
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
    case RLREC_DTYPE_F32: append_real(out, static_cast<float>(value), digits); break;
    case RLREC_DTYPE_F64: append_real(out, value, digits); break;
    default: append_integer(out, static_cast<int64_t>(value));
  }
}

// Dimension `dim` of `array` from element `offset`, as nested JSON arrays; returns the next offset.
std::size_t append_nested(std::string &out, const NamedArray &array, std::size_t dim, std::size_t offset,
                          int digits) {
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
  out += '{';
  for (std::size_t f = 0; f < d.obs.size(); ++f) {
    if (f > 0) out += ',';
    append_json_string(out, d.obs[f].name);
    out += ':';
    append_nested(out, d.obs[f], 0, 0, digits);
  }
  out += '}';

  append_key(out, key::kSlate);
  out += '[';
  for (std::size_t l = 0; l < d.slate.size(); ++l) {
    if (l > 0) out += ',';
    append_integer(out, d.slate[l]);
  }
  out += ']';
  append_key(out, key::kSlateProb);
  append_real(out, d.slate_prob, 0);  // probabilities stay exact: OPE divides by them
  if (!d.slot_propensity.empty()) {
    append_key(out, key::kSlotPropensity);
    out += '[';
    for (std::size_t l = 0; l < d.slot_propensity.size(); ++l) {
      if (l > 0) out += ',';
      append_real(out, d.slot_propensity[l], 0);
    }
    out += ']';
  }
  append_key(out, key::kReward);
  append_real(out, d.reward, 0);
  if (d.has_responses) {
    append_key(out, key::kResponses);
    append_nested(out, d.responses, 0, 0, digits);
  }
  if (!d.info.empty()) {
    append_key(out, key::kInfo);
    out += '{';
    for (std::size_t c = 0; c < d.info.size(); ++c) {
      if (c > 0) out += ',';
      append_json_string(out, d.info[c].name);
      out += ':';
      append_real(out, static_cast<float>(d.info[c].value), digits);
    }
    out += '}';
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
