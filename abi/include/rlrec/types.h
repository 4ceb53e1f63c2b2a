/* rlrec/types.h — the value types every rlrec interface shares: statuses, tensors, spaces,
 * named fields and metrics.
 *
 * Naming grammar (MuJoCo-like): types `rlrec_<noun>`, functions `rlrec_<object>_<verb>`,
 * macros and enumerators `RLREC_<AREA>_<NAME>`.
 *
 * Layout rule: structs that appear in arrays (rlrec_space, rlrec_field, rlrec_tensor,
 * rlrec_metric) are FROZEN within a major version; their sizes and offsets are locked by
 * rlrec/abi_check.h. Growable structs begin with `uint32_t struct_size` (rlrec/version.h). */
#ifndef RLREC_TYPES_H
#define RLREC_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Every call that can fail returns a status. The message of the last failure of an instance is
 * `last_error(handle)`; errors of a create call go into the caller's buffer. */
typedef int32_t rlrec_status;
enum {
  RLREC_OK = 0,
  RLREC_ERR_INVALID_ARGUMENT = 1, /* the caller passed something the contract forbids */
  RLREC_ERR_UNSUPPORTED = 2,      /* valid, but this plugin cannot do it (e.g. a space kind) */
  RLREC_ERR_RUNTIME = 3,          /* the plugin failed while doing its job */
  RLREC_ERR_NO_MEMORY = 4,
  RLREC_ERR_STATE = 5,            /* called in the wrong order (e.g. step before reset) */
  RLREC_ERR_IO = 6,               /* a file or stream failed */
  RLREC_ERR_INTERRUPTED = 7,      /* stopped on request (rlrec_engine_interrupt, SIGINT) */
  RLREC_ERR_VERSION = 8,          /* incompatible ABI or data version */
  RLREC_ERR_CONFIG = 9            /* a configuration (YAML, parameters) is invalid */
};

/* Element types of tensors. Sizes: F32 4, F64 8, I32 4, U8 1, I64 8 bytes. */
typedef enum rlrec_dtype {
  RLREC_DTYPE_F32 = 1,
  RLREC_DTYPE_F64 = 2,
  RLREC_DTYPE_I32 = 3,
  RLREC_DTYPE_U8 = 4,
  RLREC_DTYPE_I64 = 5
} rlrec_dtype;

/* Largest rank of one sub-environment's value; a batch adds one leading dimension. */
#define RLREC_MAX_RANK 4

/* A dense, contiguous, row-major array. Frozen layout.
 * Ownership: whoever fills `data` owns it; batch tensors passed across the ABI are host-owned
 * and valid for the duration of the one call they are passed to. */
typedef struct rlrec_tensor {
  void *data;                         /* Nullable only when some shape[i] == 0. */
  uint32_t dtype;                     /* rlrec_dtype */
  uint32_t rank;                      /* number of used entries of shape, 0..RLREC_MAX_RANK+1 */
  int64_t shape[RLREC_MAX_RANK + 1];  /* unused entries are 0 */
} rlrec_tensor;

typedef enum rlrec_space_kind {
  RLREC_SPACE_BOX = 1,            /* real values in [low, high] (bounds may be +-INFINITY) */
  RLREC_SPACE_DISCRETE = 2,       /* one integer in [0, n); rank 0 */
  RLREC_SPACE_MULTI_DISCRETE = 3  /* integers in [0, n) each, with the given shape */
} rlrec_space_kind;

/* The space of one sub-environment's value (Gymnasium's Box / Discrete / MultiDiscrete).
 * Frozen layout. Bounds are uniform over elements: that is all recommender fields need, and it
 * keeps the struct fixed-size. */
typedef struct rlrec_space {
  uint32_t kind;                  /* rlrec_space_kind */
  uint32_t dtype;                 /* rlrec_dtype of the values: BOX F32/F64 (U8 for 0/1
                                     masks), others I32 */
  uint32_t rank;                  /* 0..RLREC_MAX_RANK */
  uint32_t reserved0;             /* MUST be 0 */
  int64_t shape[RLREC_MAX_RANK];  /* unused entries are 0 */
  double low;                     /* BOX: lower bound of every element; others: 0 */
  double high;                    /* BOX: upper bound; others: n - 1 */
  int64_t n;                      /* DISCRETE / MULTI_DISCRETE: number of values; BOX: 0 */
} rlrec_space;

/* A named value of one sub-environment: an observation field or an info channel.
 * Frozen layout. Strings are UTF-8, owned by whoever owns the array.
 *
 * Conventional observation field names for recommenders (DESIGN.md §3), which is what lets one
 * policy plugin work on every recommender simulator:
 *   "user"        BOX [du]          user features (may be [0] when the user is hidden)
 *   "candidates"  BOX [N, dd]       one row per candidate document
 *   "response"    BOX [slate, dr]   the last step's per-slot response (zeros after reset)
 *   "mask"        BOX U8/F32 [N]    1 where the candidate is available (when N varies)
 * Conventional info channels (float scalars per sub-env per step):
 *   "clicked_slot" (-1 when nothing was clicked), "engagement", "regret", ... */
typedef struct rlrec_field {
  const char *name;  /* Non-null, unique within its list, [A-Za-z0-9_.]+ */
  const char *doc;   /* Nullable: one line for `rlrec plugins describe` */
  rlrec_space space;
} rlrec_field;

/* One scalar result of an iteration (a learner loss, an evaluation return, ...). Frozen.
 * Names are '/'-separated paths ("learner/loss"); `time/` names carry wall-clock figures that
 * differ between identical runs. */
typedef struct rlrec_metric {
  const char *name;
  double value;
} rlrec_metric;

/* Size in bytes of one element of `dtype`; 0 for an unknown dtype. */
static inline size_t rlrec_dtype_size(uint32_t dtype) {
  switch (dtype) {
    case RLREC_DTYPE_F32: return 4;
    case RLREC_DTYPE_F64: return 8;
    case RLREC_DTYPE_I32: return 4;
    case RLREC_DTYPE_U8: return 1;
    case RLREC_DTYPE_I64: return 8;
    default: return 0;
  }
}

/* Number of elements of one value of `space` (product of its shape; 1 for rank 0). */
static inline int64_t rlrec_space_numel(const rlrec_space *space) {
  int64_t numel = 1;
  uint32_t i;
  for (i = 0; i < space->rank && i < RLREC_MAX_RANK; ++i) numel *= space->shape[i];
  return numel;
}

#ifdef __cplusplus
}
#endif

#endif /* RLREC_TYPES_H */
