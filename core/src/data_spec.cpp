#include "data_spec.hpp"

#include <rlrec_data/dataset_reader.hpp>

#include <algorithm>
#include <limits>
#include <span>
#include <string_view>

#include "errors.hpp"
#include "text.hpp"

namespace rlrec::core {
namespace {

rlrec_space unbounded_box(const std::vector<int64_t> &shape) {
  rlrec_space space{};
  space.kind = RLREC_SPACE_BOX;
  space.dtype = RLREC_DTYPE_F32;
  space.rank = static_cast<uint32_t>(shape.size());
  for (std::size_t i = 0; i < shape.size(); ++i) space.shape[i] = shape[i];
  space.low = -std::numeric_limits<double>::infinity();
  space.high = std::numeric_limits<double>::infinity();
  return space;
}

std::vector<int64_t> parse_shape(const YamlDocument &doc, const YAML::Node &node, const std::string &field) {
  const std::string what = doc.where(node) + ": 'spec.obs." + field + "' must be a list of sizes, e.g. [20, 5]";
  if (!node.IsSequence() || node.size() > RLREC_MAX_RANK) throw ConfigError(what + " (at most " + std::to_string(RLREC_MAX_RANK) + ")");
  std::vector<int64_t> shape;
  for (const YAML::Node &size : node) {
    int64_t value = 0;
    if (!size.IsScalar() || !YAML::convert<int64_t>::decode(size, value) || value < 0) throw ConfigError(what);
    shape.push_back(value);
  }
  return shape;
}

}  // namespace

DataSpec::DataSpec(std::vector<Field> obs, uint32_t slate_size, std::vector<std::string> info, const std::string &where)
    : obs_(std::move(obs)), info_names_(std::move(info)) {
  const Field *candidates = nullptr;
  for (const Field &f : obs_) {
    if (f.name == "candidates") candidates = &f;
    obs_fields_.push_back({f.name.c_str(), nullptr, unbounded_box(f.shape)});
  }
  if (candidates == nullptr || candidates->shape.size() != 2 || candidates->shape[0] < 1) {
    throw ConfigError(where + ": the observation needs a field 'candidates' of shape [N, features] with N >= 1 "
                              "(one row per item a slate can show)");
  }
  const int64_t num_candidates = candidates->shape[0];
  if (slate_size < 1 || slate_size > num_candidates) {
    throw ConfigError(where + ": the slate size " + std::to_string(slate_size) + " must be between 1 and the " +
                      std::to_string(num_candidates) + " candidates");
  }
  for (const std::string &name : info_names_) info_fields_.push_back({name.c_str(), nullptr, unbounded_box({})});

  spec_.struct_size = sizeof spec_;
  spec_.num_envs = 1;
  spec_.num_obs_fields = static_cast<uint32_t>(obs_fields_.size());
  spec_.obs_fields = obs_fields_.data();
  spec_.num_info_channels = static_cast<uint32_t>(info_fields_.size());
  spec_.info_channels = info_fields_.data();
  spec_.action_space.kind = RLREC_SPACE_MULTI_DISCRETE;
  spec_.action_space.dtype = RLREC_DTYPE_I32;
  spec_.action_space.rank = 1;
  spec_.action_space.shape[0] = slate_size;
  spec_.action_space.n = num_candidates;
  spec_.action_space.high = static_cast<double>(num_candidates - 1);
}

std::unique_ptr<const DataSpec> DataSpec::from_yaml(const YamlDocument &doc, const YAML::Node &node) {
  if (!node.IsMap()) throw ConfigError(doc.where(node) + ": 'spec' must be a map {obs: {FIELD: SHAPE, ...}, slate_size: K}");
  const std::vector<std::string> keys = {"obs", "slate_size", "info"};
  for (const auto &item : node) {
    const std::string key = item.first.as<std::string>();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      throw ConfigError(doc.where(item.first) + ": unknown key '" + key + "' in 'spec'" + did_you_mean(key, keys));
    }
  }
  const YAML::Node obs = node["obs"];
  if (!obs || !obs.IsMap() || obs.size() == 0) {
    throw ConfigError(doc.where(obs ? obs : node) + ": 'spec.obs' must map each observation field to its shape, "
                                                    "e.g. {user: [5], candidates: [20, 5]}");
  }
  std::vector<Field> fields;
  for (const auto &item : obs) {
    const std::string name = item.first.as<std::string>();
    fields.push_back({name, parse_shape(doc, item.second, name)});
  }
  uint32_t slate_size = 1;
  if (const YAML::Node k = node["slate_size"]; k && (!k.IsScalar() || !YAML::convert<uint32_t>::decode(k, slate_size))) {
    throw ConfigError(doc.where(k) + ": 'spec.slate_size' must be a positive integer");
  }
  std::vector<std::string> info;
  if (const YAML::Node channels = node["info"]) {
    if (!channels.IsSequence()) throw ConfigError(doc.where(channels) + ": 'spec.info' must be a list of channel names");
    for (const YAML::Node &c : channels) {
      if (!c.IsScalar()) throw ConfigError(doc.where(c) + ": 'spec.info' entries must be channel names");
      info.push_back(c.Scalar());
    }
  }
  return std::unique_ptr<const DataSpec>(new DataSpec(std::move(fields), slate_size, std::move(info), doc.where(node)));
}

