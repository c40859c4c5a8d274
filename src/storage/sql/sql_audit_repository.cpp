#include "storage/sql/sql_repositories.h"

namespace attune {
namespace {
constexpr const char* kSelect =
    "SELECT seq, at, org_id, actor_id, action, target, detail, prev_hash, hash FROM audit_log ";

AuditEntry FromRow(const SqlRow& r) {
  return AuditEntry{r.Int(0),  r.Int(1),  r.Text(2), r.Text(3), r.Text(4),
                    r.Text(5), r.Text(6), r.Text(7), r.Text(8)};
}
}  // namespace

Status SqlAuditRepository::LockChain() {
  if (c_.dialect() == SqlDialect::kSqlite) return Ok();  // BEGIN IMMEDIATE holds the write lock
  // Several Attune servers may share one PostgreSQL: serialise appenders for this transaction.
  RETURN_IF_ERROR(c_.Query("SELECT pg_advisory_xact_lock(7352010)"));
  return Ok();
}

Result<std::optional<AuditEntry>> SqlAuditRepository::Last() {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + "ORDER BY seq DESC LIMIT 1"));
  if (rows.empty()) return std::optional<AuditEntry>();
  return std::optional<AuditEntry>(FromRow(rows[0]));
}

Status SqlAuditRepository::Insert(const AuditEntry& e) {
  RETURN_IF_ERROR(c_.Exec(
      "INSERT INTO audit_log (seq, at, org_id, actor_id, action, target, "
      "detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.seq, e.at, e.org_id, e.actor_id, e.action, e.target, e.detail, e.prev_hash, e.hash}));
  return Ok();
}

Result<std::vector<AuditEntry>> SqlAuditRepository::ListAfter(int64_t after_seq, int limit) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + "WHERE seq > ? ORDER BY seq LIMIT ?",
                                       {after_seq, int64_t{limit}}));
  std::vector<AuditEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<std::vector<AuditEntry>> SqlAuditRepository::ListAbout(const std::string& person_id,
                                                              int limit) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) +
                                           "WHERE actor_id = ? OR target = ? ORDER BY seq LIMIT ?",
                                       {person_id, person_id, int64_t{limit}}));
  std::vector<AuditEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace attune
