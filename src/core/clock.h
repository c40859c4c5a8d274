#pragma once
// Time source injected everywhere time matters, so engines and services are deterministic in tests.
#include <cstdint>
#include <string>

namespace attune {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch (UTC).
  virtual int64_t NowMillis() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowMillis() const override;
};

// A clock tests move by hand.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t now_ms) : now_ms_(now_ms) {}
  int64_t NowMillis() const override { return now_ms_; }
  void Advance(int64_t ms) { now_ms_ += ms; }

 private:
  int64_t now_ms_;
};

// "2026-11-22T13:05:01.123Z"
std::string FormatIso8601Millis(int64_t epoch_ms);
// "Sun, 22 Nov 2026 13:05:01 GMT" (RFC 9110 IMF-fixdate: Date, Last-Modified).
std::string FormatHttpDate(int64_t epoch_ms);

}  // namespace attune
