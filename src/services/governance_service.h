#pragma once
// Governance core: the registry of data streams (purpose, legal basis, retention, biometric or
// not), each person's consent or objection, and the decision services ask for before they process
// a stream for a person.
#include <string>
#include <vector>

#include "core/result.h"
#include "services/principal.h"
#include "services/service_context.h"

namespace attune {

struct ProcessingDecision {
  bool allowed = false;
  std::string reason;  // shown to the person: why it is or is not processed
};

struct StreamWithConsent {
  DataStream stream;
  std::string state;  // the person's recorded choice, or "" when none
  ProcessingDecision decision;
};

class GovernanceService {
 public:
  explicit GovernanceService(ServiceContext ctx) : ctx_(ctx) {}

  Result<std::vector<DataStream>> ListStreams(const Principal& p);
  Result<DataStream> UpsertStream(const Principal& p, DataStream stream);
  Result<std::vector<StreamWithConsent>> MyStreams(const Principal& p);
  Result<StreamWithConsent> SetMyConsent(const Principal& p, const std::string& stream_key,
                                         const std::string& state);

  struct AuditPage {
    std::vector<AuditEntry> entries;
    int64_t next_after = 0;  // pass as `after` for the next page; 0 when this was the last
  };
  // The organisation's audit entries after sequence number `after` (auditors and admins).
  Result<AuditPage> ListAudit(const Principal& p, int64_t after, int limit);
  Result<AuditVerification> VerifyAudit(const Principal& p);
  // The audit entries about the caller (as actor or target), for their data-subject export.
  Result<std::vector<AuditEntry>> MyAuditTrail(const Principal& p, int limit = 10000);

  // The rule every service applies before processing `stream_key` for `person_id`:
  //  - biometric streams are off under the eu jurisdiction policy (EU AI Act art. 5(1)(f));
  //  - consent streams need a recorded "granted";
  //  - legitimate-interest streams run unless the person objected;
  //  - contract and legal-obligation streams always run.
  Result<ProcessingDecision> MayProcess(StoreTx& tx, const std::string& person_id,
                                        const std::string& stream_key) const;

  // The default registry for a new organisation.
  static std::vector<DataStream> DefaultStreams(const std::string& org_id, int64_t now);

 private:
  ProcessingDecision Decide(const Organisation& org, const DataStream& s,
                            const std::string& state) const;
  ServiceContext ctx_;
};

}  // namespace attune
