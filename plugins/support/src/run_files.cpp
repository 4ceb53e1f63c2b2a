#include <rlrec_support/run_files.hpp>

#include <rlrec_support/boundary.hpp>
#include <rlrec_support/durable_file.hpp>
#include <rlrec_support/metrics_logger.hpp>

namespace rlrec_support {

std::filesystem::path run_file(const rlrec_logger_context &context, const char *name, const char *plugin) {
  const std::string filename = name != nullptr ? name : "";
  if (filename.empty() || filename == "." || filename == ".." || filename.find('/') != std::string::npos)
    fail(RLREC_ERR_CONFIG, std::string(plugin) + ": filename '" + filename + "' must be a plain file name (no '/')");
  return std::filesystem::path(context.run_dir) / filename;
}

std::optional<std::string> resumed_content(const rlrec_host *host, const rlrec_logger_context &context,
                                           const std::filesystem::path &path, const char *plugin) {
  const uint64_t resume_from = resume_step(context);
  if (resume_from == 0) return std::nullopt;
  std::optional<std::string> content = read_file(path);
  if (!content)
    warn(host, std::string(plugin) + ": resuming at env step " + std::to_string(resume_from) + " but '" +
                   path.string() + "' does not exist; starting a new one");
  return content;
}

}  // namespace rlrec_support
