#include "run_info.hpp"

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "file_io.hpp"

namespace rlrec::core {
namespace {

// First line of a shell command's stdout ("" on failure). Only used with fixed git commands.
std::string first_line_of(const std::string &command) {
  FILE *pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  std::array<char, 256> buffer{};
  std::string line;
  if (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) line = buffer.data();
  pclose(pipe);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

std::string shell_quote(const std::string &text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

std::string git_revision(const std::filesystem::path &dir) {
  const std::string git = "git -C " + shell_quote(dir.string());
  const std::string sha = first_line_of(git + " rev-parse HEAD 2>/dev/null");
  if (sha.empty()) return "";
  const std::string changes = first_line_of(git + " status --porcelain --untracked-files=no 2>/dev/null");
  return changes.empty() ? sha : sha + "-dirty";
}

void write_run_info(const std::filesystem::path &run_dir, const std::filesystem::path &config_dir,
                    const std::vector<RunPlugin> &plugins, bool resumed) {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "engine_version" << YAML::Value << RLREC_ENGINE_VERSION_STRING;
  out << YAML::Key << "abi_version" << YAML::Value
      << (std::to_string(RLREC_VERSION_MAJOR_OF(RLREC_ABI_VERSION)) + "." +
          std::to_string(RLREC_VERSION_MINOR_OF(RLREC_ABI_VERSION)) + "." +
          std::to_string(RLREC_VERSION_PATCH_OF(RLREC_ABI_VERSION)));
  out << YAML::Key << "started_utc" << YAML::Value << utc_now();
  out << YAML::Key << "resumed" << YAML::Value << resumed;
  out << YAML::Key << "host" << YAML::Value << host;
  out << YAML::Key << "git_revision" << YAML::Value << git_revision(config_dir);
  out << YAML::Key << "plugins" << YAML::Value << YAML::BeginSeq;
  for (const RunPlugin &p : plugins) {
    out << YAML::BeginMap;
    out << YAML::Key << "role" << YAML::Value << p.role;
    out << YAML::Key << "id" << YAML::Value << p.plugin.id();
    out << YAML::Key << "version" << YAML::Value << p.plugin.desc().version;
    out << YAML::Key << "library" << YAML::Value << p.plugin.library->path().string();
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  write_file_atomic(run_dir / "run_info.yaml", std::string(out.c_str()) + "\n");
}

}  // namespace rlrec::core
