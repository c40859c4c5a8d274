#include "core/base64.h"
#include "storage/sql/sql_xapi_repositories.h"

namespace attune {
namespace {

// The WHERE clause for every document under a key except its doc_id.
constexpr const char* kScope =
    "org_id = ? AND kind = ? AND activity_id = ? AND agent = ? AND registration = ?";

std::vector<SqlValue> ScopeParams(const DocumentKey& k) {
  return {k.org_id, k.kind, k.activity_id, k.agent, k.registration};
}

}  // namespace

Status SqlDocumentRepository::Lock(const DocumentKey& k) {
  return LockName(c_, "xapi-document\n" + k.org_id + "\n" + k.kind + "\n" + k.activity_id + "\n" +
                          k.agent + "\n" + k.registration + "\n" + k.doc_id);
}

Result<std::optional<DocumentRecord>> SqlDocumentRepository::Find(const DocumentKey& key) {
  auto params = ScopeParams(key);
  params.emplace_back(key.doc_id);
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT content_type, content, etag, updated "
                                                   "FROM xapi_documents WHERE ") +
                                           kScope + " AND doc_id = ?",
                                       params));
  if (rows.empty()) return std::optional<DocumentRecord>();
  const auto& r = rows[0];
  auto content = Base64Decode(r.Text(1));
  if (!content) return Error(ErrorCode::kInternal, "document " + key.doc_id + " is corrupt");
  return std::optional<DocumentRecord>(
      DocumentRecord{key, r.Text(0), std::move(*content), r.Text(2), r.Int(3)});
}

Status SqlDocumentRepository::Put(const DocumentRecord& doc) {
  const auto& k = doc.key;
  RETURN_IF_ERROR(c_.Exec(
      "INSERT INTO xapi_documents (org_id, kind, activity_id, agent, registration, doc_id, "
      "content_type, content, etag, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (org_id, kind, activity_id, agent, registration, doc_id) DO UPDATE SET "
      "content_type = excluded.content_type, content = excluded.content, etag = excluded.etag, "
      "updated = excluded.updated",
      {k.org_id, k.kind, k.activity_id, k.agent, k.registration, k.doc_id, doc.content_type,
       Base64Encode(doc.content), doc.etag, doc.updated}));
  return Ok();
}

Result<bool> SqlDocumentRepository::Delete(const DocumentKey& key) {
  auto params = ScopeParams(key);
  params.emplace_back(key.doc_id);
  ASSIGN_OR_RETURN(int64_t n, c_.Exec(std::string("DELETE FROM xapi_documents WHERE ") + kScope +
                                          " AND doc_id = ?",
                                      params));
  return n > 0;
}

Result<std::vector<std::string>> SqlDocumentRepository::ListIds(const DocumentKey& key,
                                                                std::optional<int64_t> since) {
  auto params = ScopeParams(key);
  std::string sql = std::string("SELECT doc_id FROM xapi_documents WHERE ") + kScope;
  if (since) {
    sql += " AND updated > ?";
    params.emplace_back(*since);
  }
  sql += " ORDER BY doc_id";
  ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

Result<int64_t> SqlDocumentRepository::DeleteAll(const DocumentKey& key) {
  return c_.Exec(std::string("DELETE FROM xapi_documents WHERE ") + kScope, ScopeParams(key));
}

Result<int64_t> SqlDocumentRepository::DeleteUpdatedBefore(const std::string& org_id,
                                                           int64_t cutoff) {
  return c_.Exec("DELETE FROM xapi_documents WHERE org_id = ? AND updated < ?", {org_id, cutoff});
}

Result<int64_t> SqlDocumentRepository::DeleteForAgents(const std::string& org_id,
                                                       const std::vector<std::string>& agent_keys) {
  int64_t deleted = 0;
  for (const auto& agent : agent_keys) {
    ASSIGN_OR_RETURN(int64_t n, c_.Exec("DELETE FROM xapi_documents WHERE org_id = ? AND agent = ?",
                                        {org_id, agent}));
    deleted += n;
  }
  return deleted;
}

}  // namespace attune
