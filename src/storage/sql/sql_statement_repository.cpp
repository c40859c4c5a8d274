#include <set>
#include <unordered_map>

#include "core/base64.h"
#include "storage/sql/sql_xapi_repositories.h"

namespace attune {
namespace {

constexpr const char* kColumns =
    "SELECT s.seq, s.org_id, s.id, s.stored, s.voided, s.voids, s.statement FROM "
    "xapi_statements s ";

StatementRecord FromRow(const SqlRow& r) {
  StatementRecord s;
  s.seq = r.Int(0);
  s.org_id = r.Text(1);
  s.id = r.Text(2);
  s.stored = r.Int(3);
  s.voided = r.Int(4) != 0;
  s.voids = r.OptText(5);
  s.statement = r.Text(6);
  return s;
}

}  // namespace

namespace {

// "INSERT INTO ... VALUES (?, ..., ?), ..." for `rows` rows of `columns` values, then `tail`.
std::string MultiRowInsert(const char* head, size_t columns, size_t rows, const char* tail) {
  std::string row = "(";
  for (size_t i = 0; i < columns; ++i) row += i ? ", ?" : "?";
  row += ")";
  std::string sql = head;
  for (size_t i = 0; i < rows; ++i) {
    if (i) sql += ", ";
    sql += row;
  }
  return sql + tail;
}

}  // namespace

// Rows of (key, stored, seq, broad) values, 100 per INSERT; rows already there are kept.
Status SqlStatementRepository::InsertRefRows(const std::vector<SqlValue>& rows) {
  constexpr size_t kRefsPerInsert = 100;
  const size_t total = rows.size() / 4;
  for (size_t start = 0; start < total; start += kRefsPerInsert) {
    const size_t n = std::min(kRefsPerInsert, total - start);
    std::vector<SqlValue> params(rows.begin() + 4 * start, rows.begin() + 4 * (start + n));
    RETURN_IF_ERROR(c_.Exec(MultiRowInsert("INSERT INTO xapi_statement_refs (key, stored, seq, "
                                           "broad) VALUES ",
                                           4, n, " ON CONFLICT DO NOTHING"),
                            params));
  }
  return Ok();
}

Status SqlStatementRepository::AddRefs(int64_t seq, int64_t stored,
                                       const std::vector<StatementRef>& refs) {
  std::vector<SqlValue> rows;
  for (const auto& ref : refs) rows.insert(rows.end(), {ref.key, stored, seq, int64_t{ref.broad}});
  return InsertRefRows(rows);
}

// Multi-row INSERTs (50 statements, 100 refs a time): a batch of 100 statements was ~900
// single-row statements, whose per-statement overhead dominated the single writer's time.
Status SqlStatementRepository::Insert(std::vector<StatementRecord>& records) {
  constexpr size_t kStatementsPerInsert = 50;
  std::unordered_map<std::string_view, StatementRecord*> by_id;
  for (auto& s : records) by_id[s.id] = &s;
  for (size_t start = 0; start < records.size(); start += kStatementsPerInsert) {
    const size_t n = std::min(kStatementsPerInsert, records.size() - start);
    std::vector<SqlValue> params;
    params.reserve(7 * n);
    for (size_t i = start; i < start + n; ++i) {
      const StatementRecord& s = records[i];
      params.insert(params.end(), {s.org_id, s.id, s.stored, int64_t{s.voided},
                                   SqlNullable(s.voids), SqlNullable(s.ref_target), s.statement});
    }
    ASSIGN_OR_RETURN(auto rows,
                     c_.Query(MultiRowInsert("INSERT INTO xapi_statements (org_id, id, stored, "
                                             "voided, voids, ref_target, statement) VALUES ",
                                             7, n, " RETURNING id, seq"),
                              params));
    // RETURNING rows come in no promised order: match them by id.
    for (const auto& r : rows) by_id.at(r.Text(0))->seq = r.Int(1);
  }
  // The caller lists plain refs before broad ones, so when a statement names the same agent
  // twice (actor and instructor) the plain row is the one kept.
  std::vector<SqlValue> refs;
  for (const auto& s : records) {
    for (const auto& ref : s.refs) {
      refs.insert(refs.end(), {ref.key, s.stored, s.seq, int64_t{ref.broad}});
    }
  }
  RETURN_IF_ERROR(InsertRefRows(refs));
  for (const auto& s : records) {
    for (const auto& sha2 : s.attachment_hashes) {
      RETURN_IF_ERROR(
          c_.Exec("INSERT INTO xapi_attachment_uses (org_id, sha2, seq) VALUES (?, ?, "
                  "?) ON CONFLICT DO NOTHING",
                  {s.org_id, sha2, s.seq}));
    }
  }
  return Ok();
}

Result<std::vector<StatementRef>> SqlStatementRepository::RefsOf(const std::string& org_id,
                                                                 const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT r.key, r.broad FROM xapi_statement_refs r JOIN "
                                       "xapi_statements s ON s.seq = r.seq WHERE s.org_id = ? AND "
                                       "s.id = ? ORDER BY r.broad, r.key",
                                       {org_id, id}));
  std::vector<StatementRef> out;
  for (const auto& r : rows) out.push_back({r.Int(0), r.Int(1) != 0});
  return out;
}

