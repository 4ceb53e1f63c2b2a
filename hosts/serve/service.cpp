#include "service.hpp"

#include <boost/asio/signal_set.hpp>
#include <boost/beast/http/verb.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <csignal>
#include <numeric>
#include <rlrec_support/json_text.hpp>

#include "batch.hpp"
#include "http_error.hpp"
#include "vector_env.hpp"

namespace rlrec::serve {
namespace {

namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kEventsPrefix = "/v1/events/";
constexpr std::string_view kRewardSuffix = "/reward";

JournalSettings journal_settings(const ServeSettings &s, const ServedModel &model) {
  JournalSettings j;
  j.dir = s.log_dir;
  j.window = s.join_window;
  j.flush_interval = s.flush_interval;
  j.max_pending = s.max_pending;
  j.spec_candidates = model.spec_candidates();
  j.info_channels = model.info_channels();
  return j;
}

void append_float(std::string &out, float value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[32];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

HttpResponse json_response(unsigned status, std::string body) {
  body += '\n';
  return text_response(status, "application/json", std::move(body));
}

void require(const HttpRequest &request, http::verb verb) {
  if (request.method() != verb)
    throw HttpError(405, "use " + std::string(http::to_string(verb)) + " for " + std::string(request.target()));
}

// What act wrote for every request of a batch, request by request.
struct Decisions {
  Decisions(std::size_t rows, uint32_t k) : slates(rows * k), slate_prob(rows), propensity(rows * k), scores(rows * k) {}
  std::vector<int32_t> slates;
  std::vector<float> slate_prob;
  std::vector<float> propensity;
  std::vector<float> scores;
};

// Acts on the requests `rows` (indices into items, all with the same candidate count).
void act_group(ServedModel &model, uint32_t mode, const std::vector<RankItem> &items,
               const std::vector<std::size_t> &rows, Decisions &decisions) {
  const uint32_t n = items[rows[0]].n;
  const uint32_t k = model.slate_size();
  const std::vector<rlrec_field> fields = model.fields_with(n);
  const auto count = static_cast<uint32_t>(rows.size());
  core::ObsBuffers obs(fields, count);
  for (uint32_t r = 0; r < count; ++r) {
    const RankItem &item = items[rows[r]];
    for (std::size_t f = 0; f < fields.size(); ++f) core::store_values(fields[f].space.dtype, item.obs[f].values, obs.row(f, r));
    if (std::string problem = core::check_obs_row(fields, obs, r); !problem.empty())
      throw HttpError(400, "requests[" + std::to_string(rows[r]) + "]: " + problem);
  }
  core::ActBuffers act(count, k);
  rlrec_act_input in{};
  in.struct_size = sizeof in;
  in.rows = count;
  in.mode = mode;
  in.obs = obs.tensors();
  rlrec_act_output out = act.slice(0, count);
  model.act(n, in, out);
  for (uint32_t r = 0; r < count; ++r) {
    const std::size_t at = rows[r];
    std::copy_n(act.slates.begin() + r * k, k, decisions.slates.begin() + at * k);
    std::copy_n(act.slot_propensity.begin() + r * k, k, decisions.propensity.begin() + at * k);
    std::copy_n(act.scores.begin() + r * k, k, decisions.scores.begin() + at * k);
    decisions.slate_prob[at] = act.slate_prob[r];
  }
}

}  // namespace

Service::Service(const ServeSettings &settings)
    : settings_(settings),
      models_(settings_.checkpoint, settings_.limits.max_requests, settings_.watch, metrics_),
      first_version_(models_.current()->version()),
      journal_(journal_settings(settings_, *models_.current()), metrics_),
      http_(settings_.http, [this](HttpRequest &&request, HttpServer::Reply reply) {
        handle(std::move(request), std::move(reply));
      }, metrics_) {}

void Service::run() {
  boost::asio::signal_set signals(http_.io(), SIGINT, SIGTERM, SIGHUP);
  std::function<void(const boost::system::error_code &, int)> on_signal = [&](const boost::system::error_code &ec,
                                                                               int signal) {
    if (ec) return;
    if (signal == SIGHUP) {
      models_.request_reload(nullptr);
      signals.async_wait(on_signal);
      return;
    }
    http_.stop();
  };
  signals.async_wait(on_signal);
  http_.run();
  journal_.stop();
  models_.stop();
}

void Service::handle(HttpRequest &&request, HttpServer::Reply reply) {
  const Clock::time_point start = Clock::now();
  const auto target = request.target();  // a boost::string_view in Boost 1.74
  std::string_view path(target.data(), target.size());
  path = path.substr(0, path.find('?'));
  Route route = Route::kOther;
  auto answer = [&](HttpResponse &&res) {
    metrics_.request(route, res.result_int(), std::chrono::duration<double>(Clock::now() - start).count());
    reply(std::move(res));
  };
  try {
    if (path == "/v1/rank") {
      route = Route::kRank;
      return answer(rank(request));
    }
    if (path.starts_with(kEventsPrefix) && path.ends_with(kRewardSuffix)) {
      route = Route::kReward;
      const std::string_view id =
          path.substr(kEventsPrefix.size(), path.size() - kEventsPrefix.size() - kRewardSuffix.size());
      return answer(reward(request, id));
    }
    if (path == "/healthz") {
      route = Route::kHealthz;
      return answer(json_response(200, "{\"status\":\"ok\"}"));
    }
    if (path == "/readyz") {
      route = Route::kReadyz;
      // Not ready once stopping: a load balancer stops sending while the answers in flight end.
      return answer(http_.stopping() ? json_error(503, "stopping") : json_response(200, "{\"status\":\"ready\"}"));
    }
    if (path == "/metrics") {
      route = Route::kMetrics;
      require(request, http::verb::get);
      return answer(text_response(200, "text/plain; version=0.0.4", metrics_.render(models_.current()->version())));
    }
    if (path == "/v1/models") {
      route = Route::kModels;
      require(request, http::verb::get);
      return answer(models());
    }
    if (path == "/v1/models/reload") {
      route = Route::kReload;
      require(request, http::verb::post);
      // Answered from the reload thread once the new model serves (or the load failed).
      models_.request_reload([this, reply, start](bool ok, const std::string &text) {
        std::string body = "{\"model_version\":";
        rlrec_support::append_json_string(body, text);
        HttpResponse res = ok ? json_response(200, body + "}") : json_error(500, text);
        metrics_.request(Route::kReload, res.result_int(), std::chrono::duration<double>(Clock::now() - start).count());
        reply(std::move(res));
      });
      return;
    }
    throw HttpError(404, "no route " + std::string(path));
  } catch (const HttpError &e) {
    answer(json_error(e.status(), e.what()));
  } catch (const std::exception &e) {
    answer(json_error(500, e.what()));
  }
}

HttpResponse Service::rank(const HttpRequest &request) {
  require(request, http::verb::post);
  const std::shared_ptr<ServedModel> model = models_.current();  // this request's model to the end
  std::vector<RankItem> items = parse_rank_body(request.body(), *model, settings_.limits);
  const uint32_t k = model->slate_size();
  const uint32_t mode = settings_.greedy ? RLREC_ACT_GREEDY : RLREC_ACT_EXPLORE;

  // One act call per candidate count in the batch.
  Decisions decisions(items.size(), k);
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return items[a].n < items[b].n; });
  std::vector<std::size_t> group;
  for (std::size_t i = 0; i < order.size(); ++i) {
    group.push_back(order[i]);
    if (i + 1 == order.size() || items[order[i + 1]].n != items[order[i]].n) {
      act_group(*model, mode, items, group, decisions);
      group.clear();
    }
  }
  metrics_.decisions.fetch_add(items.size(), std::memory_order_relaxed);

