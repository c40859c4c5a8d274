#pragma once
// A stable 64-bit hash for feature hashing. The shipped model's weights are indexed by these
// hashes, so the function must never depend on the platform, the standard library or a per-process
// seed (std::hash guarantees none of that). Changing it invalidates every model file.
#include <cstdint>
#include <string_view>

namespace attune::affect {

inline constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
inline constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

// FNV-1a step; used incrementally for character n-grams.
inline uint64_t FnvStep(uint64_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }

// MurmurHash3 finaliser: FNV-1a alone leaves the low bits poorly mixed for short keys.
inline uint64_t Mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline uint64_t HashBytes(std::string_view s, uint64_t seed = kFnvOffset) {
  uint64_t h = seed;
  for (unsigned char c : s) h = FnvStep(h, c);
  return h;
}

// Combines two hashes order-sensitively (for word bigrams).
inline uint64_t HashPair(uint64_t a, uint64_t b) { return Mix64(a * 0x9e3779b97f4a7c15ULL ^ b); }

}  // namespace attune::affect
