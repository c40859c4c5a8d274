#pragma once
// Login, sessions, API tokens and passwords.
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "services/principal.h"
#include "services/service_context.h"

namespace attune {

struct LoginResult {
  std::string session_token;  // the cookie value; only its hash is stored
  std::string csrf_token;
  int64_t expires_at = 0;
  Principal principal;
};

struct NewApiToken {
  ApiTokenRecord record;
  std::string secret;  // shown once to the caller; only its hash is stored
};

class AuthService {
 public:
  explicit AuthService(ServiceContext ctx) : ctx_(ctx) {}

  // kUnauthenticated for a wrong e-mail or password (the same message for both); kRateLimited
  // after too many recent failures for the e-mail or from the remote address.
  Result<LoginResult> Login(const std::string& email, const std::string& password,
                            const std::string& remote);
  Status Logout(const Principal& p);
  // Resolves a session cookie; kUnauthenticated when unknown or expired.
  Result<Principal> AuthenticateSession(const std::string& session_token);
  // Resolves an "Authorization: Bearer" token; kUnauthenticated when unknown, revoked or expired.
  Result<Principal> AuthenticateToken(const std::string& token);

  Result<NewApiToken> CreateToken(const Principal& p, const std::string& name,
                                  const std::vector<std::string>& scopes,
                                  std::optional<int> expires_in_days);
  Result<std::vector<ApiTokenRecord>> ListTokens(const Principal& p);
  Status RevokeToken(const Principal& p, const std::string& token_id);

  Status ChangePassword(const Principal& p, const std::string& current_password,
                        const std::string& new_password);
  // An administrator sets someone's password (first login, reset); their sessions end.
  Status SetPassword(const Principal& admin, const std::string& person_id,
                     const std::string& new_password);

  static Status ValidateNewPassword(const std::string& password);

 private:
  Result<Principal> PrincipalFor(StoreTx& tx, const std::string& person_id);
  ServiceContext ctx_;
};

}  // namespace attune
