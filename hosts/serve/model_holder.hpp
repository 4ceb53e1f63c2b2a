// model_holder.hpp — the model being served, and its hot replacement. A reload (SIGHUP, POST
// /v1/models/reload, or the checkpoint source gaining a newer checkpoint when watched) loads the
// newest checkpoint of the source on the holder's own thread while requests keep using the
// current model; then the pointer is swapped. A request holds the model it started with to its
// end (std::shared_ptr), so no request is dropped, failed or answered by a half-loaded model, and
// the answers after the swap carry the new version. A failed load keeps the current model.
//
// Threads: current() and request_reload() from any thread; the constructor and stop() from one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "metrics.hpp"
#include "served_model.hpp"

namespace rlrec::serve {

class ModelHolder {
 public:
  // Called once a requested reload ended: ok and the new version, or not ok and why.
  using Done = std::function<void(bool ok, const std::string &text)>;

  // Loads the first model (throws what ServedModel throws) and starts the reload thread, which
  // also looks for a newer checkpoint of `source` every `watch` (zero: never).
  ModelHolder(std::filesystem::path source, uint32_t max_rows, std::chrono::milliseconds watch, Metrics &metrics);
  ~ModelHolder();
  ModelHolder(const ModelHolder &) = delete;
  ModelHolder &operator=(const ModelHolder &) = delete;

  std::shared_ptr<ServedModel> current() const;
  // Asks for a reload; `done` (nullable) is called on the reload thread when it ended. Requests
  // made while a load runs are served by the next load.
  void request_reload(Done done);
  void stop();

 private:
  void run();
  void reload(const std::vector<Done> &done);

  std::filesystem::path source_;
  uint32_t max_rows_;
  std::chrono::milliseconds watch_;
  Metrics &metrics_;
  uint64_t serial_ = 1;  // reload thread only (after construction)

  mutable std::mutex model_lock_;
  std::shared_ptr<ServedModel> model_;

  std::mutex lock_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::vector<Done> requests_;
  bool requested_ = false;
  std::thread thread_;
};

}  // namespace rlrec::serve
