// rlrec_nn/agent/policy_adapter.hpp — the C vtable of a C++ learning policy (rlrec/policy.h).
//
// A policy class P provides
//     P(const rlrec_value *params, const rlrec_env_spec &spec, uint64_t seed)
//     const rlrec_policy_info &info() const
//     void act(const rlrec_act_input &in, rlrec_act_output &out)
//     void learn(const rlrec_transition_batch &batch, std::vector<rlrec_metric> &metrics)
//     void save(ByteWriter &out) const
//     void load(ByteReader &in)               // MUST change nothing when it throws
//     std::string error                        // the last_error text
// and optionally, to offer rlrec.policy.slate_probability/1 (rlrec/ext/slate_probability.h),
//     void score(const rlrec_act_input &in, const int32_t *slates, double *slate_prob,
//                double *slot_prob, double *item_prob)   // MUST change nothing act depends on
// and PolicyAdapter<P>::create is its factory's create_policy. Every call runs under the
// exception guard of rlrec_support (no exception crosses the ABI), with the toolkit's exceptions
// mapped to statuses: std::invalid_argument -> INVALID_ARGUMENT (UNSUPPORTED at create: the env
// spec does not fit), FormatError -> INVALID_ARGUMENT (corrupt state), std::logic_error -> STATE
// (calls in the wrong order).
#pragma once

#include <rlrec/ext/slate_probability.h>
#include <rlrec/plugin.h>
#include <rlrec_support/boundary.hpp>

#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "rlrec_nn/bytes.hpp"

namespace rlrec::nn::agent {

// Runs body() and rethrows the toolkit's exceptions as rlrec_support::Error with a status.
template <class Body>
void with_statuses(rlrec_status invalid, Body &&body) {
  try {
    body();
  } catch (const rlrec_support::Error &) {
    throw;
  } catch (const FormatError &e) {
    rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT, e.what());
  } catch (const std::invalid_argument &e) {
    rlrec_support::fail(invalid, e.what());
  } catch (const std::logic_error &e) {
    rlrec_support::fail(RLREC_ERR_STATE, e.what());
  }
}

template <class Policy>
struct PolicyAdapter {
  static Policy *self(void *handle) { return static_cast<Policy *>(handle); }

  static const rlrec_policy_info *info(void *handle) { return &self(handle)->info(); }

  static rlrec_status act(void *handle, const rlrec_act_input *in, rlrec_act_output *out) {
    Policy *p = self(handle);
    return rlrec_support::guard(p->error, [&] {
      if (in == nullptr || out == nullptr || out->slates == nullptr || out->slate_prob == nullptr)
        rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT, "act: input, output, slates or slate_prob is NULL");
      if (out->rows != in->rows)
        rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT, "act: output has " + std::to_string(out->rows) +
                                                            " rows, input " + std::to_string(in->rows));
      with_statuses(RLREC_ERR_INVALID_ARGUMENT, [&] { p->act(*in, *out); });
    });
  }

  static rlrec_status learn(void *handle, const rlrec_transition_batch *batch, uint32_t *num_metrics,
                            const rlrec_metric **metrics) {
    Policy *p = self(handle);
    return rlrec_support::guard(p->error, [&] {
      if (batch == nullptr || num_metrics == nullptr || metrics == nullptr)
        rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT, "learn: batch, num_metrics or metrics is NULL");
      *num_metrics = 0;
      p->metrics_view.clear();
      with_statuses(RLREC_ERR_INVALID_ARGUMENT, [&] { p->learn(*batch, p->metrics_view); });
      *num_metrics = static_cast<uint32_t>(p->metrics_view.size());
      *metrics = p->metrics_view.data();
    });
  }

  static rlrec_status save(void *handle, const rlrec_byte_sink *sink) {
    Policy *p = self(handle);
    return rlrec_support::guard(p->error, [&] {
      if (sink == nullptr || sink->write == nullptr)
        rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT, "save: sink is NULL");
      ByteWriter out;
      p->save(out);
      const rlrec_status status = sink->write(sink->ctx, out.bytes().data(), out.bytes().size());
      if (status != RLREC_OK) rlrec_support::fail(status, "save: the sink failed to write the state");
    });
  }

  static rlrec_status load(void *handle, const void *data, size_t size) {
    Policy *p = self(handle);
    return rlrec_support::guard(p->error, [&] {
      if (data == nullptr && size > 0) rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT, "load: data is NULL");
      with_statuses(RLREC_ERR_INVALID_ARGUMENT, [&] {
        ByteReader in(data, size);
        p->load(in);
      });
    });
  }

  static constexpr bool kScoresSlates =
      requires(Policy &p, const rlrec_act_input &in) { p.score(in, nullptr, nullptr, nullptr, nullptr); };

  static rlrec_status score(void *handle, const rlrec_act_input *in, const int32_t *slates, double *slate_prob,
                            double *slot_prob, double *item_prob) {
    Policy *p = self(handle);
    return rlrec_support::guard(p->error, [&] {
      if (in == nullptr || slates == nullptr || slate_prob == nullptr)
        rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT, "slate_probability: input, slates or slate_prob is NULL");
      with_statuses(RLREC_ERR_INVALID_ARGUMENT, [&] { p->score(*in, slates, slate_prob, slot_prob, item_prob); });
    });
  }

  static const void *get_extension(void *, const char *id) {
    if constexpr (kScoresSlates) {
      static constexpr rlrec_policy_slate_probability kSlateProbability = {sizeof(rlrec_policy_slate_probability), 0,
                                                                           score};
      if (std::strcmp(id, RLREC_EXT_POLICY_SLATE_PROBABILITY) == 0) return &kSlateProbability;
    }
    return nullptr;
  }

  static const char *last_error(void *handle) { return self(handle)->error.c_str(); }

  static void destroy(void *handle) { delete self(handle); }

  static constexpr rlrec_policy_vtable vtable = {
      sizeof(rlrec_policy_vtable), info, act, learn, save, load, get_extension, last_error, destroy};

  static rlrec_status create(const rlrec_host *, const rlrec_value *params, const rlrec_env_spec *spec,
                             uint64_t seed, rlrec_policy *out, char *err, size_t err_capacity) {
    return rlrec_support::guard_create(err, err_capacity, [&] {
      if (params == nullptr || spec == nullptr || out == nullptr)
        rlrec_support::fail(RLREC_ERR_INVALID_ARGUMENT, "create: params, env_spec and out must be non-NULL");
      std::unique_ptr<Policy> policy;
      with_statuses(RLREC_ERR_UNSUPPORTED, [&] { policy = std::make_unique<Policy>(params, *spec, seed); });
      out->vtable = &vtable;
      out->handle = policy.release();
    });
  }
};

}  // namespace rlrec::nn::agent
