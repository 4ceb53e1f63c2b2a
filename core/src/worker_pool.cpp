#include "worker_pool.hpp"

namespace rlrec::core {

WorkerPool::WorkerPool(uint32_t workers) : size_(workers == 0 ? 1 : workers), errors_(size_) {
  for (uint32_t i = 1; i < size_; ++i) threads_.emplace_back([this, i] { thread_main(i); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  start_.notify_all();
  for (auto &t : threads_) t.join();
}

void WorkerPool::run(const std::function<void(uint32_t)> &task) {
  {
    std::lock_guard lock(mutex_);
    task_ = &task;
    pending_ = size_ - 1;
    ++generation_;
    for (auto &e : errors_) e = nullptr;
  }
  start_.notify_all();
  try {
    task(0);
  } catch (...) {
    errors_[0] = std::current_exception();
  }
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return pending_ == 0; });
  task_ = nullptr;
  for (auto &e : errors_) {
    if (e) std::rethrow_exception(e);
  }
}

void WorkerPool::thread_main(uint32_t index) {
  uint64_t seen = 0;
  for (;;) {
    const std::function<void(uint32_t)> *task = nullptr;
    {
      std::unique_lock lock(mutex_);
      start_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      task = task_;
    }
    try {
      (*task)(index);
    } catch (...) {
      errors_[index] = std::current_exception();
    }
    {
      std::lock_guard lock(mutex_);
      --pending_;
    }
    done_.notify_one();
  }
}

}  // namespace rlrec::core
