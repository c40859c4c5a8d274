#include "services/xapi/statement_service.h"

#include <ctime>
#include <unordered_map>

#include "core/ids.h"
#include "core/utf8.h"
#include "services/xapi/canonical_format.h"
#include "services/xapi/signed_statement.h"
#include "services/xapi/statement_index.h"
#include "services/xapi/statement_validator.h"
#include "services/xapi/xapi_formats.h"

namespace attune {
namespace {

using nlohmann::json;

Error Invalid(std::string message, std::string field = {}) {
  return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

}  // namespace

// A statement ready to write: validated, completed by the LRS, indexed and serialised, all
// before the write transaction starts, so that concurrent requests validate in parallel and the
// single writer only writes.
struct PreparedStatement {
  json statement;
  std::string id;
  std::string text;               // statement.dump()
  bool client_timestamp = false;  // the client sent a timestamp (else the LRS set it to stored)
  std::optional<std::string> voids;
  std::optional<std::string> ref_target;                   // object is a StatementRef to this id
  std::optional<std::pair<std::string, json>> definition;  // activity id and definition
};

namespace {

// The statement as the client determined it, for comparing a resent statement with the stored
// one: the properties the LRS sets are dropped.
json Comparable(json stmt, bool keep_timestamp) {
  stmt.erase("stored");
  stmt.erase("authority");
  stmt.erase("version");
  if (!keep_timestamp) stmt.erase("timestamp");
  return stmt;
}

// Activity definitions merge: a later statement's properties win, language maps merge per key.
json MergeDefinition(json base, const json& update) {
  for (const auto& [key, value] : update.items()) {
    if (value.is_object() && base.contains(key) && base[key].is_object() &&
        (key == "name" || key == "description")) {
      for (const auto& [lang, text] : value.items()) base[key][lang] = text;
    } else {
      base[key] = value;
    }
  }
  return base;
}

json Formatted(const json& stmt, StatementFormat format, const std::vector<std::string>& langs) {
  switch (format) {
    case StatementFormat::kIds:
      return xapi::IdsFormat(stmt);
    case StatementFormat::kCanonical:
      return xapi::CanonicalFormat(stmt, langs);
    case StatementFormat::kExact:
      break;
  }
  return stmt;
}

// Adds the stored payloads of a statement's attachments to `out`.
Status CollectAttachments(StoreTx& tx, const std::string& org_id, const json& stmt,
                          AttachmentPayloads& out) {
  if (!stmt.contains("attachments")) return Ok();
  for (const auto& a : stmt["attachments"]) {
    const std::string sha2 = a.value("sha2", "");
    if (out.count(sha2)) continue;
    ASSIGN_OR_RETURN(auto found, tx.statements().FindAttachment(org_id, sha2));
    if (found) out[sha2] = {found->content_type, std::move(found->content)};
  }
  return Ok();
}

// What a statement's object means for storing it: a reference to another statement, or an
// activity whose definition the LRS merges.
void DescribeObject(PreparedStatement& p) {
  const json& object = p.statement["object"];
  const std::string object_type = object.value("objectType", "Activity");
  if (object_type == "StatementRef") p.ref_target = object["id"].get<std::string>();
  if (object_type == "Activity" && object.contains("definition")) {
    p.definition.emplace(object["id"].get<std::string>(), object["definition"]);
  }
}

// A statement as the journal holds it (validated and completed when it was admitted), ready to
// write again.
PreparedStatement FromJournal(const std::string& org_id, std::string text) {
  PreparedStatement p;
  p.statement = json::parse(text);
  p.id = p.statement["id"].get<std::string>();
  p.client_timestamp = true;  // compare timestamps too: a replay carries the same one
  if (p.statement["verb"]["id"] == xapi::kVoidedVerb) {
    p.voids = p.statement["object"]["id"].get<std::string>();
  }
  DescribeObject(p);
  p.text = std::move(text);
  return p;
}

// Keeps in_flight_ up to date for ConsistentThrough.
class InFlight {
 public:
  InFlight(std::mutex& mu, std::multiset<int64_t>& set, int64_t at) : mu_(mu), set_(set) {
    std::lock_guard lock(mu_);
    it_ = set_.insert(at);
  }
  ~InFlight() {
    std::lock_guard lock(mu_);
    set_.erase(it_);
  }

