#pragma once
// A fixed set of connections handed out first-come, first-served. A released connection goes
// straight to the longest waiter, so under load no request waits behind later arrivals (a plain
// condition variable wakes an arbitrary waiter and lets some requests starve for seconds).
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace attune {

template <typename Connection>
class ConnectionPool {
 public:
  explicit ConnectionPool(std::vector<std::unique_ptr<Connection>> connections)
      : connections_(std::move(connections)) {
    for (auto& c : connections_) idle_.push_back(c.get());
  }

  Connection* Acquire() {
    std::unique_lock lock(mu_);
    if (!idle_.empty() && waiters_.empty()) {
      Connection* c = idle_.back();
      idle_.pop_back();
      return c;
    }
    Waiter me;
    waiters_.push_back(&me);
    me.cv.wait(lock, [&] { return me.handed != nullptr; });
    return me.handed;
  }

  void Release(Connection* c) {
    std::unique_lock lock(mu_);
    if (waiters_.empty()) {
      idle_.push_back(c);
      return;
    }
    Waiter* next = waiters_.front();
    waiters_.pop_front();
    next->handed = c;
    next->cv.notify_one();
  }

  // Runs fn(connection) with a connection held for the duration.
  template <typename Fn>
  auto With(Fn&& fn) {
    struct Lease {
      ConnectionPool* pool;
      Connection* c;
      ~Lease() { pool->Release(c); }
    } lease{this, Acquire()};
    return fn(*lease.c);
  }

 private:
  struct Waiter {
    std::condition_variable cv;
    Connection* handed = nullptr;
  };
  std::vector<std::unique_ptr<Connection>> connections_;
  std::mutex mu_;
  std::vector<Connection*> idle_;
  std::deque<Waiter*> waiters_;
};

}  // namespace attune
