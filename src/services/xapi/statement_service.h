#pragma once
// The Statement resource of the Learning Record Store (xAPI 1.0.3 Communication 2.1): storing
// single statements and batches atomically, voiding, and the filtered, paged query. Protocol
// details (headers, multipart framing, parameter syntax) belong to the HTTP layer.
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "services/service_context.h"
#include "services/xapi/lrs_credentials.h"
#include "services/xapi/statement_intake.h"

namespace attune {

// An attachment's raw content, by its SHA-2 hex (as named in X-Experience-API-Hash).
struct AttachmentPayload {
  std::string content_type;
  std::string content;
};
using AttachmentPayloads = std::map<std::string, AttachmentPayload>;

enum class StatementFormat { kExact, kIds, kCanonical };

struct PreparedStatement;  // statement_service.cpp

// GET /statements parameters after syntax checks. Agents are JSON objects as sent.
struct StatementQueryParams {
  std::optional<nlohmann::json> agent;
  std::optional<std::string> verb;
  std::optional<std::string> activity;
  std::optional<std::string> registration;
  bool related_activities = false;
  bool related_agents = false;
  std::optional<int64_t> since;  // epoch ms
  std::optional<int64_t> until;
  int limit = 0;  // 0: the server's page size
  bool ascending = false;
  StatementFormat format = StatementFormat::kExact;
  std::vector<std::string> languages;  // for kCanonical, in order of preference
  bool attachments = false;
  // Where the previous page ended, from the `more` link.
  std::optional<std::pair<int64_t, int64_t>> after;
};

struct StatementPage {
  std::vector<nlohmann::json> statements;
  // Set when there may be more: where this page ended, for the `more` link.
  std::optional<std::pair<int64_t, int64_t>> next;
  AttachmentPayloads attachments;  // when params.attachments
};

class StatementService {
 public:
  static constexpr int kMaxPageSize = 500;
  static constexpr int kDefaultPageSize = 100;
  static constexpr size_t kMaxBatch = 5000;

  // With ctx.statement_intake (SQLite), statements are acknowledged once journalled and indexed
  // in the background, and reads first wait for what was acknowledged before them
  // (statement_intake.h). Without one, each is indexed before it is acknowledged.
  explicit StatementService(ServiceContext ctx) : ctx_(ctx), intake_(ctx.statement_intake) {}
  // The intake's Apply: writes a journal entry's statements into the statement tables.
  Result<std::vector<std::string>> ApplyJournalled(StoreTx& tx, const JournalEntry& entry);

  // POST: `body` is a statement or an array of them. All or nothing: every statement is validated
  // and every id checked before anything is written. Returns the ids in order.
  Result<std::vector<std::string>> Store(const LrsClient& client, nlohmann::json body,
                                         const AttachmentPayloads& attachments);
  // PUT ?statementId=: the statement's id must be absent or equal to `id`.
  Status Put(const LrsClient& client, const std::string& id, nlohmann::json statement,
             const AttachmentPayloads& attachments);

  // GET ?statementId= (voided == false) or ?voidedStatementId= (voided == true): kNotFound
  // unless the statement exists and is (or is not) voided accordingly.
  Result<nlohmann::json> Get(const LrsClient& client, const std::string& id, bool voided,
                             StatementFormat format, const std::vector<std::string>& languages,
                             AttachmentPayloads* attachments);
  Result<StatementPage> Query(const LrsClient& client, const StatementQueryParams& params);
  // The Activities resource: the Activity with the canonical definition this LRS holds (merged
  // from the statements it stored), or just the id when it has none.
  Result<nlohmann::json> Activity(const LrsClient& client, const std::string& activity_id);

  // Attune's own events: validates and appends statements inside the caller's write transaction,
  // so they commit (or not) with the event they record.
  Result<std::vector<std::string>> AppendInTx(StoreTx& tx, const std::string& org_id,
                                              const nlohmann::json& authority,
                                              const std::vector<nlohmann::json>& statements);

  // Every statement stored at or before this time (epoch ms) is visible to queries: writes still
  // in flight in this process started after it. (Another server sharing a PostgreSQL database may
  // lag by its own in-flight writes.)
  int64_t ConsistentThrough() const;

 private:
  Result<std::vector<std::string>> StoreAll(const LrsClient& client, nlohmann::json statements,
                                            const AttachmentPayloads& attachments);
  // Takes the statements over (validation moves each one rather than copying it).
  Result<std::vector<PreparedStatement>> Prepare(const std::string& org_id,
                                                 nlohmann::json statements,
                                                 const nlohmann::json& authority,
                                                 const AttachmentPayloads& attachments,
                                                 int64_t now);
  Result<std::vector<std::string>> WriteInTx(StoreTx& tx, const std::string& org_id,
                                             std::vector<PreparedStatement>& prepared,
                                             const AttachmentPayloads& attachments, int64_t now);
  // Resent statements (identical: returned, to skip; different: kConflict) and voids of voiding
  // statements (kInvalidArgument), judged against the stored statements and the batch itself.
  // With `stored_ids`, only the ids it may hold are looked up (admission to the journal); the
  // writer's own check looks up every id, so that it stays the final word.
  Result<std::set<std::string>> CheckAgainstStored(StoreTx& tx, const std::string& org_id,
                                                   const std::vector<PreparedStatement>& prepared,
                                                   const StoredStatementIds* stored_ids = nullptr);
  Result<std::vector<std::string>> Journal(const std::string& org_id,
                                           const std::vector<PreparedStatement>& prepared,
                                           const AttachmentPayloads& attachments, int64_t now);
  Status BackfillReferrers(StoreTx& tx, const std::string& org_id,
                           const std::vector<StatementRecord>& records);
  ServiceContext ctx_;
  StatementIntake* intake_;
  mutable std::mutex in_flight_mu_;
  std::multiset<int64_t> in_flight_;
};

// Epoch milliseconds of an xAPI timestamp (any offset; fractions below 1 ms are dropped).
Result<int64_t> TimestampMillis(const std::string& timestamp);

}  // namespace attune
