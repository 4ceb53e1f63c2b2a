// rlrec_data/decision.hpp — one logged decision (one line of a dataset, docs/dataset.md): what a
// behaviour policy saw, what it showed with which probability, and what happened.
//
// The writer (format.hpp) turns a Decision into a line; the reader (dataset_reader.hpp) fills one
// back, reusing its vectors from line to line so iterating a dataset allocates nothing per row.
#pragma once

#include <rlrec/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace rlrec_data {

// A named array of one decision: an observation field, or the per-slot responses.
// `values` is row-major with the product of `shape` elements (1 for a scalar, shape {}).
struct NamedArray {
  std::string name;
  std::vector<int64_t> shape;
  std::vector<double> values;  // NaN where the file says null
  // How the writer spells the values (F32: shortest text that reads back to the same float;
  // integer dtypes: integers). A reader sets F64: JSON does not keep the dtype.
  uint32_t dtype = RLREC_DTYPE_F64;
};

// A named per-step scalar (an env info channel: clicked_slot, engagement, ...).
struct NamedScalar {
  std::string name;
  double value = 0.0;  // NaN where the file says null
};

struct Decision {
  uint64_t episode_id = 0;
  uint32_t t = 0;                      // step within the episode, from 0
  std::vector<NamedArray> obs;         // the observation acted on, by field, in file order
  std::vector<int32_t> slate;          // [slate] candidate indices, slot 0 first
  float slate_prob = 1.0f;             // behaviour probability of exactly this ordered slate
  std::vector<float> slot_propensity;  // [slate] or empty when not logged; NaN where unknown
  float reward = 0.0f;
  bool has_responses = false;
  NamedArray responses;           // [slate, dr] when has_responses (name "responses")
  std::vector<NamedScalar> info;  // the step's info channels, in file order
  bool terminated = false;
  bool truncated = false;
  std::string policy_id;       // e.g. "egreedy"; may be empty
  std::string policy_version;  // e.g. "1.0.0"; may be empty
  std::string event_id;        // empty when absent (serving sets it)
};

}  // namespace rlrec_data