  std::string body = "{\"model_version\":";
  rlrec_support::append_json_string(body, model->version());
  body += ",\"results\":[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    RankItem &item = items[i];
    PendingDecision pending;
    rlrec_data::Decision &d = pending.decision;
    d.episode_id = journal_.next_id();
    d.event_id = DecisionJournal::event_id_text(d.episode_id);
    d.slate.assign(decisions.slates.begin() + i * k, decisions.slates.begin() + (i + 1) * k);
    d.slate_prob = decisions.slate_prob[i];
    d.slot_propensity.assign(decisions.propensity.begin() + i * k, decisions.propensity.begin() + (i + 1) * k);
    d.terminated = true;  // an episode is one request
    d.policy_id = model->policy_id();
    d.policy_version = model->version();
    for (int32_t c : d.slate) pending.shown.push_back(item.ids[static_cast<std::size_t>(c)]);
    pending.n = item.n;

    if (i > 0) body += ',';
    body += "{\"event_id\":";
    rlrec_support::append_json_string(body, d.event_id);
    body += ",\"slate\":[";
    for (uint32_t l = 0; l < k; ++l) {
      if (l > 0) body += ',';
      append_id(body, pending.shown[l]);
    }
    body += "],\"scores\":[";
    for (uint32_t l = 0; l < k; ++l) {
      if (l > 0) body += ',';
      append_float(body, decisions.scores[i * k + l]);
    }
    body += "],\"slot_propensity\":[";
    for (uint32_t l = 0; l < k; ++l) {
      if (l > 0) body += ',';
      append_float(body, d.slot_propensity[l]);
    }
    body += "],\"slate_prob\":";
    append_float(body, d.slate_prob);
    body += '}';

