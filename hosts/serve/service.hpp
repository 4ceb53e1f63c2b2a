// service.hpp — `rlrec serve`: the routes of the HTTP API (docs/serving.md) over a served model,
// the decision journal and the metrics; SIGINT/SIGTERM stop it cleanly, SIGHUP reloads.
//
//   POST /v1/rank                   a batch of rank requests -> slates, probabilities, event ids
//   POST /v1/events/{id}/reward     joins a reward to its decision
//   GET  /healthz  /readyz  /metrics  /v1/models      POST /v1/models/reload
//
// Threads: run() blocks the calling thread, which serves with the others of the pool; stop()
// from any thread.
#pragma once

#include <chrono>
#include <filesystem>
#include <string_view>

#include "decision_journal.hpp"
#include "http_server.hpp"
#include "metrics.hpp"
#include "model_holder.hpp"
#include "rank_request.hpp"

namespace rlrec::serve {

struct ServeSettings {
  std::filesystem::path checkpoint;  // a checkpoint folder, or a run folder (its newest checkpoint)
  std::filesystem::path log_dir;     // the decision dataset
  HttpSettings http;
  RankLimits limits;
  bool greedy = false;  // act in GREEDY mode instead of the policy's own exploration
  std::chrono::milliseconds join_window{60000};
  std::chrono::milliseconds flush_interval{1000};
  std::chrono::milliseconds watch{0};  // look for a newer checkpoint this often; 0 = never
  std::size_t max_pending = 100000;
};

class Service {
 public:
  // Loads the model, opens the journal, binds the port. Throws on any failure.
  explicit Service(const ServeSettings &settings);
  uint16_t port() const { return http_.port(); }
  const std::string &first_version() const { return first_version_; }
  // Serves until stop() or SIGINT/SIGTERM; then writes the journal out and returns.
  void run();
  void stop() { http_.stop(); }

 private:
  void handle(HttpRequest &&request, HttpServer::Reply reply);
  HttpResponse rank(const HttpRequest &request);
  HttpResponse reward(const HttpRequest &request, std::string_view event_id);
  HttpResponse models() const;

  ServeSettings settings_;
  Metrics metrics_;
  ModelHolder models_;
  std::string first_version_;
  DecisionJournal journal_;
  HttpServer http_;
};

}  // namespace rlrec::serve
