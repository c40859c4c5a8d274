#pragma once
// Repositories of the xAPI Learning Record Store. Like the others, every call runs inside the
// transaction of the StoreTx that handed the repository out.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/api/xapi_records.h"

namespace attune {

class LrsCredentialRepository {
 public:
  virtual ~LrsCredentialRepository() = default;
  virtual Status Insert(const LrsCredential& c) = 0;
  virtual Result<std::optional<LrsCredential>> Find(const std::string& key) = 0;
  virtual Result<std::vector<LrsCredential>> ListByOrg(const std::string& org_id) = 0;
  // Returns false when no live credential with that key belongs to the organisation.
  virtual Result<bool> Revoke(const std::string& org_id, const std::string& key, int64_t now) = 0;
};

class StatementRepository {
 public:
  virtual ~StatementRepository() = default;
  // Inserts the statements (ids must be new) with their refs; sets each record's seq.
  virtual Status Insert(std::vector<StatementRecord>& records) = 0;
  // The refs of a stored statement (for a statement that targets it to inherit).
  virtual Result<std::vector<StatementRef>> RefsOf(const std::string& org_id,
                                                   const std::string& id) = 0;
  // The stored JSON of each of `ids` that exists, voided or not: (id, statement, voided).
  struct Existing {
    std::string id;
    std::string statement;
    bool voided = false;
    std::optional<std::string> voids;
  };
  virtual Result<std::vector<Existing>> FindByIds(const std::string& org_id,
                                                  const std::vector<std::string>& ids) = 0;
  // Stored statements whose StatementRef object targets one of `ids`.
  struct Referrer {
    int64_t seq = 0;
    int64_t stored = 0;
    std::string id;
    std::string target;
  };
  virtual Result<std::vector<Referrer>> ReferringTo(const std::string& org_id,
                                                    const std::vector<std::string>& ids) = 0;
  // Adds index rows to a stored statement (those it has already are kept as they are).
  virtual Status AddRefs(int64_t seq, int64_t stored, const std::vector<StatementRef>& refs) = 0;
  // Marks `target_id` voided (a no-op when it does not exist or is itself a voiding statement).
  virtual Status MarkVoided(const std::string& org_id, const std::string& target_id) = 0;
  // Which of `ids` are the target of a stored voiding statement (arrived before their target).
  virtual Result<std::set<std::string>> TargetsOfVoiding(const std::string& org_id,
                                                         const std::vector<std::string>& ids) = 0;
  // One page of statements matching the query, in (stored, seq) order, excluding voided ones.
  virtual Result<std::vector<StatementRecord>> Query(const StatementQuery& q) = 0;
  // Deletes every statement of the organisation with a ref (plain or broad) whose key is one of
  // `ref_keys`; returns the number deleted. Used for erasure, not for voiding.
  virtual Result<int64_t> DeleteMentioning(const std::string& org_id,
                                           const std::vector<int64_t>& ref_keys) = 0;
  virtual Result<int64_t> Count(const std::string& org_id) = 0;
  // Up to `limit` (organisation, statement id) pairs of every organisation, in that order, after
  // `after` (start with two empty strings): one page of a scan of the ids' unique index.
  struct IdKey {
    std::string org_id;
    std::string id;
  };
  virtual Result<std::vector<IdKey>> IdsAfter(const IdKey& after, int64_t limit) = 0;
  // Deletes up to `limit` of the organisation's statements stored before `cutoff` (epoch ms),
  // oldest first; returns how many. Retention calls it until it returns less than `limit`, so no
  // one transaction holds the writer for long.
  virtual Result<int64_t> DeleteStoredBefore(const std::string& org_id, int64_t cutoff,
                                             int64_t limit) = 0;
  // Deletes the attachment contents that no stored statement names any more (after erasure or
  // retention); returns how many.
  virtual Result<int64_t> DeleteUnusedAttachments(const std::string& org_id) = 0;