namespace {

// Runs `select_prefix` + "(?, ..., ?)" over `values` in chunks of a fixed size, padding the last
// chunk with repeats, so the SQL text (and its prepared statement) is the same for every batch.
template <typename RowFn>
Status QueryInChunks(SqlConnection& c, const std::string& select_prefix, const std::string& org_id,
                     const std::vector<std::string>& values, RowFn on_row) {
  constexpr size_t kChunk = 50;
  static const std::string kPlaceholders = [] {
    std::string p = "(";
    for (size_t i = 0; i < kChunk; ++i) p += i ? ", ?" : "?";
    return p + ")";
  }();
  for (size_t start = 0; start < values.size(); start += kChunk) {
    std::vector<SqlValue> params{org_id};
    for (size_t i = 0; i < kChunk; ++i) {
      params.emplace_back(values[std::min(start + i, values.size() - 1)]);
    }
    ASSIGN_OR_RETURN(auto rows, c.Query(select_prefix + kPlaceholders, params));
    for (const auto& r : rows) on_row(r);
  }
  return Ok();
}

}  // namespace

Result<std::vector<StatementRepository::Existing>> SqlStatementRepository::FindByIds(
    const std::string& org_id, const std::vector<std::string>& ids) {
  std::vector<Existing> out;
  RETURN_IF_ERROR(QueryInChunks(
      c_, "SELECT id, statement, voided, voids FROM xapi_statements WHERE org_id = ? AND id IN ",
      org_id, ids, [&](const SqlRow& r) {
        out.push_back({r.Text(0), r.Text(1), r.Int(2) != 0, r.OptText(3)});
      }));
  return out;
}

Result<std::set<std::string>> SqlStatementRepository::TargetsOfVoiding(
    const std::string& org_id, const std::vector<std::string>& ids) {
  std::set<std::string> out;
  RETURN_IF_ERROR(QueryInChunks(
      c_, "SELECT voids FROM xapi_statements WHERE org_id = ? AND voids IS NOT NULL AND voids IN ",
      org_id, ids, [&](const SqlRow& r) { out.insert(r.Text(0)); }));
  return out;
}

Result<std::vector<StatementRepository::Referrer>> SqlStatementRepository::ReferringTo(
    const std::string& org_id, const std::vector<std::string>& ids) {
  std::vector<Referrer> out;
  RETURN_IF_ERROR(QueryInChunks(c_,
                                "SELECT seq, stored, id, ref_target FROM xapi_statements WHERE "
                                "org_id = ? AND ref_target IS NOT NULL AND ref_target IN ",
                                org_id, ids, [&](const SqlRow& r) {
                                  out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3)});
                                }));
  return out;
}

