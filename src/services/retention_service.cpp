#include "services/retention_service.h"

#include <nlohmann/json.hpp>

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
  // An audit entry in the same transaction as each deletion that removed anything.
  auto log = [&](StoreTx& tx, const std::string& stream, const json& counts) -> Status {
    json detail = counts;
    detail["retention_days"] = days[stream];
    for (const auto& [kind, n] : counts.items()) report[stream + "." + kind] += n.get<int64_t>();
    return ctx_.audit.Append(tx, org.id, "system", "retention.purge", stream, detail.dump());
  };

  if (days.count("voice_prosody")) {
    const int64_t cutoff = now - days["voice_prosody"] * kDay;
    RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto purged, tx.roleplay().PurgeVoiceBefore(org.id, cutoff));
      if (purged.first + purged.second == 0) return Ok();
      return log(tx, "voice_prosody", {{"recordings", purged.first}, {"analyses", purged.second}});
    }));
  }
  if (days.count("roleplay_text")) {
    const int64_t cutoff = now - days["roleplay_text"] * kDay;
    RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(int64_t turns, tx.roleplay().PurgeTextBefore(org.id, cutoff));
      return turns == 0 ? Ok() : log(tx, "roleplay_text", {{"turns", turns}});
    }));
  }
  if (days.count("practice_responses")) {
    const int64_t cutoff = now - days["practice_responses"] * kDay;
    RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(int64_t answers, tx.practice().PurgeAnswersBefore(org.id, cutoff));
      return answers == 0 ? Ok() : log(tx, "practice_responses", {{"answers", answers}});
    }));
  }
  if (days.count("learning_records")) {
    const int64_t cutoff = now - days["learning_records"] * kDay;
    // Each transaction's deletion and its audit entry commit together.
    for (int64_t deleted = kStatementsPerTransaction; deleted == kStatementsPerTransaction;) {
      RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
        ASSIGN_OR_RETURN(
            deleted, tx.statements().DeleteStoredBefore(org.id, cutoff, kStatementsPerTransaction));
        return deleted == 0 ? Ok() : log(tx, "learning_records", {{"statements", deleted}});
      }));
    }
    RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(int64_t documents, tx.documents().DeleteUpdatedBefore(org.id, cutoff));
      ASSIGN_OR_RETURN(int64_t attachments, tx.statements().DeleteUnusedAttachments(org.id));
      if (documents + attachments == 0) return Ok();
      return log(tx, "learning_records", {{"documents", documents}, {"attachments", attachments}});
    }));
  }
  return Ok();
}

}  // namespace attune
