// rank_request.hpp — the body of POST /v1/rank, parsed and checked against the served model's
// observation (docs/serving.md):
//   {"requests": [{"context": [du numbers],
//                  "candidates": [{"id": "a" | 17, "features": [dd numbers]}, ...],
//                  "exclude": ["b", ...],                      optional
//                  "obs": {"<other field>": nested array}}]}   optional
// Every observation field of the policy's spec is filled: `user` from `context`, `candidates`
// from the candidates' features, `mask` (when the spec has one) 1 except for excluded candidates,
// any other field from `obs` or zeros. Without a `mask` field excluded candidates are removed
// before the policy acts, so N is the number of candidates left.
//
// Threads: parse_rank_body is reentrant (one simdjson parser per thread).
#pragma once

#include <rlrec_data/decision.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "served_model.hpp"

namespace rlrec::serve {

// A candidate id as the client wrote it: a string (compared unescaped) or an integer.
struct CandidateId {
  std::string text;
  bool quoted = false;
  bool operator==(const CandidateId &) const = default;
};

struct RankItem {
  std::vector<rlrec_data::NamedArray> obs;  // one per spec field, in spec order, with N candidates
  std::vector<CandidateId> ids;             // [N] the id of each candidate row acted on
  uint32_t n = 0;
};

struct RankLimits {
  uint32_t max_requests = 64;      // requests per body (more: 413)
  uint32_t max_candidates = 1000;  // candidates per request (more: 413)
};

// Throws HttpError 400 (malformed JSON, wrong types, wrong feature dims, values outside the
// field's space, fewer candidates left than the slate size) or 413 (over a limit), naming the
// request and candidate.
std::vector<RankItem> parse_rank_body(std::string_view body, const ServedModel &model, const RankLimits &limits);

// The body of POST /v1/events/{id}/reward: {"value": number, "clicked_id": id (optional)}.
struct RewardBody {
  double value = 0.0;
  bool has_clicked = false;
  CandidateId clicked;
};
RewardBody parse_reward_body(std::string_view body);

// Appends `id` as JSON (a string or an integer, as the client wrote it).
void append_id(std::string &out, const CandidateId &id);

}  // namespace rlrec::serve