 private:
  std::mutex& mu_;
  std::multiset<int64_t>& set_;
  std::multiset<int64_t>::iterator it_;
};

}  // namespace

Result<int64_t> TimestampMillis(const std::string& timestamp) {
  ASSIGN_OR_RETURN(std::string utc, xapi::NormaliseTimestamp(timestamp));
  std::tm tm{};
  int ms_digits = 0;
  char fraction[32] = {0};
  if (std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%31[.0-9]", &tm.tm_year, &tm.tm_mon,
                  &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, fraction) < 6) {
    return Invalid("is not a timestamp");
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  int64_t ms = int64_t{timegm(&tm)} * 1000;
  if (fraction[0] == '.') {
    int scale = 100;
    for (const char* p = fraction + 1; *p && ms_digits < 3; ++p, ++ms_digits, scale /= 10) {
      ms += (*p - '0') * scale;
    }
  }
  return ms;
}

Result<std::vector<std::string>> StatementService::Store(const LrsClient& client, json body,
                                                         const AttachmentPayloads& attachments) {
  if (body.is_array()) {
    if (body.empty()) return Invalid("the batch is empty");
    return StoreAll(client, std::move(body), attachments);
  }
  if (!body.is_object()) return Invalid("send a statement object or an array of statements");
  json batch = json::array();
  batch.push_back(std::move(body));
  return StoreAll(client, std::move(batch), attachments);
}

Status StatementService::Put(const LrsClient& client, const std::string& id, json stmt,
                             const AttachmentPayloads& attachments) {
  if (!xapi::IsUuid(id)) return Invalid("statementId must be a UUID", "statementId");
  if (!stmt.is_object()) return Invalid("send one statement object");
  const std::string lower = AsciiLower(id);
  if (stmt.contains("id")) {
    if (!stmt["id"].is_string() || !xapi::IsUuid(stmt["id"].get<std::string>())) {
      return Invalid("must be a UUID", "/id");
    }
    if (AsciiLower(stmt["id"].get<std::string>()) != lower)
      return Invalid("differs from the statementId parameter", "/id");
  }
  stmt["id"] = lower;
  json batch = json::array();
  batch.push_back(std::move(stmt));
  auto ids = StoreAll(client, std::move(batch), attachments);
  return ids.ok() ? Ok() : Status(ids.error());
}

Result<std::vector<std::string>> StatementService::StoreAll(const LrsClient& client,
                                                            json statements,
                                                            const AttachmentPayloads& attachments) {
  if (!client.can_write) {
    return Error(ErrorCode::kPermissionDenied, "this LRS credential lacks the 'write' scope");
  }
  if (statements.size() > kMaxBatch) {
    return Invalid("a batch holds at most " + std::to_string(kMaxBatch) + " statements");
  }
  const int64_t now = ctx_.clock.NowMillis();
  InFlight in_flight(in_flight_mu_, in_flight_, now);
  ASSIGN_OR_RETURN(auto prepared, Prepare(client.org_id, std::move(statements), client.authority,
                                          attachments, now));
  if (intake_) return Journal(client.org_id, prepared, attachments, now);
  std::vector<std::string> ids;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(ids, WriteInTx(tx, client.org_id, prepared, attachments, now));
    return Ok();
  }));
  return ids;
}

Result<std::vector<std::string>> StatementService::AppendInTx(StoreTx& tx,
                                                              const std::string& org_id,
                                                              const json& authority,
                                                              const std::vector<json>& statements) {
  const int64_t now = ctx_.clock.NowMillis();
  InFlight in_flight(in_flight_mu_, in_flight_, now);
  ASSIGN_OR_RETURN(auto prepared, Prepare(org_id, json(statements), authority, {}, now));
  return WriteInTx(tx, org_id, prepared, {}, now);
}

