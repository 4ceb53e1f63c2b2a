// slateq_state.cpp — the checkpoint format: everything learn and act depend on, so a loaded
// policy acts and learns exactly as the saved one would have (rlrec/policy.h save/load).
//
//   "rlrecSLQ", format version, the shape it belongs to (n, k, user and item feature sizes),
//   the env's choice kind, the RNG, the training clock, the input statistics, the Q-network
//   (online, target, optimiser), the learned choice model, the per-row episode links, the act
//   records not yet learned from, and the replay buffer (unless save_replay is false).
// Not saved: the history of episodes in flight, which lives per env instance; a resumed run
// restarts its episodes (the runner does), and a new episode starts with an empty history.
#include <rlrec_support/boundary.hpp>

#include "slateq_policy.hpp"

namespace rlrec_slateq {

namespace {

constexpr uint32_t kFormatVersion = 1;

}  // namespace

void SlateqPolicy::save(rlrec::nn::ByteWriter &out) const {
  out.tag("rlrecSLQ");
  out.u32(kFormatVersion);
  out.u32(n_);
  out.u32(k_);
  out.u64(user_dim_);
  out.u32(dd_);
  out.u32(kind_);
  for (int i = 0; i < 4; ++i) out.u64(rng_.state()[i]);
  clock_.save(out);
  inputs_.save(out);
  qnet_.save(out);
  choice_.save(out);
  links_.save(out);
  records_.save(out);
  out.u32(settings_.q.save_replay ? 1 : 0);
  if (settings_.q.save_replay) replay_.save(out);
}

void SlateqPolicy::load(rlrec::nn::ByteReader &in) {
  in.expect_tag("rlrecSLQ", "a slateq policy state");
  const uint32_t version = in.u32();
  if (version != kFormatVersion)
    rlrec_support::fail(RLREC_ERR_VERSION, "slateq.load: state format " + std::to_string(version) +
                                               ", this plugin reads format " + std::to_string(kFormatVersion));
  if (in.u32() != n_ || in.u32() != k_ || in.u64() != user_dim_ || in.u32() != dd_)
    throw rlrec::nn::FormatError("slateq.load: the state is for another env shape or feature settings");
  const uint32_t kind = in.u32();
  uint64_t words[4];
  for (uint64_t &word : words) word = in.u64();
  rlrec::nn::Rng rng;
  if (!rng.set_state(words)) throw rlrec::nn::FormatError("slateq.load: corrupt RNG state");
  // Everything is read into copies first, so a failed load changes nothing.
  rlrec::nn::agent::TrainClock clock = clock_;
  clock.load(in);
  ItemInputs inputs = inputs_;
  inputs.load(in);
  ItemQ qnet = qnet_;
  qnet.load(in);
  LogitChoiceModel choice = choice_;
  choice.load(in);
  rlrec::nn::agent::EpisodeLinks links;
  links.load(in);
  rlrec::nn::agent::ActRecords records = records_;
  records.load(in);
  rlrec::nn::ReplayBuffer replay(replay_.settings());
  if (in.u32() != 0) replay.load(in);
  if (in.remaining() != 0) throw rlrec::nn::FormatError("slateq.load: trailing bytes after the state");

  kind_ = kind;
  rng_ = rng;
  clock_ = std::move(clock);
  inputs_ = std::move(inputs);
  qnet_ = std::move(qnet);
  choice_ = std::move(choice);
  links_ = std::move(links);
  records_ = std::move(records);
  replay_ = std::move(replay);
}

}  // namespace rlrec_slateq
