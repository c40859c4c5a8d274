#pragma once
// The xAPI repositories of storage/api in portable SQL.
#include "storage/api/xapi_repositories.h"
#include "storage/sql/sql_database.h"

namespace attune {

class SqlLrsCredentialRepository final : public LrsCredentialRepository {
 public:
  explicit SqlLrsCredentialRepository(SqlConnection& c) : c_(c) {}
  Status Insert(const LrsCredential& cred) override;
  Result<std::optional<LrsCredential>> Find(const std::string& key) override;
  Result<std::vector<LrsCredential>> ListByOrg(const std::string& org_id) override;
  Result<bool> Revoke(const std::string& org_id, const std::string& key, int64_t now) override;

 private:
  SqlConnection& c_;
};

class SqlStatementRepository final : public StatementRepository {
 public:
  explicit SqlStatementRepository(SqlConnection& c) : c_(c) {}
  Status Insert(std::vector<StatementRecord>& records) override;
  Result<std::vector<StatementRef>> RefsOf(const std::string& org_id,
                                           const std::string& id) override;
  Result<std::vector<Existing>> FindByIds(const std::string& org_id,
                                          const std::vector<std::string>& ids) override;
  Result<std::vector<Referrer>> ReferringTo(const std::string& org_id,
                                            const std::vector<std::string>& ids) override;
  Status AddRefs(int64_t seq, int64_t stored, const std::vector<StatementRef>& refs) override;
  Status MarkVoided(const std::string& org_id, const std::string& target_id) override;
  Result<std::set<std::string>> TargetsOfVoiding(const std::string& org_id,
                                                 const std::vector<std::string>& ids) override;
  Result<std::vector<StatementRecord>> Query(const StatementQuery& q) override;
  Result<int64_t> DeleteMentioning(const std::string& org_id,
                                   const std::vector<int64_t>& ref_keys) override;
  Result<int64_t> Count(const std::string& org_id) override;
  Result<std::vector<IdKey>> IdsAfter(const IdKey& after, int64_t limit) override;
  Result<int64_t> DeleteStoredBefore(const std::string& org_id, int64_t cutoff,
                                     int64_t limit) override;
  Result<int64_t> DeleteUnusedAttachments(const std::string& org_id) override;
  Status LockActivity(const std::string& org_id, const std::string& id) override;
  Status UpsertActivity(const ActivityRecord& a) override;
  Result<std::optional<ActivityRecord>> FindActivity(const std::string& org_id,
                                                     const std::string& id) override;
  Result<std::vector<ActivityRecord>> FindActivities(const std::string& org_id,
                                                     const std::vector<std::string>& ids) override;
  Status PutAttachment(const AttachmentRecord& a) override;
  Result<std::optional<AttachmentRecord>> FindAttachment(const std::string& org_id,
                                                         const std::string& sha2) override;

 private:
  Status InsertRefRows(const std::vector<SqlValue>& rows);
  SqlConnection& c_;
};

class SqlDocumentRepository final : public DocumentRepository {
 public:
  explicit SqlDocumentRepository(SqlConnection& c) : c_(c) {}
  Status Lock(const DocumentKey& key) override;
  Result<std::optional<DocumentRecord>> Find(const DocumentKey& key) override;
  Status Put(const DocumentRecord& doc) override;
  Result<bool> Delete(const DocumentKey& key) override;
  Result<int64_t> DeleteUpdatedBefore(const std::string& org_id, int64_t cutoff) override;
  Result<std::vector<std::string>> ListIds(const DocumentKey& key,
                                           std::optional<int64_t> since) override;
  Result<int64_t> DeleteAll(const DocumentKey& key) override;
  Result<int64_t> DeleteForAgents(const std::string& org_id,
                                  const std::vector<std::string>& agent_keys) override;

 private:
  SqlConnection& c_;
};

class SqlForwardingRepository final : public ForwardingRepository {
 public:
  explicit SqlForwardingRepository(SqlConnection& c) : c_(c) {}
  Status Lock(const std::string& org_id) override;
  Result<std::optional<ForwardingRecord>> Find(const std::string& org_id) override;
  Status Put(const ForwardingRecord& r) override;
  Status Delete(const std::string& org_id) override;
  Result<std::vector<std::string>> Due(int64_t now) override;
  Result<bool> Lease(const std::string& org_id, int64_t now, int64_t until) override;
  Status Enqueue(const std::string& org_id, const std::vector<int64_t>& seqs) override;
  Result<int64_t> EnqueueAll(const std::string& org_id) override;
  Result<std::vector<OutboxEntry>> Pending(const std::string& org_id, int limit) override;
  Result<int64_t> CountPending(const std::string& org_id) override;
  Status Dequeue(const std::vector<int64_t>& seqs) override;
  Status Reject(const std::string& org_id, const RejectedStatement& r) override;
  Result<std::vector<RejectedStatement>> Rejected(const std::string& org_id, int limit) override;

 private:
  SqlConnection& c_;
};

// A transaction-scoped lock on a name: pg_advisory_xact_lock on PostgreSQL (keyed by a stable
// 64-bit hash of the name; a collision only serialises two unrelated writers), nothing on SQLite,
// whose single writer already serialises every write transaction.
Status LockName(SqlConnection& c, std::string_view name);

}  // namespace attune
