#pragma once
// The append-only, hash-chained audit log of security- and privacy-relevant actions.
// hash(n) = SHA-256(hash(n-1) | seq | at | org | actor | action | target | detail), with the fields
// separated by U+001F, starting from 64 zeros. Editing, inserting or deleting any entry breaks the
// chain from that point; truncating the tail is caught by comparing the head with an anchor the
// operator keeps (`attune audit verify --expect-head`).
#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "storage/api/store.h"

namespace attune {

struct AuditVerification {
  bool intact = true;
  int64_t entries = 0;
  int64_t first_bad_seq = 0;  // 0 when intact
  std::string problem;
  std::string head_hash;
};

class AuditLog {
 public:
  explicit AuditLog(const Clock& clock) : clock_(clock) {}
  // Appends inside the caller's write transaction, so the entry commits with the action it records.
  Status Append(StoreTx& tx, const std::string& org_id, const std::string& actor,
                const std::string& action, const std::string& target,
                const std::string& detail_json = "{}") const;

  static std::string ComputeHash(const AuditEntry& e);
  static Result<AuditVerification> Verify(Store& store);

 private:
  const Clock& clock_;
};

}  // namespace attune
