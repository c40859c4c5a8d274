#pragma once
// The governance checks every practice, assessment and role-play write makes
// (GovernanceService::MayProcess): the answers themselves need their stream (the xAPI copies are
// governed in learning_events.h).
#include <string>

#include "services/governance_service.h"

namespace attune::practice {

// kFailedPrecondition with the person-facing reason unless `stream` may be processed.
inline Status RequireProcessing(const ServiceContext& ctx, StoreTx& tx,
                                const std::string& person_id, const std::string& stream) {
  ASSIGN_OR_RETURN(ProcessingDecision decision,
                   GovernanceService(ctx).MayProcess(tx, person_id, stream));
  if (!decision.allowed) return Error(ErrorCode::kFailedPrecondition, decision.reason);
  return Ok();
}

}  // namespace attune::practice
