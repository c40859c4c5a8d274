#pragma once
// Who is calling: resolved from a session cookie or an API token by AuthService.
#include <memory>
#include <string>
#include <vector>

#include "storage/api/records.h"

namespace attune {

struct Principal {
  enum class Via { kSession, kApiToken, kCli };
  std::string person_id;
  std::string org_id;
  std::string name;
  std::string email;
  std::vector<std::string> roles;
  Via via = Via::kSession;
  std::vector<std::string> scopes;  // API tokens only: "read", "write"
  std::string csrf_token;           // sessions only
  std::string credential_hash;      // session or token hash (for logout)
  // The person's record as read when the credential was resolved (as fresh as the principal:
  // see CredentialCache). Null for CLI and system principals.
  std::shared_ptr<const Person> profile;
};

}  // namespace attune
