#include "http/metrics.h"

#include <cstdio>

namespace attune {

int HttpMetrics::AddRoute(const std::string& label) {
  slots_.emplace_back();
  slots_.back().label = label;
  return static_cast<int>(slots_.size()) - 1;
}

void HttpMetrics::Record(int slot, int status, double seconds) {
  Slot& s = slots_[static_cast<size_t>(slot)];
  int cls = status / 100 - 1;
  if (cls >= 0 && cls < 5) s.by_class[cls].fetch_add(1, std::memory_order_relaxed);
  for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    if (seconds <= kBucketsSeconds[i]) {
      s.buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  s.count.fetch_add(1, std::memory_order_relaxed);
  s.sum_micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string HttpMetrics::Render() const {
  std::string out;
  char buf[512];
  out += "# HELP attune_http_requests_total HTTP requests by route and status class.\n";
  out += "# TYPE attune_http_requests_total counter\n";
  for (const auto& s : slots_) {
    for (int c = 0; c < 5; ++c) {
      uint64_t n = s.by_class[c].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::snprintf(buf, sizeof buf,
                    "attune_http_requests_total{route=\"%s\",status=\"%dxx\"} %llu\n",
                    s.label.c_str(), c + 1, static_cast<unsigned long long>(n));
      out += buf;
    }
  }
  out += "# HELP attune_http_request_duration_seconds Time from routing to response, by route.\n";
  out += "# TYPE attune_http_request_duration_seconds histogram\n";
  for (const auto& s : slots_) {
    uint64_t total = s.count.load(std::memory_order_relaxed);
    if (total == 0) continue;
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
      cumulative += s.buckets[i].load(std::memory_order_relaxed);
      std::snprintf(buf, sizeof buf,
                    "attune_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                    s.label.c_str(), kBucketsSeconds[i],
                    static_cast<unsigned long long>(cumulative));
      out += buf;
    }
    std::snprintf(buf, sizeof buf,
                  "attune_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
                  "attune_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                  "attune_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
                  s.label.c_str(), static_cast<unsigned long long>(total), s.label.c_str(),
                  static_cast<double>(s.sum_micros.load(std::memory_order_relaxed)) / 1e6,
                  s.label.c_str(), static_cast<unsigned long long>(total));
    out += buf;
  }
  std::snprintf(buf, sizeof buf,
                "# HELP attune_http_worker_threads Size of the HTTP worker pool.\n"
                "# TYPE attune_http_worker_threads gauge\nattune_http_worker_threads %d\n"
                "# HELP attune_http_workers_busy Workers serving a connection now.\n"
                "# TYPE attune_http_workers_busy gauge\nattune_http_workers_busy %d\n",
                pool_size_, busy_workers_.load());
  out += buf;
  return out;
}

}  // namespace attune