Result<std::vector<PreparedStatement>> StatementService::Prepare(
    const std::string& org_id, json statements, const json& authority,
    const AttachmentPayloads& attachments, int64_t now) {
  const bool batch = statements.size() > 1;
  const std::string stored = FormatIso8601Millis(now);
  std::vector<PreparedStatement> prepared;
  prepared.reserve(statements.size());
  std::set<std::string> ids, used_payloads;
  std::map<std::string, std::string> payload_data;  // what signature checks read
  for (const auto& [sha2, payload] : attachments) payload_data[sha2] = payload.content;
  for (size_t i = 0; i < statements.size(); ++i) {
    std::string where;  // the statement's JSON pointer prefix within a batch
    if (batch) where.append("/").append(std::to_string(i));
    auto validated =
        xapi::ValidateStatement(std::move(statements[i]), {.allow_lrs_set_properties = true});
    if (!validated.ok()) {
      Error e = validated.error();
      e.field = where + e.field;
      return e;
    }
    if (xapi::IsSignedStatement(validated->statement)) {
      Status signature = xapi::VerifyStatementSignature(validated->statement, payload_data);
      if (!signature.ok()) {
        Error e = signature.error();
        e.field = where + e.field;
        return e;
      }
    }
    PreparedStatement p;
    p.statement = std::move(validated->statement);
    p.id = validated->id ? *validated->id : NewUuidV7(ctx_.clock, ctx_.random);
    p.client_timestamp = validated->timestamp.has_value();
    if (validated->voiding) p.voids = validated->voided_statement_id;
    DescribeObject(p);
    if (!ids.insert(p.id).second) {
      return Invalid("statement id " + p.id + " appears twice in the batch", where + "/id");
    }
    // Every attachment must arrive with the statement unless it points elsewhere (fileUrl).
    if (p.statement.contains("attachments")) {
      for (size_t k = 0; k < p.statement["attachments"].size(); ++k) {
        const json& a = p.statement["attachments"][k];
        const std::string sha2 = a["sha2"].get<std::string>();
        if (attachments.count(sha2)) {
          used_payloads.insert(sha2);
        } else if (!a.contains("fileUrl")) {
          return Invalid("no attachment part has the hash " + sha2 + " and there is no fileUrl",
                         where + "/attachments/" + std::to_string(k) + "/sha2");
        }
      }
    }
    p.statement["id"] = p.id;
    p.statement["stored"] = stored;
    p.statement["authority"] = authority;
    if (!p.client_timestamp) p.statement["timestamp"] = stored;
    p.text = p.statement.dump();
    prepared.push_back(std::move(p));
  }
  for (const auto& [sha2, payload] : attachments) {
    if (!used_payloads.count(sha2)) {
      return Invalid("the attachment part with hash " + sha2 + " belongs to no statement");
    }
  }
  return prepared;
}

// Statements stored earlier whose StatementRef targets one stored now meet the filters it meets
// (Communication 2.1.3), so they inherit its index values; and so on down a chain of references,
// to a bounded depth (clients choose ids, so a chain could even loop).
Status StatementService::BackfillReferrers(StoreTx& tx, const std::string& org_id,
                                           const std::vector<StatementRecord>& records) {
  constexpr int kMaxDepth = 8;
  std::unordered_map<std::string, std::vector<StatementRef>> frontier;  // id -> refs to pass on
  // A statement of this batch that refers to one later in the batch is reached here too.
  std::set<std::string> reached;
  for (const auto& r : records) frontier[r.id] = r.refs;
  for (int depth = 0; depth < kMaxDepth && !frontier.empty(); ++depth) {
    std::vector<std::string> ids;
    for (const auto& [id, refs] : frontier) ids.push_back(id);
    ASSIGN_OR_RETURN(auto referrers, tx.statements().ReferringTo(org_id, ids));
    std::unordered_map<std::string, std::vector<StatementRef>> next;
    for (const auto& referrer : referrers) {
      if (!reached.insert(referrer.id).second) continue;
      const auto& refs = frontier.at(referrer.target);
      RETURN_IF_ERROR(tx.statements().AddRefs(referrer.seq, referrer.stored, refs));
      next[referrer.id] = refs;
    }
    frontier = std::move(next);
  }
  return Ok();
}

