// dqn_state.cpp — the checkpoint format: "rlrecDQN", format version, the shape (n, k, state
// size, actions), the RNG, the training clock, the input statistics, the Q-network (online,
// target, optimiser), the per-row episode links, the act records not yet learned from, and the
// replay buffer (unless save_replay is false). Like slateq, the history of episodes in flight is
// not saved: a resumed run restarts its episodes.
#include <rlrec_support/boundary.hpp>

#include "dqn_policy.hpp"

namespace rlrec_dqn {

namespace {

constexpr uint32_t kFormatVersion = 1;

}  // namespace

void DqnPolicy::save(rlrec::nn::ByteWriter &out) const {
  out.tag("rlrecDQN");
  out.u32(kFormatVersion);
  out.u32(n_);
  out.u32(k_);
  out.u64(state_dim_);
  out.u32(actions_.size());
  for (int i = 0; i < 4; ++i) out.u64(rng_.state()[i]);
  clock_.save(out);
  standardizer_.save(out);
  qnet_.save(out);
  links_.save(out);
  records_.save(out);
  out.u32(settings_.q.save_replay ? 1 : 0);
  if (settings_.q.save_replay) replay_.save(out);
}

void DqnPolicy::load(rlrec::nn::ByteReader &in) {
  in.expect_tag("rlrecDQN", "a dqn policy state");
  const uint32_t version = in.u32();
  if (version != kFormatVersion)
    rlrec_support::fail(RLREC_ERR_VERSION, "dqn.load: state format " + std::to_string(version) +
                                               ", this plugin reads format " + std::to_string(kFormatVersion));
  if (in.u32() != n_ || in.u32() != k_ || in.u64() != state_dim_ || in.u32() != actions_.size())
    throw rlrec::nn::FormatError("dqn.load: the state is for another env shape or feature settings");
  uint64_t words[4];
  for (uint64_t &word : words) word = in.u64();
  rlrec::nn::Rng rng;
  if (!rng.set_state(words)) throw rlrec::nn::FormatError("dqn.load: corrupt RNG state");
  agent::TrainClock clock = clock_;
  clock.load(in);
  rlrec::nn::Standardizer standardizer = standardizer_;
  standardizer.load(in);
  agent::QNetwork qnet = qnet_;
  qnet.load(in);
  agent::EpisodeLinks links;
  links.load(in);
  agent::ActRecords records = records_;
  records.load(in);
  rlrec::nn::ReplayBuffer replay(replay_.settings());
  if (in.u32() != 0) replay.load(in);
  if (in.remaining() != 0) throw rlrec::nn::FormatError("dqn.load: trailing bytes after the state");

  rng_ = rng;
  clock_ = std::move(clock);
  standardizer_ = std::move(standardizer);
  qnet_ = std::move(qnet);
  links_ = std::move(links);
  records_ = std::move(records);
  replay_ = std::move(replay);
}

}  // namespace rlrec_dqn