std::unique_ptr<const DataSpec> DataSpec::from_dataset(const std::filesystem::path &dataset) {
  rlrec_data::DatasetReader reader(dataset);
  rlrec_data::Decision first;
  if (!reader.next(first)) throw ConfigError(dataset.string() + ": the dataset holds no decisions to take the spec from");
  std::vector<Field> fields;
  for (const rlrec_data::NamedArray &a : first.obs) fields.push_back({a.name, a.shape});
  std::vector<std::string> info;
  for (const rlrec_data::NamedScalar &s : first.info) info.push_back(s.name);
  const std::string where = dataset.string() + " (its first decision)";
  return std::unique_ptr<const DataSpec>(
      new DataSpec(std::move(fields), static_cast<uint32_t>(first.slate.size()), std::move(info), where));
}

void DataSpec::check_matches(const rlrec_env_spec &env, const std::string &env_id) const {
  auto shape_text = [](std::span<const int64_t> shape) {
    std::vector<std::string> sizes;
    for (int64_t size : shape) sizes.push_back(std::to_string(size));
    return "[" + join(sizes, ", ") + "]";
  };
  auto fields_text = [&](std::span<const rlrec_field> fields) {
    std::vector<std::string> items;
    for (const rlrec_field &f : fields) items.push_back(std::string(f.name) + " " + shape_text({f.space.shape, f.space.rank}));
    return join(items, ", ");
  };
  const std::span<const rlrec_field> ours(obs_fields_), theirs(env.obs_fields, env.num_obs_fields);
  const bool same_fields = std::equal(ours.begin(), ours.end(), theirs.begin(), theirs.end(), [](const rlrec_field &a, const rlrec_field &b) {
    return std::string_view(a.name) == b.name && std::equal(a.space.shape, a.space.shape + a.space.rank, b.space.shape, b.space.shape + b.space.rank);
  });
  if (!same_fields || env.action_space.shape[0] != spec_.action_space.shape[0]) {
    throw ConfigError("env '" + env_id + "' does not show the policy what its 'spec' says it was trained on: spec " +
                      fields_text(ours) + ", slate " + std::to_string(spec_.action_space.shape[0]) + "; env " +
                      fields_text(theirs) + ", slate " + std::to_string(env.action_space.shape[0]));
  }
}

YAML::Node DataSpec::to_yaml() const {
  YAML::Node node;
  for (const Field &f : obs_) {
    YAML::Node shape(YAML::NodeType::Sequence);
    for (int64_t size : f.shape) shape.push_back(size);
    shape.SetStyle(YAML::EmitterStyle::Flow);
    node["obs"][f.name] = shape;
  }
  node["slate_size"] = spec_.action_space.shape[0];
  if (!info_names_.empty()) {
    YAML::Node info(YAML::NodeType::Sequence);
    for (const std::string &name : info_names_) info.push_back(name);
    node["info"] = info;
  }
  return node;
}

}  // namespace rlrec::core
