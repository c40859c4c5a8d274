#include "storage/sql/sql_xapi_repositories.h"

namespace attune {
namespace {

constexpr const char* kSelect =
    "SELECT org_id, endpoint, username, sealed_password, enabled, updated_by, updated_at, "
    "delivered, rejected, attempts, next_attempt_at, last_attempt_at, last_delivered_at, "
    "last_error, lease_until FROM xapi_forwarding ";

ForwardingRecord FromRow(const SqlRow& r) {
  ForwardingRecord f;
  f.org_id = r.Text(0);
  f.endpoint = r.Text(1);
  f.username = r.Text(2);
  f.sealed_password = r.Text(3);
  f.enabled = r.Int(4) != 0;
  f.updated_by = r.Text(5);
  f.updated_at = r.Int(6);
  f.delivered = r.Int(7);
  f.rejected = r.Int(8);
  f.attempts = static_cast<int>(r.Int(9));
  f.next_attempt_at = r.Int(10);
  f.last_attempt_at = r.OptInt(11);
  f.last_delivered_at = r.OptInt(12);
  f.last_error = r.OptText(13);
  f.lease_until = r.Int(14);
  return f;
}

}  // namespace

Status SqlForwardingRepository::Lock(const std::string& org_id) {
  return LockName(c_, "xapi-forwarding\n" + org_id);
}

Result<std::optional<ForwardingRecord>> SqlForwardingRepository::Find(const std::string& org_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(kSelect + std::string("WHERE org_id = ?"), {org_id}));
  if (rows.empty()) return std::optional<ForwardingRecord>();
  return std::optional<ForwardingRecord>(FromRow(rows[0]));
}

Status SqlForwardingRepository::Put(const ForwardingRecord& f) {
  RETURN_IF_ERROR(c_.Exec(
      "INSERT INTO xapi_forwarding (org_id, endpoint, username, sealed_password, enabled, "
      "updated_by, updated_at, delivered, rejected, attempts, next_attempt_at, last_attempt_at, "
      "last_delivered_at, last_error, lease_until) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id) DO UPDATE SET "
      "endpoint = excluded.endpoint, username = excluded.username, "
      "sealed_password = excluded.sealed_password, enabled = excluded.enabled, "
      "updated_by = excluded.updated_by, updated_at = excluded.updated_at, "
      "delivered = excluded.delivered, rejected = excluded.rejected, "
      "attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at, "
      "last_attempt_at = excluded.last_attempt_at, last_delivered_at = excluded.last_delivered_at, "
      "last_error = excluded.last_error, lease_until = excluded.lease_until",
      {f.org_id, f.endpoint, f.username, f.sealed_password, int64_t{f.enabled}, f.updated_by,
       f.updated_at, f.delivered, f.rejected, int64_t{f.attempts}, f.next_attempt_at,
       SqlNullable(f.last_attempt_at), SqlNullable(f.last_delivered_at), SqlNullable(f.last_error),
       f.lease_until}));
  return Ok();
}

Status SqlForwardingRepository::Delete(const std::string& org_id) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM xapi_outbox WHERE org_id = ?", {org_id}));
  RETURN_IF_ERROR(c_.Exec("DELETE FROM xapi_outbox_rejected WHERE org_id = ?", {org_id}));
  RETURN_IF_ERROR(c_.Exec("DELETE FROM xapi_forwarding WHERE org_id = ?", {org_id}));
  return Ok();
}

Result<std::vector<std::string>> SqlForwardingRepository::Due(int64_t now) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT org_id FROM xapi_forwarding WHERE enabled = 1 AND "
                                       "next_attempt_at <= ? AND lease_until <= ? ORDER BY org_id",
                                       {now, now}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

Result<bool> SqlForwardingRepository::Lease(const std::string& org_id, int64_t now, int64_t until) {
  ASSIGN_OR_RETURN(int64_t n, c_.Exec("UPDATE xapi_forwarding SET lease_until = ? WHERE org_id = ? "
                                      "AND lease_until <= ?",
                                      {until, org_id, now}));
  return n > 0;
}

Status SqlForwardingRepository::Enqueue(const std::string& org_id,
                                        const std::vector<int64_t>& seqs) {
  // Multi-row inserts of a fixed width (the last chunk padded with a repeat that the conflict
  // clause absorbs), so one prepared statement serves every batch.
  constexpr size_t kChunk = 100;
  static const std::string kSql = [] {
    std::string sql = "INSERT INTO xapi_outbox (seq, org_id) VALUES ";
    for (size_t i = 0; i < kChunk; ++i) sql += i ? ", (?, ?)" : "(?, ?)";
    return sql + " ON CONFLICT DO NOTHING";
  }();
  for (size_t start = 0; start < seqs.size(); start += kChunk) {
    std::vector<SqlValue> params;
    params.reserve(2 * kChunk);
    for (size_t i = 0; i < kChunk; ++i) {
      params.emplace_back(seqs[std::min(start + i, seqs.size() - 1)]);
      params.emplace_back(org_id);
    }
    RETURN_IF_ERROR(c_.Exec(kSql, params));
  }
  return Ok();
}

Result<int64_t> SqlForwardingRepository::EnqueueAll(const std::string& org_id) {
  return c_.Exec(
      "INSERT INTO xapi_outbox (seq, org_id) SELECT seq, org_id FROM xapi_statements WHERE "
      "org_id = ? AND seq NOT IN (SELECT seq FROM xapi_outbox_rejected WHERE org_id = ?) "
      "ON CONFLICT DO NOTHING",
      {org_id, org_id});
}

Result<std::vector<OutboxEntry>> SqlForwardingRepository::Pending(const std::string& org_id,
                                                                  int limit) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT o.seq, s.statement FROM xapi_outbox o JOIN "
                                       "xapi_statements s ON s.seq = o.seq WHERE o.org_id = ? "
                                       "ORDER BY o.seq LIMIT ?",
                                       {org_id, int64_t{limit}}));
  std::vector<OutboxEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1)});
  return out;
}

Result<int64_t> SqlForwardingRepository::CountPending(const std::string& org_id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("SELECT COUNT(*) FROM xapi_outbox WHERE org_id = ?", {org_id}));
  return rows.at(0).Int(0);
}

Status SqlForwardingRepository::Dequeue(const std::vector<int64_t>& seqs) {
  for (int64_t seq : seqs) RETURN_IF_ERROR(c_.Exec("DELETE FROM xapi_outbox WHERE seq = ?", {seq}));
  return Ok();
}

Status SqlForwardingRepository::Reject(const std::string& org_id, const RejectedStatement& r) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO xapi_outbox_rejected (seq, org_id, status, error, at) VALUES "
              "(?, ?, ?, ?, ?) ON CONFLICT (seq) DO UPDATE SET status = excluded.status, "
              "error = excluded.error, at = excluded.at",
              {r.seq, org_id, int64_t{r.status}, r.error, r.at}));
  return Ok();
}

Result<std::vector<RejectedStatement>> SqlForwardingRepository::Rejected(const std::string& org_id,
                                                                         int limit) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("SELECT r.seq, s.id, r.status, r.error, r.at FROM xapi_outbox_rejected "
                            "r JOIN xapi_statements s ON s.seq = r.seq WHERE r.org_id = ? ORDER BY "
                            "r.at DESC, r.seq DESC LIMIT ?",
                            {org_id, int64_t{limit}}));
  std::vector<RejectedStatement> out;
  for (const auto& r : rows) {
    out.push_back({r.Int(0), r.Text(1), static_cast<int>(r.Int(2)), r.Text(3), r.Int(4)});
  }
  return out;
}

}  // namespace attune
