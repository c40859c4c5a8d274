#include "services/credential_cache.h"

#include <algorithm>

namespace attune {

std::optional<Principal> CredentialCache::Get(const std::string& credential_hash, int64_t now) {
  if (ttl_ms_ <= 0) return std::nullopt;
  std::lock_guard lock(mu_);
  auto it = entries_.find(credential_hash);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.valid_until <= now) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.principal;
}

void CredentialCache::Put(const std::string& credential_hash, const Principal& p, int64_t now,
                          int64_t hard_expiry) {
  if (ttl_ms_ <= 0) return;
  std::lock_guard lock(mu_);
  // Bounded memory: a flood of distinct credentials resets the cache rather than growing it.
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[credential_hash] = Entry{p, std::min(now + ttl_ms_, hard_expiry)};
}

void CredentialCache::Clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
}

}  // namespace attune
