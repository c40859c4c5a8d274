#include "services/auth_service.h"

#include <nlohmann/json.hpp>

#include "core/ids.h"
#include "core/utf8.h"
#include "services/permissions.h"

namespace attune {
namespace {

constexpr std::string_view kTokenPrefix = "att_";

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Error BadCredentials() { return Error(ErrorCode::kUnauthenticated, "wrong e-mail or password"); }

}  // namespace

Status AuthService::ValidateNewPassword(const std::string& password) {
  if (!IsValidUtf8(password)) {
    return Error(ErrorCode::kInvalidArgument, "password must be valid UTF-8", "new_password");
  }
  if (password.size() < 10 || password.size() > 256) {
    return Error(ErrorCode::kInvalidArgument, "password must be 10 to 256 bytes long",
                 "new_password");
  }
  return Ok();
}

Result<Principal> AuthService::PrincipalFor(StoreTx& tx, const std::string& person_id) {
  ASSIGN_OR_RETURN(auto person, tx.people().FindById(person_id));
  if (!person || !person->active) {
    return Error(ErrorCode::kUnauthenticated, "this account is no longer active");
  }
  Principal p;
  p.person_id = person->id;
  p.org_id = person->org_id;
  p.name = person->name;
  p.email = person->email;
  p.roles = person->roles;
  p.profile = std::make_shared<const Person>(std::move(*person));
  return p;
}

Result<LoginResult> AuthService::Login(const std::string& raw_email, const std::string& password,
                                       const std::string& remote) {
  const std::string email = Lower(raw_email);
  const int64_t now = ctx_.clock.NowMillis();
  const int64_t window_start = now - int64_t{ctx_.config.login_window_minutes} * 60'000;
  std::optional<Person> person;
  std::optional<std::string> hash;
  bool limited = false;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(int64_t by_email,
                     tx.credentials().CountLoginFailuresByEmail(email, window_start));
    ASSIGN_OR_RETURN(int64_t by_remote,
                     tx.credentials().CountLoginFailuresByRemote(remote, window_start));
    // One address may try several accounts (an office NAT), so it gets a larger allowance.
    limited = by_email >= ctx_.config.login_max_failures ||
              by_remote >= 4 * int64_t{ctx_.config.login_max_failures};
    if (limited) return Ok();
    ASSIGN_OR_RETURN(person, tx.people().FindByEmail(email));
    if (person) {
      ASSIGN_OR_RETURN(hash, tx.people().PasswordHash(person->id));
    }
    return Ok();
  }));
  if (limited) {
    return Error(ErrorCode::kRateLimited, "too many failed logins; try again in " +
                                              std::to_string(ctx_.config.login_window_minutes) +
                                              " minutes");
  }
  // The slow Argon2id check runs outside any transaction so it never holds a database lock.
  bool good = false;
  if (person && hash && person->active) {
    good = ctx_.passwords.Verify(password, *hash);
  } else {
    ctx_.passwords.VerifyDummy(password);
  }
  if (!good) {
    RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
      RETURN_IF_ERROR(tx.credentials().RecordLoginFailure(email, remote, now));
      // Bounded table: failures outside the window count for nothing, so a spray of made-up
      // e-mails cannot grow it without limit.
      RETURN_IF_ERROR(tx.credentials().DeleteLoginFailuresBefore(window_start));
      return ctx_.audit.Append(tx, person ? person->org_id : "", person ? person->id : "anonymous",
                               "auth.login_failed", email,
                               nlohmann::json{{"remote", remote}}.dump());
    }));
    return BadCredentials();
  }
  LoginResult out;
  out.session_token = ctx_.random.Hex(32);
  out.csrf_token = ctx_.random.Hex(16);
  out.expires_at = now + int64_t{ctx_.config.session_ttl_minutes} * 60'000;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.credentials().ClearLoginFailures(email));
    RETURN_IF_ERROR(tx.credentials().DeleteExpiredSessions(now));
    RETURN_IF_ERROR(tx.credentials().InsertSession(
        {Sha256Hex(out.session_token), person->id, out.csrf_token, now, out.expires_at}));
    ASSIGN_OR_RETURN(out.principal, PrincipalFor(tx, person->id));
    return ctx_.audit.Append(tx, person->org_id, person->id, "auth.login", person->id,
                             nlohmann::json{{"remote", remote}}.dump());
  }));
  out.principal.csrf_token = out.csrf_token;
  out.principal.credential_hash = Sha256Hex(out.session_token);
  return out;
}

Status AuthService::Logout(const Principal& p) {
  if (p.via != Principal::Via::kSession) {
    return Error(ErrorCode::kInvalidArgument,
                 "only a browser session can log out; revoke the token");
  }
  return ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.credentials().DeleteSession(p.credential_hash));
    ctx_.credentials.Clear();
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "auth.logout", p.person_id);
  });
}

Result<Principal> AuthService::AuthenticateSession(const std::string& token) {
  const std::string hash = Sha256Hex(token);
  const int64_t now = ctx_.clock.NowMillis();
  if (auto cached = ctx_.credentials.Get(hash, now)) return *cached;
  Principal p;
  int64_t expires_at = 0;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto session, tx.credentials().FindSession(hash));
    if (!session) return Error(ErrorCode::kUnauthenticated, "not logged in");
    if (session->expires_at <= now) {
      return Error(ErrorCode::kUnauthenticated, "your session has expired; log in again");
    }
    ASSIGN_OR_RETURN(p, PrincipalFor(tx, session->person_id));
    p.csrf_token = session->csrf_token;
    expires_at = session->expires_at;
    return Ok();
  }));
  p.via = Principal::Via::kSession;
  p.credential_hash = hash;
  ctx_.credentials.Put(hash, p, now, expires_at);
  return p;
}

