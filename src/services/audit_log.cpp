#include "services/audit_log.h"

#include "services/secrets.h"

namespace attune {
namespace {
const std::string kGenesis(64, '0');
}

std::string AuditLog::ComputeHash(const AuditEntry& e) {
  const char sep = '\x1f';
  std::string material = e.prev_hash + sep + std::to_string(e.seq) + sep + std::to_string(e.at) +
                         sep + e.org_id + sep + e.actor_id + sep + e.action + sep + e.target + sep +
                         e.detail;
  return Sha256Hex(material);
}

Status AuditLog::Append(StoreTx& tx, const std::string& org_id, const std::string& actor,
                        const std::string& action, const std::string& target,
                        const std::string& detail_json) const {
  RETURN_IF_ERROR(tx.audit().LockChain());
  ASSIGN_OR_RETURN(auto last, tx.audit().Last());
  AuditEntry e;
  e.seq = last ? last->seq + 1 : 1;
  e.at = clock_.NowMillis();
  e.org_id = org_id;
  e.actor_id = actor;
  e.action = action;
  e.target = target;
  e.detail = detail_json;
  e.prev_hash = last ? last->hash : kGenesis;
  e.hash = ComputeHash(e);
  return tx.audit().Insert(e);
}

Result<AuditVerification> AuditLog::Verify(Store& store) {
  AuditVerification v;
  v.head_hash = kGenesis;
  int64_t expected_seq = 1;
  bool done = false;
  while (!done && v.intact) {
    RETURN_IF_ERROR(store.Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto page, tx.audit().ListAfter(expected_seq - 1, 1000));
      if (page.empty()) done = true;
      for (const auto& e : page) {
        auto fail = [&](std::string why) {
          v.intact = false;
          v.first_bad_seq = e.seq;
          v.problem = std::move(why);
        };
        if (e.seq != expected_seq) {
          fail("entry " + std::to_string(expected_seq) + " is missing");
          v.first_bad_seq = expected_seq;
        } else if (e.prev_hash != v.head_hash) {
          fail("entry " + std::to_string(e.seq) + " does not link to its predecessor");
        } else if (ComputeHash(e) != e.hash) {
          fail("entry " + std::to_string(e.seq) + " was modified after it was written");
        }
        if (!v.intact) return Ok();
        v.head_hash = e.hash;
        ++v.entries;
        ++expected_seq;
      }
      return Ok();
    }));
  }
  return v;
}

}  // namespace attune
