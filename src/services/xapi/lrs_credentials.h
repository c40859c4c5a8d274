#pragma once
// Credentials of xAPI clients (an LMS, an HR system): HTTP Basic key/secret pairs, per
// organisation, scoped read and/or write. The secret is shown once; only its SHA-256 is kept (it is
// 192 random bits, so a fast hash is safe). Each credential is the `authority` of what it stores.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "services/principal.h"
#include "services/service_context.h"

namespace attune {

// An authenticated LRS client.
struct LrsClient {
  std::string org_id;
  std::string key;
  bool can_read = false;
  bool can_write = false;
  nlohmann::json authority;  // the Agent set as `authority` on the statements it stores
};

struct NewLrsCredential {
  LrsCredential record;
  std::string secret;  // shown once
};

class LrsCredentialService {
 public:
  explicit LrsCredentialService(ServiceContext ctx) : ctx_(ctx) {}

  // Admins only. `scopes` is a subset of {"read", "write"}; `org_id` must be the caller's own
  // organisation (CLI principals carry the organisation they were opened for).
  Result<NewLrsCredential> Create(const Principal& p, const std::string& name,
                                  const std::vector<std::string>& scopes);
  Result<std::vector<LrsCredential>> List(const Principal& p);
  Status Revoke(const Principal& p, const std::string& key);

  // Resolves an "Authorization: Basic ..." header value; kUnauthenticated when absent, malformed,
  // unknown or revoked (one message for all, so keys cannot be probed).
  Result<LrsClient> Authenticate(const std::string& authorization) const;

  // The authority Agent of a credential: an account on this server's base URL.
  nlohmann::json AuthorityFor(const LrsCredential& c) const;

 private:
  ServiceContext ctx_;
};

}  // namespace attune