Result<std::set<std::string>> StatementService::CheckAgainstStored(
    StoreTx& tx, const std::string& org_id, const std::vector<PreparedStatement>& prepared,
    const StoredStatementIds* stored_ids) {
  std::unordered_map<std::string, size_t> index_of;
  std::vector<std::string> ids;
  for (size_t i = 0; i < prepared.size(); ++i) {
    index_of[prepared[i].id] = i;
    if (!stored_ids || stored_ids->MayContain(org_id, prepared[i].id)) {
      ids.push_back(prepared[i].id);
    }
  }
  // Resent statements: identical ones are accepted and skipped, different ones conflict.
  std::vector<StatementRepository::Existing> existing;
  if (!ids.empty()) {
    ASSIGN_OR_RETURN(existing, tx.statements().FindByIds(org_id, ids));
  }
  std::set<std::string> skip;
  for (const auto& e : existing) {
    const PreparedStatement& p = prepared[index_of.at(e.id)];
    json old = json::parse(e.statement);
    if (Comparable(old, p.client_timestamp) != Comparable(p.statement, p.client_timestamp)) {
      return Error(ErrorCode::kConflict,
                   "statement " + e.id + " is already stored with different content");
    }
    skip.insert(e.id);
  }
  for (const auto& p : prepared) {
    if (skip.count(p.id) || !p.voids) continue;
    // The target may be earlier in this batch or already stored.
    bool target_voids = false;
    if (auto it = index_of.find(*p.voids); it != index_of.end()) {
      target_voids = prepared[it->second].voids.has_value();
    } else {
      ASSIGN_OR_RETURN(auto target, tx.statements().FindByIds(org_id, {*p.voids}));
      target_voids = !target.empty() && target[0].voids.has_value();
    }
    if (target_voids) {
      return Invalid("statement " + p.id + " voids " + *p.voids +
                         ", which is itself a voiding statement; voiding statements cannot be "
                         "voided",
                     "/object/id");
    }
  }
  return skip;
}

Result<std::vector<std::string>> StatementService::Journal(
    const std::string& org_id, const std::vector<PreparedStatement>& prepared,
    const AttachmentPayloads& attachments, int64_t now) {
  std::vector<std::string> ids, keys;
  for (const auto& p : prepared) {
    ids.push_back(p.id);
    keys.push_back(p.id);
    if (p.voids) keys.push_back(*p.voids);
  }
  std::vector<std::string> fresh;
  JournalEntry entry;
  entry.org_id = org_id;
  entry.stored = now;
  ASSIGN_OR_RETURN(
      uint64_t ticket, intake_->Admit(org_id, keys, now, [&]() -> Result<std::vector<std::string>> {
        RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
          ASSIGN_OR_RETURN(auto skip,
                           CheckAgainstStored(tx, org_id, prepared, &intake_->stored_ids()));
          for (const auto& p : prepared) {
            if (skip.count(p.id)) continue;
            fresh.push_back(p.id);
            entry.statements.push_back(p.text);
          }
          return Ok();
        }));
        return fresh;
      }));
  if (ticket == 0) return ids;  // all of them were stored already
  for (const auto& [sha2, payload] : attachments) {
    entry.attachments.push_back({sha2, payload.content_type, payload.content});
  }
  RETURN_IF_ERROR(intake_->Append(fresh, entry));
  return ids;
}

Result<std::vector<std::string>> StatementService::ApplyJournalled(StoreTx& tx,
                                                                   const JournalEntry& entry) {
  std::vector<PreparedStatement> prepared;
  prepared.reserve(entry.statements.size());
  for (const auto& text : entry.statements) prepared.push_back(FromJournal(entry.org_id, text));
  AttachmentPayloads attachments;
  for (const auto& a : entry.attachments) attachments[a.sha2] = {a.content_type, a.content};
  return WriteInTx(tx, entry.org_id, prepared, attachments, entry.stored);
}

