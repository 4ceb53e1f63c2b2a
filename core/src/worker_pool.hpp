// worker_pool.hpp — a fixed set of threads that run one task per worker index and wait for all,
// once per env step. The caller's thread runs index 0, so one worker means no thread at all.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace rlrec::core {

class WorkerPool {
 public:
  explicit WorkerPool(uint32_t workers);
  ~WorkerPool();
  WorkerPool(const WorkerPool &) = delete;
  WorkerPool &operator=(const WorkerPool &) = delete;

  uint32_t size() const { return size_; }

  // Runs task(i) for every i in [0, size()) in parallel and returns when all are done. If tasks
  // throw, rethrows the exception of the lowest index (deterministic messages).
  void run(const std::function<void(uint32_t)> &task);

 private:
  void thread_main(uint32_t index);

  uint32_t size_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable start_;
  std::condition_variable done_;
  const std::function<void(uint32_t)> *task_ = nullptr;
  uint64_t generation_ = 0;
  uint32_t pending_ = 0;
  bool stopping_ = false;
  std::vector<std::exception_ptr> errors_;
};

}  // namespace rlrec::core
