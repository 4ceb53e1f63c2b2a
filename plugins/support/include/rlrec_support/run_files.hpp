// rlrec_support/run_files.hpp — a metrics logger's file in the run folder: where it goes, and what
// of it a resumed run keeps.
#pragma once

#include <rlrec/plugin.h>

#include <filesystem>
#include <optional>
#include <string>

namespace rlrec_support {

// <run_dir>/<name>. The name comes from the user's YAML, and one with a '/' in it would write
// outside the run folder: a config error naming `plugin`. A NULL name counts as empty.
std::filesystem::path run_file(const rlrec_logger_context &context, const char *name, const char *plugin);

// What `path` held when this run resumes a previous one (the caller keeps its rows up to
// resume_step(context), which the checkpoint covers); nothing for a fresh run. A resumed run
// whose file is gone gets nothing too, after a warning on the host's log naming `plugin`.
std::optional<std::string> resumed_content(const rlrec_host *host, const rlrec_logger_context &context,
                                           const std::filesystem::path &path, const char *plugin);

}  // namespace rlrec_support
