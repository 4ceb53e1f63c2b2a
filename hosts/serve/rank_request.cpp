#include "rank_request.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <rlrec_support/json_text.hpp>

#include "http_error.hpp"

namespace rlrec::serve {
namespace {

using simdjson::dom::element;
// A value that may be missing (NO_SUCH_FIELD): getters on it fail like on a wrong type.
using maybe_element = simdjson::simdjson_result<element>;

simdjson::dom::element parse_json(std::string_view body) {
  thread_local simdjson::dom::parser parser;
  element root;
  if (auto error = parser.parse(body.data(), body.size()).get(root))
    throw HttpError(400, std::string("malformed JSON: ") + simdjson::error_message(error));
  return root;
}

// The functions below name what they read with `what()`, called only to word an error: building
// the path of every number ("requests[0].candidates[7].features") cost more than parsing it.

// Reads a number.
template <class What>
double number_of(maybe_element e, const What &what) {
  double v = 0.0;
  if (e.get_double().get(v)) throw HttpError(400, what() + " must be a number");
  // Observations and rewards are float32 (or narrower): a larger value has no conversion.
  if (!(std::fabs(v) <= std::numeric_limits<float>::max())) throw HttpError(400, what() + " is out of range");
  return v;
}

// Appends exactly `count` numbers of the JSON array `e` to `out`.
template <class What>
void read_numbers(maybe_element e, std::size_t count, std::vector<double> &out, const What &what) {
  simdjson::dom::array array;
  if (e.get_array().get(array)) throw HttpError(400, what() + " must be an array of numbers");
  if (array.size() != count)
    throw HttpError(400, what() + " has " + std::to_string(array.size()) + " values, the model expects " +
                             std::to_string(count));
  for (element v : array) out.push_back(number_of(maybe_element(std::move(v)), [&] { return what() + " element"; }));
}

// Appends the numbers of a nested array of `shape` (row-major) to `out`.
template <class What>
void read_nested(maybe_element e, const int64_t *shape, uint32_t rank, std::vector<double> &out, const What &what) {
  if (rank == 0) {
    out.push_back(number_of(e, what));
    return;
  }
  if (rank == 1) {
    read_numbers(e, static_cast<std::size_t>(shape[0]), out, what);
    return;
  }
  simdjson::dom::array array;
  if (e.get_array().get(array) || array.size() != static_cast<std::size_t>(shape[0]))
    throw HttpError(400, what() + " must be a nested array of " + std::to_string(shape[0]) + " rows");
  for (element row : array) read_nested(maybe_element(std::move(row)), shape + 1, rank - 1, out, what);
}

template <class What>
CandidateId id_of(maybe_element e, const What &what) {
  CandidateId id;
  std::string_view text;
  int64_t number = 0;
  if (!e.get_string().get(text)) {
    id.text = text;
    id.quoted = true;
  } else if (!e.get_int64().get(number)) {
    id.text = std::to_string(number);
  } else {
    throw HttpError(400, what() + " must be a string or an integer");
  }
  return id;
}

maybe_element member(simdjson::dom::object object, std::string_view key) { return object[key]; }

// The key is there and not null.
bool present(maybe_element e) { return e.error() == simdjson::SUCCESS && !e.is_null(); }

RankItem parse_item(element request, const std::string &where, const ServedModel &model, const RankLimits &limits) {
  simdjson::dom::object object;
  if (request.get_object().get(object)) throw HttpError(400, where + " must be an object");
  const ObsLayout &layout = model.layout();
  const std::vector<rlrec_field> &fields = model.fields();

  simdjson::dom::array candidates;
  if (member(object, "candidates").get_array().get(candidates))
    throw HttpError(400, where + ".candidates must be an array of {\"id\", \"features\"}");
  if (candidates.size() > limits.max_candidates)
    throw HttpError(413, where + " has " + std::to_string(candidates.size()) + " candidates, the limit is " +
                             std::to_string(limits.max_candidates));
  std::vector<CandidateId> excluded;
  if (maybe_element e = member(object, "exclude"); present(e)) {
    simdjson::dom::array array;
    if (e.get_array().get(array)) throw HttpError(400, where + ".exclude must be an array of ids");
    for (element id : array)
      excluded.push_back(id_of(maybe_element(std::move(id)), [&] { return where + ".exclude element"; }));
  }

  RankItem item;
  std::vector<double> features;
  std::vector<double> mask;
  std::size_t c = 0;
  for (element candidate : candidates) {
    auto at = [&where, c](const char *field) { return where + ".candidates[" + std::to_string(c) + "]" + field; };
    ++c;
    simdjson::dom::object fields_of;
    if (candidate.get_object().get(fields_of)) throw HttpError(400, at(" must be an object"));
    CandidateId id = id_of(member(fields_of, "id"), [&] { return at(".id"); });
    const bool is_excluded = std::find(excluded.begin(), excluded.end(), id) != excluded.end();
    if (is_excluded && layout.mask < 0) continue;  // removed: the spec cannot mask it
    read_numbers(member(fields_of, "features"), layout.item_dim, features, [&] { return at(".features"); });
    mask.push_back(is_excluded ? 0.0 : 1.0);
    item.ids.push_back(std::move(id));
  }
  item.n = static_cast<uint32_t>(item.ids.size());
  const auto available = static_cast<uint32_t>(std::count(mask.begin(), mask.end(), 1.0));
  if (available < model.slate_size())
    throw HttpError(400, where + " has " + std::to_string(available) + " candidates to choose from, a slate shows " +
                             std::to_string(model.slate_size()));

  simdjson::dom::object extra;
  const bool has_extra = !member(object, "obs").get_object().get(extra);
  item.obs.resize(fields.size());
  for (std::size_t f = 0; f < fields.size(); ++f) {
    rlrec_data::NamedArray &array = item.obs[f];
    const rlrec_space &space = fields[f].space;
    array.name = fields[f].name;
    array.dtype = space.dtype;
    array.shape.assign(space.shape, space.shape + space.rank);
    const int fi = static_cast<int>(f);
    if (fi == layout.candidates) {
      array.shape[0] = item.n;
      array.values = std::move(features);
    } else if (fi == layout.mask) {
      array.shape[0] = item.n;
      array.values = std::move(mask);
    } else if (fi == layout.user) {
      read_nested(member(object, "context"), space.shape, space.rank, array.values, [&] { return where + ".context"; });
    } else if (maybe_element given = has_extra ? extra[fields[f].name] : maybe_element(simdjson::NO_SUCH_FIELD);
               present(given)) {
      read_nested(given, space.shape, space.rank, array.values,
                  [&] { return where + ".obs." + fields[f].name; });
    } else {
      array.values.assign(static_cast<std::size_t>(rlrec_space_numel(&space)), 0.0);
    }
    const bool real = space.dtype == RLREC_DTYPE_F32 || space.dtype == RLREC_DTYPE_F64;
    for (double v : array.values) {
      if (!real && !(v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max()))
        throw HttpError(400, where + ": field '" + array.name + "' holds integers, " + std::to_string(v) + " is not one");
    }
  }
  return item;
}

}  // namespace

std::vector<RankItem> parse_rank_body(std::string_view body, const ServedModel &model, const RankLimits &limits) {
  simdjson::dom::object root;
  if (parse_json(body).get_object().get(root)) throw HttpError(400, "the body must be a JSON object");
  simdjson::dom::array requests;
  if (member(root, "requests").get_array().get(requests))
    throw HttpError(400, "the body must have \"requests\": an array of rank requests");
  if (requests.size() == 0) throw HttpError(400, "\"requests\" is empty");
  if (requests.size() > limits.max_requests)
    throw HttpError(413, "a batch of " + std::to_string(requests.size()) + " requests, the limit is " +
                             std::to_string(limits.max_requests));
  std::vector<RankItem> items;
  items.reserve(requests.size());
  for (element request : requests)
    items.push_back(parse_item(request, "requests[" + std::to_string(items.size()) + "]", model, limits));
  return items;
}

RewardBody parse_reward_body(std::string_view body) {
  simdjson::dom::object root;
  if (parse_json(body).get_object().get(root)) throw HttpError(400, "the body must be a JSON object");
  RewardBody reward;
  reward.value = number_of(member(root, "value"), [] { return std::string("\"value\""); });
  if (maybe_element e = member(root, "clicked_id"); present(e)) {
    reward.has_clicked = true;
    reward.clicked = id_of(e, [] { return std::string("\"clicked_id\""); });
  }
  return reward;
}

void append_id(std::string &out, const CandidateId &id) {
  if (id.quoted) rlrec_support::append_json_string(out, id.text);
  else out += id.text;
}

}  // namespace rlrec::serve
