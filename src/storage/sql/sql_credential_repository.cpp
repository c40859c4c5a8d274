#include "storage/sql/sql_repositories.h"

namespace attune {
namespace {
constexpr const char* kTokenSelect =
    "SELECT id, person_id, name, token_hash, scopes, created_at, expires_at, revoked_at "
    "FROM api_tokens ";

ApiTokenRecord TokenFromRow(const SqlRow& r) {
  ApiTokenRecord t;
  t.id = r.Text(0);
  t.person_id = r.Text(1);
  t.name = r.Text(2);
  t.token_hash = r.Text(3);
  t.scopes = SplitList(r.Text(4));
  t.created_at = r.Int(5);
  t.expires_at = r.OptInt(6);
  t.revoked_at = r.OptInt(7);
  return t;
}
}  // namespace

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ',';
    out += i;
  }
  return out;
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Status SqlCredentialRepository::InsertSession(const SessionRecord& s) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, "
              "expires_at) VALUES (?, ?, ?, ?, ?)",
              {s.token_hash, s.person_id, s.csrf_token, s.created_at, s.expires_at}));
  return Ok();
}

Result<std::optional<SessionRecord>> SqlCredentialRepository::FindSession(
    const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT token_hash, person_id, csrf_token, created_at, "
                                       "expires_at FROM sessions WHERE token_hash = ?",
                                       {token_hash}));
  if (rows.empty()) return std::optional<SessionRecord>();
  const auto& r = rows[0];
  return std::optional<SessionRecord>(
      SessionRecord{r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4)});
}

Status SqlCredentialRepository::DeleteSession(const std::string& token_hash) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash}));
  return Ok();
}

Status SqlCredentialRepository::DeleteSessionsOf(const std::string& person_id) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM sessions WHERE person_id = ?", {person_id}));
  return Ok();
}

Status SqlCredentialRepository::DeleteExpiredSessions(int64_t now) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM sessions WHERE expires_at <= ?", {now}));
  return Ok();
}

Status SqlCredentialRepository::InsertToken(const ApiTokenRecord& t) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO api_tokens (id, person_id, name, token_hash, scopes, "
              "created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              {t.id, t.person_id, t.name, t.token_hash, JoinList(t.scopes), t.created_at,
               SqlNullable(t.expires_at), SqlNullable(t.revoked_at)}));
  return Ok();
}

Result<std::optional<ApiTokenRecord>> SqlCredentialRepository::FindTokenByHash(
    const std::string& hash) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kTokenSelect) + "WHERE token_hash = ?", {hash}));
  if (rows.empty()) return std::optional<ApiTokenRecord>();
  return std::optional<ApiTokenRecord>(TokenFromRow(rows[0]));
}

Result<std::vector<ApiTokenRecord>> SqlCredentialRepository::ListTokens(
    const std::string& person_id) {
  ASSIGN_OR_RETURN(
      auto rows, c_.Query(std::string(kTokenSelect) + "WHERE person_id = ? ORDER BY created_at, id",
                          {person_id}));
  std::vector<ApiTokenRecord> out;
  for (const auto& r : rows) out.push_back(TokenFromRow(r));
  return out;
}

Result<bool> SqlCredentialRepository::RevokeToken(const std::string& person_id,
                                                  const std::string& token_id, int64_t now) {
  ASSIGN_OR_RETURN(int64_t n, c_.Exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND "
                                      "person_id = ? AND revoked_at IS NULL",
                                      {now, token_id, person_id}));
  return n > 0;
}

Status SqlCredentialRepository::RecordLoginFailure(const std::string& email,
                                                   const std::string& remote, int64_t at) {
  RETURN_IF_ERROR(c_.Exec("INSERT INTO login_failures (email, remote, at) VALUES (?, ?, ?)",
                          {email, remote, at}));
  return Ok();
}

Result<int64_t> SqlCredentialRepository::CountLoginFailuresByEmail(const std::string& email,
                                                                   int64_t since) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT COUNT(*) FROM login_failures WHERE email = ? AND "
                                       "at > ?",
                                       {email, since}));
  return rows[0].Int(0);
}

Result<int64_t> SqlCredentialRepository::CountLoginFailuresByRemote(const std::string& remote,
                                                                    int64_t since) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT COUNT(*) FROM login_failures WHERE remote = ? AND "
                                       "at > ?",
                                       {remote, since}));
  return rows[0].Int(0);
}

Status SqlCredentialRepository::ClearLoginFailures(const std::string& email) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM login_failures WHERE email = ?", {email}));
  return Ok();
}

Status SqlCredentialRepository::DeleteLoginFailuresBefore(int64_t before) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM login_failures WHERE at <= ?", {before}));
  return Ok();
}

}  // namespace attune