Result<Principal> AuthService::AuthenticateToken(const std::string& token) {
  const std::string hash = Sha256Hex(token);
  const int64_t now = ctx_.clock.NowMillis();
  if (auto cached = ctx_.credentials.Get(hash, now)) return *cached;
  Principal p;
  int64_t expires_at = INT64_MAX;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto record, tx.credentials().FindTokenByHash(hash));
    if (!record || record->revoked_at) {
      return Error(ErrorCode::kUnauthenticated, "unknown or revoked API token");
    }
    if (record->expires_at && *record->expires_at <= now) {
      return Error(ErrorCode::kUnauthenticated, "this API token has expired");
    }
    ASSIGN_OR_RETURN(p, PrincipalFor(tx, record->person_id));
    p.scopes = record->scopes;
    if (record->expires_at) expires_at = *record->expires_at;
    return Ok();
  }));
  p.via = Principal::Via::kApiToken;
  p.credential_hash = hash;
  ctx_.credentials.Put(hash, p, now, expires_at);
  return p;
}

Result<NewApiToken> AuthService::CreateToken(const Principal& p, const std::string& name,
                                             const std::vector<std::string>& scopes,
                                             std::optional<int> expires_in_days) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  if (p.via == Principal::Via::kApiToken) {
    return Error(ErrorCode::kPermissionDenied, "API tokens cannot create API tokens");
  }
  if (name.empty() || name.size() > 100 || !IsValidUtf8(name)) {
    return Error(ErrorCode::kInvalidArgument, "name must be 1 to 100 characters", "name");
  }
  if (scopes.empty()) {
    return Error(ErrorCode::kInvalidArgument, "give at least one scope: read, write", "scopes");
  }
  for (const auto& s : scopes) {
    if (s != "read" && s != "write") {
      return Error(ErrorCode::kInvalidArgument, "unknown scope '" + s + "'; use read or write",
                   "scopes");
    }
  }
  if (expires_in_days && (*expires_in_days < 1 || *expires_in_days > 3650)) {
    return Error(ErrorCode::kInvalidArgument, "expires_in_days must be 1 to 3650",
                 "expires_in_days");
  }
  NewApiToken out;
  const int64_t now = ctx_.clock.NowMillis();
  out.secret = std::string(kTokenPrefix) + ctx_.random.Hex(24);
  out.record.id = NewUuidV7(ctx_.clock, ctx_.random);
  out.record.person_id = p.person_id;
  out.record.name = name;
  out.record.token_hash = Sha256Hex(out.secret);
  out.record.scopes = scopes;
  out.record.created_at = now;
  if (expires_in_days) out.record.expires_at = now + int64_t{*expires_in_days} * 86'400'000;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.credentials().InsertToken(out.record));
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "auth.token_created", out.record.id,
                             nlohmann::json{{"name", name}, {"scopes", scopes}}.dump());
  }));
  return out;
}

Result<std::vector<ApiTokenRecord>> AuthService::ListTokens(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  std::vector<ApiTokenRecord> out;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.credentials().ListTokens(p.person_id));
    return Ok();
  }));
  return out;
}

Status AuthService::RevokeToken(const Principal& p, const std::string& token_id) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  return ctx_.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(bool revoked,
                     tx.credentials().RevokeToken(p.person_id, token_id, ctx_.clock.NowMillis()));
    if (!revoked) return Error(ErrorCode::kNotFound, "no live token with that id is yours");
    ctx_.credentials.Clear();
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "auth.token_revoked", token_id);
  });
}

Status AuthService::ChangePassword(const Principal& p, const std::string& current_password,
                                   const std::string& new_password) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  RETURN_IF_ERROR(ValidateNewPassword(new_password));
  std::optional<std::string> hash;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(hash, tx.people().PasswordHash(p.person_id));
    return Ok();
  }));
  if (!hash || !ctx_.passwords.Verify(current_password, *hash)) {
    return Error(ErrorCode::kPermissionDenied, "the current password is wrong", "current_password");
  }
  ASSIGN_OR_RETURN(std::string new_hash, ctx_.passwords.Hash(new_password));
  return ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.people().SetPasswordHash(p.person_id, new_hash));
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "auth.password_changed", p.person_id);
  });
}

Status AuthService::SetPassword(const Principal& admin, const std::string& person_id,
                                const std::string& new_password) {
  RETURN_IF_ERROR(Require(admin, Permission::kPeopleWrite));
  RETURN_IF_ERROR(ValidateNewPassword(new_password));
  ASSIGN_OR_RETURN(std::string new_hash, ctx_.passwords.Hash(new_password));
  return ctx_.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto person, tx.people().FindById(person_id));
    if (!person || person->org_id != admin.org_id) {
      return Error(ErrorCode::kNotFound, "no such person");
    }
    RETURN_IF_ERROR(tx.people().SetPasswordHash(person_id, new_hash));
    RETURN_IF_ERROR(tx.credentials().DeleteSessionsOf(person_id));
    ctx_.credentials.Clear();
    return ctx_.audit.Append(tx, admin.org_id, admin.person_id, "auth.password_set", person_id);
  });
}

}  // namespace attune