Result<std::vector<std::string>> StatementService::WriteInTx(
    StoreTx& tx, const std::string& org_id, std::vector<PreparedStatement>& prepared,
    const AttachmentPayloads& attachments, int64_t now) {
  std::vector<std::string> ids;
  for (const auto& p : prepared) ids.push_back(p.id);
  ASSIGN_OR_RETURN(auto skip, CheckAgainstStored(tx, org_id, prepared));
  ASSIGN_OR_RETURN(auto voided_on_arrival, tx.statements().TargetsOfVoiding(org_id, ids));
  std::vector<StatementRecord> records;
  std::unordered_map<std::string, size_t> record_of;  // id -> index in records
  std::map<std::string, json> definitions;
  for (auto& p : prepared) {
    if (skip.count(p.id)) continue;
    StatementRecord r;
    r.org_id = org_id;
    r.id = p.id;
    r.stored = now;
    r.voids = p.voids;
    r.ref_target = p.ref_target;
    // Here, not when the statement is prepared: with the ingest journal only the indexer needs
    // them, and a resent statement never does.
    r.refs = xapi::StatementRefsFor(org_id, p.statement);
    if (p.statement.contains("attachments")) {
      for (const auto& a : p.statement["attachments"]) {
        r.attachment_hashes.push_back(a["sha2"].get<std::string>());
      }
    }
    if (p.ref_target) {
      // A statement about a statement is found by the filters its target is found by.
      std::vector<StatementRef> inherited;
      if (auto it = record_of.find(*p.ref_target); it != record_of.end()) {
        inherited = records[it->second].refs;
      } else {
        ASSIGN_OR_RETURN(inherited, tx.statements().RefsOf(org_id, *p.ref_target));
      }
      for (const auto& ref : inherited) {
        if (std::find_if(r.refs.begin(), r.refs.end(),
                         [&](const auto& x) { return x.key == ref.key; }) == r.refs.end()) {
          r.refs.push_back(ref);
        }
      }
      std::stable_partition(r.refs.begin(), r.refs.end(), [](const auto& x) { return !x.broad; });
    }
    // A voiding statement that arrived before its target voids it now.
    r.voided = !p.voids && voided_on_arrival.count(p.id) > 0;
    r.statement = std::move(p.text);
    if (p.definition) {
      auto it = definitions.find(p.definition->first);
      definitions[p.definition->first] = MergeDefinition(
          it == definitions.end() ? json::object() : it->second, p.definition->second);
    }
    record_of[r.id] = records.size();
    records.push_back(std::move(r));
  }
  RETURN_IF_ERROR(tx.statements().Insert(records));
  // Before the commit: an id admission believes absent must be absent.
  if (intake_) {
    for (const auto& r : records) intake_->stored_ids().Add(org_id, r.id);
  }
  RETURN_IF_ERROR(BackfillReferrers(tx, org_id, records));
  // Forwarding: queued in this transaction, so a statement is stored and queued or neither.
  ASSIGN_OR_RETURN(auto forwarding, tx.forwarding().Find(org_id));
  if (forwarding && !records.empty()) {
    std::vector<int64_t> seqs;
    seqs.reserve(records.size());
    for (const auto& r : records) seqs.push_back(r.seq);
    RETURN_IF_ERROR(tx.forwarding().Enqueue(org_id, seqs));
  }
  for (const auto& r : records) {
    if (r.voids) RETURN_IF_ERROR(tx.statements().MarkVoided(org_id, *r.voids));
  }
  // Most statements repeat a definition the LRS already holds word for word: one read of them
  // all, and no lock, parse or write for those (a definition merged into itself is unchanged).
  std::vector<std::string> activity_ids;
  for (const auto& [id, definition] : definitions) activity_ids.push_back(id);
  ASSIGN_OR_RETURN(auto held, tx.statements().FindActivities(org_id, activity_ids));
  std::unordered_map<std::string, std::string> held_text;
  for (auto& a : held) held_text[a.id] = std::move(a.definition);
  for (const auto& [id, definition] : definitions) {
    if (auto it = held_text.find(id); it != held_text.end() && it->second == definition.dump()) {
      continue;
    }
    RETURN_IF_ERROR(tx.statements().LockActivity(org_id, id));
    ASSIGN_OR_RETURN(auto current, tx.statements().FindActivity(org_id, id));
    json merged =
        current ? MergeDefinition(json::parse(current->definition), definition) : definition;
    std::string text = merged.dump();
    if (current && current->definition == text) continue;  // unchanged: no write
    RETURN_IF_ERROR(tx.statements().UpsertActivity({org_id, id, std::move(text), now}));
  }
  for (const auto& [sha2, payload] : attachments) {
    RETURN_IF_ERROR(
        tx.statements().PutAttachment({org_id, sha2, payload.content_type, payload.content}));
  }
  return ids;
}

