#include "services/retention_service.h"

#include <functional>
#include <nlohmann/json.hpp>

#include "services/xapi/statement_intake.h"

namespace attune {
namespace {

using nlohmann::json;

constexpr int64_t kDay = 24 * 60 * 60 * 1000;
// Statements are deleted this many per transaction, so a large first purge does not hold the
// single writer (SQLite) for long: ~0.2 s per transaction at 10 M statements (benchmarks.md).
constexpr int64_t kStatementsPerTransaction = 1000;

}  // namespace

Result<RetentionReport> RetentionService::PurgeExpired() {
  std::vector<Organisation> orgs;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(orgs, tx.organisations().List());
    return Ok();
  }));
  RetentionReport report;
  for (const Organisation& org : orgs) RETURN_IF_ERROR(PurgeOrganisation(org, report));
  return report;
}

Status RetentionService::PurgeOrganisation(const Organisation& org, RetentionReport& report) {
  std::map<std::string, int64_t> days;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto streams, tx.governance().ListStreams(org.id));
    for (const DataStream& s : streams) days[s.key] = s.retention_days;
    return Ok();
  }));
  const int64_t now = ctx_.clock.NowMillis();
  auto cutoff = [&](const char* stream) { return now - days[stream] * kDay; };
  // One deleting transaction: `remove` deletes and returns the counts by kind. When anything
  // went, its audit entry commits with it; the counts join the report once committed. Returns
  // the number of rows deleted.
  auto purge = [&](const std::string& stream,
                   const std::function<Result<json>(StoreTx&)>& remove) -> Result<int64_t> {
    json counts;
    int64_t total = 0;
    RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(counts, remove(tx));
      total = 0;
      for (const auto& [kind, n] : counts.items()) total += n.get<int64_t>();
      if (total == 0) return Ok();
      json detail = counts;
      detail["retention_days"] = days[stream];
      return ctx_.audit.Append(tx, org.id, "system", "retention.purge", stream, detail.dump());
    }));
    for (const auto& [kind, n] : counts.items()) {
      if (n.get<int64_t>() > 0) report[stream + "." + kind] += n.get<int64_t>();
    }
    return total;
  };

  if (days.count("voice_prosody")) {
    RETURN_IF_ERROR(purge("voice_prosody", [&](StoreTx& tx) -> Result<json> {
      ASSIGN_OR_RETURN(auto purged,
                       tx.roleplay().PurgeVoiceBefore(org.id, cutoff("voice_prosody")));
      return json{{"recordings", purged.first}, {"analyses", purged.second}};
    }));
  }
  if (days.count("roleplay_text")) {
    RETURN_IF_ERROR(purge("roleplay_text", [&](StoreTx& tx) -> Result<json> {
      ASSIGN_OR_RETURN(int64_t turns,
                       tx.roleplay().PurgeTextBefore(org.id, cutoff("roleplay_text")));
      return json{{"turns", turns}};
    }));
  }
  if (days.count("practice_responses")) {
    RETURN_IF_ERROR(purge("practice_responses", [&](StoreTx& tx) -> Result<json> {
      ASSIGN_OR_RETURN(int64_t answers,
                       tx.practice().PurgeAnswersBefore(org.id, cutoff("practice_responses")));
      return json{{"answers", answers}};
    }));
  }
  if (days.count("learning_records")) {
    // Statements acknowledged but not yet indexed (SQLite's ingest journal) would escape this
    // purge: let the index catch up first. They are at most seconds old, so none is due anyway
    // unless the indexer was far behind.
    WaitForStatementIndex(ctx_.statement_intake, std::chrono::seconds(60));
    const int64_t before = cutoff("learning_records");
    for (int64_t deleted = kStatementsPerTransaction; deleted == kStatementsPerTransaction;) {
      ASSIGN_OR_RETURN(deleted, purge("learning_records", [&](StoreTx& tx) -> Result<json> {
                         ASSIGN_OR_RETURN(int64_t n,
                                          tx.statements().DeleteStoredBefore(
                                              org.id, before, kStatementsPerTransaction));
                         return json{{"statements", n}};
                       }));
    }
    RETURN_IF_ERROR(purge("learning_records", [&](StoreTx& tx) -> Result<json> {
      ASSIGN_OR_RETURN(int64_t documents, tx.documents().DeleteUpdatedBefore(org.id, before));
      ASSIGN_OR_RETURN(int64_t attachments, tx.statements().DeleteUnusedAttachments(org.id));
      return json{{"documents", documents}, {"attachments", attachments}};
    }));
  }
  return Ok();
}

}  // namespace attune
