#pragma once
// Randomness injected like the clock. SecureRandom is for secrets (tokens, ids); SeededRandom is
// for deterministic simulations and tests.
#include <cstdint>
#include <random>
#include <string>

namespace attune {

class Random {
 public:
  virtual ~Random() = default;
  virtual void Fill(void* out, size_t n) = 0;
  uint64_t NextU64();
  // Uniform in [0, 1).
  double NextDouble();
  // n random bytes as lowercase hex (2n characters).
  std::string Hex(size_t n_bytes);
};

// Cryptographically secure (getrandom(2)); thread-safe.
class SecureRandom final : public Random {
 public:
  void Fill(void* out, size_t n) override;
};

// Deterministic; not thread-safe; never for secrets.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : engine_(seed) {}
  void Fill(void* out, size_t n) override;

 private:
  std::mt19937_64 engine_;
};

}  // namespace attune