  // Serialises read-modify-write of one activity's definition across concurrent transactions
  // (several writers on PostgreSQL) until this transaction ends.
  virtual Status LockActivity(const std::string& org_id, const std::string& id) = 0;
  virtual Status UpsertActivity(const ActivityRecord& a) = 0;
  virtual Result<std::optional<ActivityRecord>> FindActivity(const std::string& org_id,
                                                             const std::string& id) = 0;
  // The stored definitions of those of `ids` that have one.
  virtual Result<std::vector<ActivityRecord>> FindActivities(
      const std::string& org_id, const std::vector<std::string>& ids) = 0;

  // Attachments are content-addressed: inserting a hash that exists is a no-op.
  virtual Status PutAttachment(const AttachmentRecord& a) = 0;
  virtual Result<std::optional<AttachmentRecord>> FindAttachment(const std::string& org_id,
                                                                 const std::string& sha2) = 0;
};

class DocumentRepository {
 public:
  virtual ~DocumentRepository() = default;
  // Serialises writers of one document (If-Match checks, merges) until this transaction ends,
  // including writers of a document that does not exist yet.
  virtual Status Lock(const DocumentKey& key) = 0;
  virtual Result<std::optional<DocumentRecord>> Find(const DocumentKey& key) = 0;
  virtual Status Put(const DocumentRecord& doc) = 0;  // insert or replace
  // Deletes one document; returns whether it existed.
  virtual Result<bool> Delete(const DocumentKey& key) = 0;
  // The ids of the documents under `key` (doc_id ignored) updated after `since` (when given).
  virtual Result<std::vector<std::string>> ListIds(const DocumentKey& key,
                                                   std::optional<int64_t> since) = 0;
  // Deletes every document under `key` (doc_id ignored); returns how many.
  virtual Result<int64_t> DeleteAll(const DocumentKey& key) = 0;
  // Deletes the organisation's documents last changed before `cutoff` (epoch ms).
  virtual Result<int64_t> DeleteUpdatedBefore(const std::string& org_id, int64_t cutoff) = 0;
  // Erasure: every document of any kind whose agent is one of `agent_keys`.
  virtual Result<int64_t> DeleteForAgents(const std::string& org_id,
                                          const std::vector<std::string>& agent_keys) = 0;
};

class ForwardingRepository {
 public:
  virtual ~ForwardingRepository() = default;
  // Serialises read-modify-write of the organisation's record (several writers on PostgreSQL)
  // until this transaction ends.
  virtual Status Lock(const std::string& org_id) = 0;
  virtual Result<std::optional<ForwardingRecord>> Find(const std::string& org_id) = 0;
  // Inserts or replaces the whole record (settings and delivery state).
  virtual Status Put(const ForwardingRecord& r) = 0;
  // Deletes the organisation's forwarding with its outbox and rejections.
  virtual Status Delete(const std::string& org_id) = 0;
  // Organisations whose forwarding is enabled and due at `now`, with a lease that has run out.
  virtual Result<std::vector<std::string>> Due(int64_t now) = 0;
  // Takes the organisation's lease until `until` when it is free at `now`; false when another
  // worker holds it.
  virtual Result<bool> Lease(const std::string& org_id, int64_t now, int64_t until) = 0;
  virtual Status Enqueue(const std::string& org_id, const std::vector<int64_t>& seqs) = 0;
  // Queues every statement of the organisation not yet queued; returns how many were added.
  virtual Result<int64_t> EnqueueAll(const std::string& org_id) = 0;
  // The oldest `limit` queued statements, in the order they were stored.
  virtual Result<std::vector<OutboxEntry>> Pending(const std::string& org_id, int limit) = 0;
  virtual Result<int64_t> CountPending(const std::string& org_id) = 0;
  // Takes statements off the queue (delivered, or rejected after Reject).
  virtual Status Dequeue(const std::vector<int64_t>& seqs) = 0;
  virtual Status Reject(const std::string& org_id, const RejectedStatement& r) = 0;
  // The most recent rejections, newest first.
  virtual Result<std::vector<RejectedStatement>> Rejected(const std::string& org_id, int limit) = 0;
};

}  // namespace attune