Status SqlStatementRepository::MarkVoided(const std::string& org_id, const std::string& target_id) {
  RETURN_IF_ERROR(
      c_.Exec("UPDATE xapi_statements SET voided = 1 WHERE org_id = ? AND id = ? AND voids IS NULL",
              {org_id, target_id}));
  return Ok();
}

Result<std::vector<StatementRecord>> SqlStatementRepository::Query(const StatementQuery& q) {
  // With filters, the first one drives a range scan of xapi_statement_refs in (stored, seq) order
  // and the others are checked per row; without, the scan is over the statements themselves.
  // Either way a page costs about `limit` index steps, whatever the table size.
  std::string order = "stored", seq = "seq", sql;
  std::vector<SqlValue> params{q.org_id};
  if (q.filters.empty()) {
    sql = kColumns + std::string("WHERE s.org_id = ? AND s.voided = 0");
    order = "s.stored";
    seq = "s.seq";
  } else {
    sql = kColumns + std::string(
                         "JOIN xapi_statement_refs r ON r.seq = s.seq WHERE s.org_id = ? AND "
                         "r.key = ? AND s.voided = 0");
    params.emplace_back(q.filters[0].key);
    if (!q.filters[0].broad) sql += " AND r.broad = 0";
    for (size_t i = 1; i < q.filters.size(); ++i) {
      sql += " AND EXISTS (SELECT 1 FROM xapi_statement_refs x WHERE x.seq = s.seq AND x.key = ?";
      sql += q.filters[i].broad ? ")" : " AND x.broad = 0)";
      params.emplace_back(q.filters[i].key);
    }
    order = "r.stored";
    seq = "r.seq";
  }
  if (q.since) {
    sql += " AND " + order + " > ?";
    params.emplace_back(*q.since);
  }
  if (q.until) {
    sql += " AND " + order + " <= ?";
    params.emplace_back(*q.until);
  }
  // Keyset paging on (stored, seq), spelled out because row-value comparisons do not use the
  // index in every database.
  if (q.after) {
    const char* cmp = q.ascending ? ">" : "<";
    sql +=
        " AND (" + order + " " + cmp + " ? OR (" + order + " = ? AND " + seq + " " + cmp + " ?))";
    params.emplace_back(q.after->first);
    params.emplace_back(q.after->first);
    params.emplace_back(q.after->second);
  }
  const char* dir = q.ascending ? " ASC" : " DESC";
  sql += " ORDER BY " + order + dir + ", " + seq + dir + " LIMIT ?";
  params.emplace_back(int64_t{q.limit});
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<StatementRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<int64_t> SqlStatementRepository::DeleteMentioning(const std::string& org_id,
                                                         const std::vector<int64_t>& ref_keys) {
  int64_t deleted = 0;
  for (int64_t key : ref_keys) {
    ASSIGN_OR_RETURN(int64_t n, c_.Exec("DELETE FROM xapi_statements WHERE org_id = ? AND seq IN "
                                        "(SELECT seq FROM xapi_statement_refs WHERE key = ?)",
                                        {org_id, key}));
    deleted += n;
  }
  return deleted;
}

Result<int64_t> SqlStatementRepository::Count(const std::string& org_id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("SELECT COUNT(*) FROM xapi_statements WHERE org_id = ?", {org_id}));
  return rows.at(0).Int(0);
}

Result<std::vector<StatementRepository::IdKey>> SqlStatementRepository::IdsAfter(const IdKey& after,
                                                                                 int64_t limit) {
  // Keyset paging on the (org_id, id) unique index, which covers the query (a row value, so that
  // SQLite seeks to the pair; with an OR it seeks to the organisation only).
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT org_id, id FROM xapi_statements WHERE (org_id, id) "
                                       "> (?, ?) ORDER BY org_id, id LIMIT ?",
                                       {after.org_id, after.id, limit}));
  std::vector<IdKey> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1)});
  return out;
}