Result<json> StatementService::Get(const LrsClient& client, const std::string& id, bool voided,
                                   StatementFormat format,
                                   const std::vector<std::string>& languages,
                                   AttachmentPayloads* attachments) {
  if (!client.can_read) {
    return Error(ErrorCode::kPermissionDenied, "this LRS credential lacks the 'read' scope");
  }
  const char* param = voided ? "voidedStatementId" : "statementId";
  if (!xapi::IsUuid(id)) return Invalid(std::string(param) + " must be a UUID", param);
  const std::string lower = AsciiLower(id);
  WaitForStatementIndex(intake_);
  json out;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, tx.statements().FindByIds(client.org_id, {lower}));
    if (found.empty() || found[0].voided != voided) {
      return Error(ErrorCode::kNotFound, voided ? "no voided statement " + lower
                                                : "no statement " + lower + " (or it is voided)");
    }
    json stmt = json::parse(found[0].statement);
    if (attachments) RETURN_IF_ERROR(CollectAttachments(tx, client.org_id, stmt, *attachments));
    out = Formatted(stmt, format, languages);
    return Ok();
  }));
  return out;
}

Result<StatementPage> StatementService::Query(const LrsClient& client,
                                              const StatementQueryParams& params) {
  if (!client.can_read) {
    return Error(ErrorCode::kPermissionDenied, "this LRS credential lacks the 'read' scope");
  }
  StatementQuery q;
  q.org_id = client.org_id;
  auto ref = [&](const std::string& key) { return xapi::RefKey(client.org_id, key); };
  // The most selective filter first: it drives the index scan.
  if (params.registration) {
    q.filters.push_back({ref(xapi::RegistrationKey(*params.registration)), false});
  }
  if (params.agent) {
    auto key = xapi::AgentKey(*params.agent);
    if (!key) return Invalid("agent must be an Agent or an identified Group", "agent");
    q.filters.push_back({ref(*key), params.related_agents});
  }
  if (params.activity) {
    q.filters.push_back({ref(xapi::ActivityKey(*params.activity)), params.related_activities});
  }
  if (params.verb) q.filters.push_back({ref(xapi::VerbKey(*params.verb)), false});
  q.since = params.since;
  q.until = params.until;
  q.ascending = params.ascending;
  const int page = params.limit <= 0 ? kDefaultPageSize : std::min(params.limit, kMaxPageSize);
  q.limit = page + 1;
  q.after = params.after;
  StatementPage out;
  WaitForStatementIndex(intake_);
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto rows, tx.statements().Query(q));
    if (static_cast<int>(rows.size()) > page) {
      rows.resize(page);
      out.next = std::make_pair(rows.back().stored, rows.back().seq);
    }
    out.statements.reserve(rows.size());
    for (const auto& r : rows) {
      json stmt = json::parse(r.statement);
      if (params.attachments) {
        RETURN_IF_ERROR(CollectAttachments(tx, client.org_id, stmt, out.attachments));
      }
      out.statements.push_back(Formatted(stmt, params.format, params.languages));
    }
    return Ok();
  }));
  return out;
}

Result<json> StatementService::Activity(const LrsClient& client, const std::string& activity_id) {
  if (!client.can_read) {
    return Error(ErrorCode::kPermissionDenied, "this LRS credential lacks the 'read' scope");
  }
  json out = {{"objectType", "Activity"}, {"id", activity_id}};
  WaitForStatementIndex(intake_);
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, tx.statements().FindActivity(client.org_id, activity_id));
    if (found) out["definition"] = json::parse(found->definition);
    return Ok();
  }));
  return out;
}

int64_t StatementService::ConsistentThrough() const {
  int64_t through = ctx_.clock.NowMillis();
  {
    std::lock_guard lock(in_flight_mu_);
    if (!in_flight_.empty()) through = *in_flight_.begin() - 1;
  }
  if (intake_) {
    if (auto oldest = intake_->OldestPending()) through = std::min(through, *oldest - 1);
  }
  return through;
}

}  // namespace attune
