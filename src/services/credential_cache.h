#pragma once
// A short-lived cache from credential hash (session cookie or API token) to the resolved
// Principal. It saves two database reads on every authenticated request.
//
// Freshness: anything this process changes that affects a principal (logout, token revocation,
// password reset, role or active-flag change) clears the cache at once. Changes made by another
// Attune server sharing the same PostgreSQL are seen after at most `ttl_ms` (config
// auth_cache_ttl_ms, default 1000; 0 disables the cache). See docs/adr/0003-credential-cache.md.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "services/principal.h"

namespace attune {

class CredentialCache {
 public:
  explicit CredentialCache(int64_t ttl_ms, size_t max_entries = 100'000)
      : ttl_ms_(ttl_ms), max_entries_(max_entries) {}

  std::optional<Principal> Get(const std::string& credential_hash, int64_t now);
  // `hard_expiry` is when the credential itself expires (session end, token expiry).
  void Put(const std::string& credential_hash, const Principal& p, int64_t now,
           int64_t hard_expiry);
  void Clear();

 private:
  struct Entry {
    Principal principal;
    int64_t valid_until;
  };
  const int64_t ttl_ms_;
  const size_t max_entries_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace attune
