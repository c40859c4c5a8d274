#include "storage/sql/sql_repositories.h"
#include "storage/sql/sql_xapi_repositories.h"

namespace attune {
namespace {

constexpr const char* kSelect =
    "SELECT key, org_id, name, secret_hash, scopes, created_by, created_at, revoked_at "
    "FROM lrs_credentials ";

LrsCredential FromRow(const SqlRow& r) {
  return LrsCredential{r.Text(0), r.Text(1), r.Text(2),  r.Text(3), SplitList(r.Text(4)),
                       r.Text(5), r.Int(6),  r.OptInt(7)};
}

}  // namespace

Status SqlLrsCredentialRepository::Insert(const LrsCredential& cred) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO lrs_credentials (key, org_id, name, secret_hash, scopes, created_by, "
              "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
              {cred.key, cred.org_id, cred.name, cred.secret_hash, JoinList(cred.scopes),
               cred.created_by, cred.created_at}));
  return Ok();
}

Result<std::optional<LrsCredential>> SqlLrsCredentialRepository::Find(const std::string& key) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(kSelect + std::string("WHERE key = ?"), {key}));
  if (rows.empty()) return std::optional<LrsCredential>();
  return std::optional<LrsCredential>(FromRow(rows[0]));
}

Result<std::vector<LrsCredential>> SqlLrsCredentialRepository::ListByOrg(
    const std::string& org_id) {
  ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(kSelect + std::string("WHERE org_id = ? ORDER BY created_at, key"), {org_id}));
  std::vector<LrsCredential> out;
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<bool> SqlLrsCredentialRepository::Revoke(const std::string& org_id, const std::string& key,
                                                int64_t now) {
  ASSIGN_OR_RETURN(int64_t n, c_.Exec("UPDATE lrs_credentials SET revoked_at = ? WHERE key = ? "
                                      "AND org_id = ? AND revoked_at IS NULL",
                                      {now, key, org_id}));
  return n > 0;
}

}  // namespace attune