    d.obs = std::move(item.obs);
    journal_.add(std::move(pending));
  }
  body += "]}";
  return json_response(200, std::move(body));
}

HttpResponse Service::reward(const HttpRequest &request, std::string_view event_id) {
  require(request, http::verb::post);
  const RewardBody body = parse_reward_body(request.body());
  const std::optional<uint64_t> id = DecisionJournal::parse_event_id(event_id);
  const std::string quoted_id = [&] {
    std::string q;
    rlrec_support::append_json_string(q, event_id);
    return q;
  }();
  switch (id ? journal_.reward(*id, body) : DecisionJournal::Outcome::kUnknown) {
    case DecisionJournal::Outcome::kJoined: return json_response(200, "{\"event_id\":" + quoted_id + ",\"status\":\"joined\"}");
    case DecisionJournal::Outcome::kLate:
      return json_response(202, "{\"event_id\":" + quoted_id + ",\"status\":\"late\"}");
    case DecisionJournal::Outcome::kAlreadyRewarded:
      throw HttpError(409, "event " + std::string(event_id) + " already has its reward");
    case DecisionJournal::Outcome::kUnknown: break;
  }
  throw HttpError(404, "unknown event id " + std::string(event_id));
}

HttpResponse Service::models() const {
  const std::shared_ptr<ServedModel> model = models_.current();
  std::string body = "{\"models\":[{\"policy_id\":";
  rlrec_support::append_json_string(body, model->policy_id());
  body += ",\"model_version\":";
  rlrec_support::append_json_string(body, model->version());
  body += ",\"checkpoint\":";
  rlrec_support::append_json_string(body, model->checkpoint().string());
  body += ",\"mode\":";
  body += settings_.greedy ? "\"greedy\"" : "\"explore\"";
  body += ",\"candidates\":" + std::to_string(model->spec_candidates());
  body += ",\"slate_size\":" + std::to_string(model->slate_size());
  body += ",\"context_dim\":" + std::to_string(model->layout().user_dim);
  body += ",\"feature_dim\":" + std::to_string(model->layout().item_dim);
  body += ",\"obs_fields\":[";
  for (std::size_t f = 0; f < model->fields().size(); ++f) {
    if (f > 0) body += ',';
    rlrec_support::append_json_string(body, model->fields()[f].name);
  }
  body += "]}]}";
  return json_response(200, std::move(body));
}

}  // namespace rlrec::serve
