/* rlrec/params.h — how a plugin declares its parameters, and how it receives their values.
 *
 * Every plugin publishes a parameter schema (an array of rlrec_param_def). The engine validates
 * the YAML `params:` map against it BEFORE create: an unknown key is an error with the closest
 * valid key, a wrong type or an out-of-range value names the file:line:column. The plugin then
 * receives one rlrec_value per schema entry, IN SCHEMA ORDER, with every default filled in — so
 * a plugin reads `params[MY_PARAM_LR].f` and never parses or validates anything itself.
 * `rlrec plugins describe ID` prints the schema. */
#ifndef RLREC_PARAMS_H
#define RLREC_PARAMS_H

#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rlrec_param_type {
  RLREC_PARAM_BOOL = 1,       /* value.b: 0 or 1 */
  RLREC_PARAM_INT = 2,        /* value.i */
  RLREC_PARAM_FLOAT = 3,      /* value.f */
  RLREC_PARAM_STRING = 4,     /* value.s: UTF-8 */
  RLREC_PARAM_CHOICE = 5,     /* value.s: one of `choices`; value.i: its index in `choices` */
  RLREC_PARAM_INT_LIST = 6,   /* value.il[0..count) */
  RLREC_PARAM_FLOAT_LIST = 7  /* value.fl[0..count) */
} rlrec_param_type;

enum {
  RLREC_PARAM_REQUIRED = 1u << 0 /* no default: the YAML MUST set it */
};

/* One parameter of a plugin's schema. Frozen layout (it lives in arrays).
 * Owned by the plugin; valid from rlrec_plugin_entry.init until deinit. */
typedef struct rlrec_param_def {
  const char *name;           /* Non-null: the YAML key, [a-z0-9_]+ */
  uint32_t type;              /* rlrec_param_type */
  uint32_t flags;             /* RLREC_PARAM_* bits */
  const char *default_yaml;   /* Nullable iff REQUIRED: the default as YAML text ("0.01",
                                 "[64, 32]", "greedy"); validated by the engine like user input */
  double min;                 /* INT/FLOAT/lists: inclusive bounds of each value (use +-HUGE_VAL
                                 for none); lists also bound their length by `max_count` */
  double max;
  const char *choices;        /* CHOICE: '|'-separated alternatives ("greedy|topk|lp"); else NULL */
  const char *doc;            /* Non-null: one sentence for `rlrec plugins describe` */
  uint32_t max_count;         /* lists: the largest allowed length (0 = unbounded) */
  uint32_t reserved0;         /* MUST be 0 */
} rlrec_param_def;

/* A parameter value, as the engine hands it to create. Frozen layout.
 * Owned by the host; valid only during the create call (copy what you keep). */
typedef struct rlrec_value {
  uint32_t type;   /* rlrec_param_type, equal to the schema's */
  uint32_t count;  /* lists: number of items; others: 1 */
  int64_t i;       /* INT, BOOL (0/1), CHOICE (index into choices) */
  double f;        /* FLOAT */
  const char *s;   /* STRING, CHOICE (the chosen text); else NULL */
  const int64_t *il; /* INT_LIST items; else NULL */
  const double *fl;  /* FLOAT_LIST items; else NULL */
} rlrec_value;

#ifdef __cplusplus
}
#endif

#endif /* RLREC_PARAMS_H */
