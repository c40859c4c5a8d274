#pragma once
// Attune's own learning events (assessment, practice and role-play) as xAPI statements: who the
// learner is as an Agent, and one place that appends the statements in the event's transaction,
// only while the learner's `learning_records` stream may be processed.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "services/governance_service.h"
#include "services/principal.h"
#include "services/service_context.h"
#include "services/xapi/attune_vocabulary.h"
#include "services/xapi/statement_service.h"

namespace attune::practice {

// The principal's person record: the one resolved with their credential, else read in `tx`.
inline Result<Person> PersonOf(StoreTx& tx, const Principal& p) {
  if (p.profile) return *p.profile;
  ASSIGN_OR_RETURN(auto person, tx.people().FindById(p.person_id));
  if (!person) return Error(ErrorCode::kNotFound, "no person " + p.person_id);
  return *person;
}

// Appends `statements` with the server as authority; skipped (not refused) when the learner's
// `learning_records` stream is off.
inline Status RecordLearningEvents(const ServiceContext& ctx, StatementService& statements,
                                   StoreTx& tx, const Principal& p,
                                   const std::vector<nlohmann::json>& events) {
  if (events.empty()) return Ok();
  ASSIGN_OR_RETURN(ProcessingDecision decision,
                   GovernanceService(ctx).MayProcess(tx, p.person_id, "learning_records"));
  if (!decision.allowed) return Ok();
  auto appended = statements.AppendInTx(
      tx, p.org_id, xapi::vocabulary::ServerAuthority(ctx.config.IdentityBaseUrl()), events);
  if (!appended.ok()) return appended.error();
  return Ok();
}

}  // namespace attune::practice