Result<int64_t> SqlStatementRepository::DeleteStoredBefore(const std::string& org_id,
                                                           int64_t cutoff, int64_t limit) {
  // Index rows, attachment uses and queued forwards go with their statement (ON DELETE CASCADE).
  return c_.Exec(
      "DELETE FROM xapi_statements WHERE seq IN (SELECT seq FROM xapi_statements WHERE org_id = "
      "? AND stored < ? ORDER BY stored, seq LIMIT ?)",
      {org_id, cutoff, limit});
}

Result<int64_t> SqlStatementRepository::DeleteUnusedAttachments(const std::string& org_id) {
  return c_.Exec(
      "DELETE FROM xapi_attachments WHERE org_id = ? AND NOT EXISTS (SELECT 1 FROM "
      "xapi_attachment_uses u WHERE u.org_id = xapi_attachments.org_id AND u.sha2 = "
      "xapi_attachments.sha2)",
      {org_id});
}

Status LockName(SqlConnection& c, std::string_view name) {
  if (c.dialect() == SqlDialect::kSqlite) return Ok();
  uint64_t h = 14695981039346656037ULL;  // FNV-1a: stable across servers and versions
  for (unsigned char ch : name) h = (h ^ ch) * 1099511628211ULL;
  RETURN_IF_ERROR(c.Query("SELECT pg_advisory_xact_lock(?)", {static_cast<int64_t>(h)}));
  return Ok();
}

Status SqlStatementRepository::LockActivity(const std::string& org_id, const std::string& id) {
  return LockName(c_, "xapi-activity\n" + org_id + "\n" + id);
}

Status SqlStatementRepository::UpsertActivity(const ActivityRecord& a) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO xapi_activities (org_id, id, definition, updated) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (org_id, id) DO UPDATE SET definition = excluded.definition, "
              "updated = excluded.updated",
              {a.org_id, a.id, a.definition, a.updated}));
  return Ok();
}

Result<std::optional<ActivityRecord>> SqlStatementRepository::FindActivity(
    const std::string& org_id, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT org_id, id, definition, updated FROM "
                                       "xapi_activities WHERE org_id = ? AND id = ?",
                                       {org_id, id}));
  if (rows.empty()) return std::optional<ActivityRecord>();
  const auto& r = rows[0];
  return std::optional<ActivityRecord>(ActivityRecord{r.Text(0), r.Text(1), r.Text(2), r.Int(3)});
}

Result<std::vector<ActivityRecord>> SqlStatementRepository::FindActivities(
    const std::string& org_id, const std::vector<std::string>& ids) {
  std::vector<ActivityRecord> out;
  RETURN_IF_ERROR(QueryInChunks(
      c_, "SELECT org_id, id, definition, updated FROM xapi_activities WHERE org_id = ? AND id IN ",
      org_id, ids, [&](const SqlRow& r) {
        out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3)});
      }));
  return out;
}

Status SqlStatementRepository::PutAttachment(const AttachmentRecord& a) {
  RETURN_IF_ERROR(c_.Exec(
      "INSERT INTO xapi_attachments (org_id, sha2, content_type, content) VALUES (?, ?, ?, ?) "
      "ON CONFLICT DO NOTHING",
      {a.org_id, a.sha2, a.content_type, Base64Encode(a.content)}));
  return Ok();
}

Result<std::optional<AttachmentRecord>> SqlStatementRepository::FindAttachment(
    const std::string& org_id, const std::string& sha2) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT org_id, sha2, content_type, content FROM "
                                       "xapi_attachments WHERE org_id = ? AND sha2 = ?",
                                       {org_id, sha2}));
  if (rows.empty()) return std::optional<AttachmentRecord>();
  const auto& r = rows[0];
  auto content = Base64Decode(r.Text(3));
  if (!content) return Error(ErrorCode::kInternal, "attachment " + sha2 + " is corrupt");
  return std::optional<AttachmentRecord>(
      AttachmentRecord{r.Text(0), r.Text(1), r.Text(2), std::move(*content)});
}

}  // namespace attune
