#pragma once
// Role-based access control. Services call Require() before touching data; HTTP handlers never
// decide access themselves. The role table is in permissions.cpp and docs/architecture.md.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "services/principal.h"

namespace attune {

inline constexpr std::string_view kRoles[] = {"learner",  "peer",    "manager", "coach",
                                              "ld_admin", "analyst", "auditor", "admin"};
bool IsValidRole(std::string_view role);

enum class Permission {
  kSelfRead,           // own profile, consents, tokens, data export
  kSelfWrite,          // change own password, consents, tokens
  kOrgRead,            // organisation name and policy
  kOrgWrite,           // jurisdiction policy
  kPeopleReadAll,      // every person's profile in the organisation
  kPeopleReadReports,  // profiles of one's direct and indirect reports
  kPeopleWrite,        // create and edit people, set passwords
  kPeopleImport,       // HRIS CSV import
  kTeamsRead,
  kTeamsWrite,
  kGovernanceRead,  // data-stream registry
  kGovernanceWrite,
  kAuditRead,
  kLrsCredentialsRead,   // list the organisation's xAPI client credentials
  kLrsCredentialsWrite,  // create and revoke them
};

bool HasPermission(const Principal& p, Permission perm);
// kPermissionDenied (with a message naming what is missing) unless allowed. API tokens also need
// the "write" scope for permissions that change data.
Status Require(const Principal& p, Permission perm);

}  // namespace attune
