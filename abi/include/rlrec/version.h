/* rlrec/version.h — the one version number of the rlrec C ABI.
 *
 * A version is one uint32: major (10 bits) . minor (10 bits) . patch (12 bits), the layout the
 * Vulkan loader uses, so two versions compare with plain integer comparison.
 *
 * Compatibility rule (docs/abi.md §Versions):
 *   - same major             -> compatible. A newer minor only appends fields to growable
 *                               structs (see RLREC_HAS_MEMBER) and adds extensions.
 *   - different major        -> incompatible; the loader refuses the library with a message.
 *   - major 0                -> no promise (never shipped: rlrec's first ABI is 1.0.0).
 *
 * This header has no dependencies and compiles as C99 and C++17. */
#ifndef RLREC_VERSION_H
#define RLREC_VERSION_H

#include <stddef.h>
#include <stdint.h>

#define RLREC_MAKE_VERSION(major, minor, patch) \
  ((((uint32_t)(major)) << 22) | (((uint32_t)(minor)) << 12) | ((uint32_t)(patch)))
#define RLREC_VERSION_MAJOR_OF(version) (((uint32_t)(version)) >> 22)
#define RLREC_VERSION_MINOR_OF(version) ((((uint32_t)(version)) >> 12) & 0x3FFu)
#define RLREC_VERSION_PATCH_OF(version) (((uint32_t)(version)) & 0xFFFu)

/* The ABI this header describes. A plugin reports the value it was compiled with in
 * rlrec_plugin_entry.abi_version; the host passes its own to rlrec_plugin_get_entry().
 * History (docs/abi.md §Version history): 1.0.0 initial; 1.1.0 appended
 * rlrec_transition_batch.slot_propensity. */
#define RLREC_ABI_VERSION_MAJOR 1
#define RLREC_ABI_VERSION_MINOR 1
#define RLREC_ABI_VERSION_PATCH 0
#define RLREC_ABI_VERSION \
  RLREC_MAKE_VERSION(RLREC_ABI_VERSION_MAJOR, RLREC_ABI_VERSION_MINOR, RLREC_ABI_VERSION_PATCH)

/* Two versions can work together when their majors match (and neither is major 0 unless
 * both are exactly equal). */
#define RLREC_VERSION_IS_COMPATIBLE(host, plugin)                                   \
  (RLREC_VERSION_MAJOR_OF(host) == RLREC_VERSION_MAJOR_OF(plugin) &&                \
   (RLREC_VERSION_MAJOR_OF(host) != 0 || (uint32_t)(host) == (uint32_t)(plugin)))

/* Growable structs begin with `uint32_t struct_size` (sizeof the struct as its writer compiled
 * it). A reader MUST check this before touching a field appended in a later minor:
 *     if (RLREC_HAS_MEMBER(rlrec_env_spec, spec, some_new_field)) use(spec->some_new_field);
 */
#define RLREC_HAS_MEMBER(type, ptr, member) \
  ((ptr)->struct_size >= offsetof(type, member) + sizeof(((const type *)0)->member))

#endif /* RLREC_VERSION_H */
