#pragma once
// Erasure of a person's xAPI records for a data-subject erasure request (GDPR art. 17): a real
// delete of every statement that mentions them (as actor, object, instructor, team member or
// authority, directly or in a SubStatement), of the attachment contents only those statements
// named, and of every State and Agent Profile document held about them. Voiding would keep the
// data, so it is not used. The audit log records who erased whom and how much, never the erased
// content.
#include <optional>
#include <string>
#include <vector>

#include "services/principal.h"
#include "services/service_context.h"

namespace attune {

struct ErasureReport {
  int64_t statements = 0;
  int64_t documents = 0;
  int64_t attachments = 0;
  // When the organisation forwards statements: the external LRS that may already hold copies,
  // which Attune cannot delete there; the erasure request must also go to its owner.
  std::optional<std::string> forwarded_to;
};

class LrsErasure {
 public:
  explicit LrsErasure(ServiceContext ctx) : ctx_(ctx) {}

  // Admins only (kPeopleWrite). The person must belong to the caller's organisation.
  Result<ErasureReport> ErasePerson(const Principal& admin, const std::string& person_id);

  // The agent keys (see statement_index.h) under which a person appears in statements: their
  // e-mail as mbox and as mbox_sha1sum, and their Attune account (this server's base URL with
  // their person id, as Attune's own statements name them).
  static std::vector<std::string> AgentKeysFor(const Person& person, const std::string& base_url);

 private:
  ServiceContext ctx_;
};

}  // namespace attune
