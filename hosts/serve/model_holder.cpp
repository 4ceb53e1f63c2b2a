#include "model_holder.hpp"

#include <cstdio>

#include "checkpoint.hpp"

namespace rlrec::serve {

ModelHolder::ModelHolder(std::filesystem::path source, uint32_t max_rows, std::chrono::milliseconds watch,
                         Metrics &metrics)
    : source_(std::move(source)),
      max_rows_(max_rows),
      watch_(watch),
      metrics_(metrics),
      model_(std::make_shared<ServedModel>(source_, max_rows_, serial_)) {
  thread_ = std::thread([this] { run(); });
}

ModelHolder::~ModelHolder() { stop(); }

std::shared_ptr<ServedModel> ModelHolder::current() const {
  std::lock_guard guard(model_lock_);
  return model_;
}

void ModelHolder::request_reload(Done done) {
  {
    std::lock_guard guard(lock_);
    if (done) requests_.push_back(std::move(done));
    requested_ = true;
  }
  wake_.notify_all();
}

void ModelHolder::run() {
  for (;;) {
    std::vector<Done> done;
    {
      std::unique_lock guard(lock_);
      auto ready = [this] { return stopping_ || requested_; };
      if (watch_.count() > 0) wake_.wait_for(guard, watch_, ready);
      else wake_.wait(guard, ready);
      if (stopping_) break;
      if (!requested_) {
        // Watching: reload only when the source's newest checkpoint is another folder.
        guard.unlock();
        std::error_code ignored;
        std::filesystem::path newest;
        try {
          newest = core::find_checkpoint(source_);
        } catch (const std::exception &) {  // no checkpoint right now (being written): next time
          continue;
        }
        if (std::filesystem::equivalent(newest, current()->checkpoint(), ignored)) continue;
        guard.lock();
      }
      done.swap(requests_);
      requested_ = false;
    }
    reload(done);
  }
  // Whoever still waits is told why nothing happened.
  std::vector<Done> left;
  {
    std::lock_guard guard(lock_);
    left.swap(requests_);
  }
  for (const Done &d : left) d(false, "the server is stopping");
}

void ModelHolder::reload(const std::vector<Done> &done) {
  bool ok = true;
  std::string text;
  try {
    auto loaded = std::make_shared<ServedModel>(source_, max_rows_, ++serial_);
    text = loaded->version();
    std::shared_ptr<ServedModel> old;
    {
      std::lock_guard guard(model_lock_);
      old = std::exchange(model_, std::move(loaded));
    }
    // `old` is freed here, or by the last request still using it.
    metrics_.reloads_ok.fetch_add(1, std::memory_order_relaxed);
    std::fprintf(stderr, "rlrec serve: serving %s (%s)\n", text.c_str(), current()->checkpoint().c_str());
  } catch (const std::exception &e) {
    ok = false;
    text = std::string("reload failed, still serving the previous model: ") + e.what();
    metrics_.reloads_failed.fetch_add(1, std::memory_order_relaxed);
    std::fprintf(stderr, "rlrec serve: %s\n", text.c_str());
  }
  for (const Done &d : done) d(ok, text);
}

void ModelHolder::stop() {
  {
    std::lock_guard guard(lock_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace rlrec::serve
