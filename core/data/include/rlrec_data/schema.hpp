// rlrec_data/schema.hpp — the names of the dataset format (docs/dataset.md is the schema): the
// format tag every line carries, its keys, and the file names of a dataset folder. Shared by the
// writer and the reader so the two cannot drift apart.
#pragma once

#include <string_view>

namespace rlrec_data {

// The value of "format" on every line. The number changes only when a reader of the old version
// would misread the new lines; new optional keys do not change it.
inline constexpr std::string_view kFormatTag = "rlrec.decision/1";

namespace key {
inline constexpr std::string_view kFormat = "format";
inline constexpr std::string_view kEpisodeId = "episode_id";
inline constexpr std::string_view kT = "t";
inline constexpr std::string_view kObs = "obs";
inline constexpr std::string_view kSlate = "slate";
inline constexpr std::string_view kSlateProb = "slate_prob";
inline constexpr std::string_view kSlotPropensity = "slot_propensity";
inline constexpr std::string_view kReward = "reward";
inline constexpr std::string_view kResponses = "responses";
inline constexpr std::string_view kInfo = "info";
inline constexpr std::string_view kTerminated = "terminated";
inline constexpr std::string_view kTruncated = "truncated";
inline constexpr std::string_view kPolicyId = "policy_id";
inline constexpr std::string_view kPolicyVersion = "policy_version";
inline constexpr std::string_view kEventId = "event_id";
}  // namespace key

// The observation field whose next value holds the per-slot responses of a step (rlrec/types.h).
inline constexpr std::string_view kResponseField = "response";

// Files of a dataset: a folder holds shards named <prefix><5-digit index><extension>, read in
// name order; a file with another name in the folder is ignored.
inline constexpr std::string_view kPlainExtension = ".jsonl";
inline constexpr std::string_view kZstdExtension = ".jsonl.zst";
inline constexpr std::string_view kShardPrefix = "decisions-";

}  // namespace rlrec_data
