#pragma once
// Prometheus metrics for the HTTP server: request counts by route and status class, and latency
// histograms by route. Lock-free on the request path (one slot per route, fixed at start-up).
#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace attune {

class HttpMetrics {
 public:
  static constexpr std::array<double, 12> kBucketsSeconds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  // Registers a route label ("GET /api/v1/me"); returns its slot. Call before serving.
  int AddRoute(const std::string& label);
  // Slot for requests no route matched.
  int unmatched() const { return 0; }
  void Record(int slot, int status, double seconds);
  void SetThreadPool(int size) { pool_size_ = size; }
  std::atomic<int>& busy_workers() { return busy_workers_; }
  // Text exposition format 0.0.4.
  std::string Render() const;

  HttpMetrics() { AddRoute("unmatched"); }

 private:
  struct Slot {
    std::string label;
    std::array<std::atomic<uint64_t>, 5> by_class{};  // 1xx..5xx
    std::array<std::atomic<uint64_t>, kBucketsSeconds.size()> buckets{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_micros{0};
  };
  std::deque<Slot> slots_;  // deque: slots never move once handed out
  int pool_size_ = 0;
  std::atomic<int> busy_workers_{0};
};

}  // namespace attune
