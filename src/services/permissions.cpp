#include "services/permissions.h"

#include <algorithm>
#include <map>
#include <set>

namespace attune {
namespace {

using P = Permission;

const std::map<std::string_view, std::set<Permission>>& RoleTable() {
  static const std::set<Permission> kSelf = {P::kSelfRead, P::kSelfWrite, P::kOrgRead};
  auto with = [](std::set<Permission> base, std::initializer_list<Permission> more) {
    base.insert(more);
    return base;
  };
  static const std::map<std::string_view, std::set<Permission>> table = {
      {"learner", kSelf},
      {"peer", kSelf},
      {"manager", with(kSelf, {P::kPeopleReadReports, P::kTeamsRead})},
      {"coach", with(kSelf, {P::kTeamsRead})},
      {"ld_admin", with(kSelf, {P::kPeopleReadAll, P::kTeamsRead, P::kGovernanceRead})},
      // Analysts and executives see aggregates only (later dashboards), never individuals.
      {"analyst", with(kSelf, {P::kTeamsRead})},
      {"auditor", with(kSelf, {P::kAuditRead, P::kGovernanceRead})},
      {"admin", with(kSelf, {P::kOrgWrite, P::kPeopleReadAll, P::kPeopleWrite, P::kPeopleImport,
                             P::kTeamsRead, P::kTeamsWrite, P::kGovernanceRead, P::kGovernanceWrite,
                             P::kAuditRead, P::kLrsCredentialsRead, P::kLrsCredentialsWrite})},
  };
  return table;
}

bool ChangesData(Permission perm) {
  switch (perm) {
    case P::kSelfWrite:
    case P::kOrgWrite:
    case P::kPeopleWrite:
    case P::kPeopleImport:
    case P::kTeamsWrite:
    case P::kGovernanceWrite:
    case P::kLrsCredentialsWrite:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool IsValidRole(std::string_view role) {
  return std::find(std::begin(kRoles), std::end(kRoles), role) != std::end(kRoles);
}

bool HasPermission(const Principal& p, Permission perm) {
  const auto& table = RoleTable();
  for (const auto& role : p.roles) {
    auto it = table.find(role);
    if (it != table.end() && it->second.count(perm)) return true;
  }
  return false;
}

Status Require(const Principal& p, Permission perm) {
  if (!HasPermission(p, perm)) {
    return Error(ErrorCode::kPermissionDenied, "your roles do not allow this action");
  }
  if (p.via == Principal::Via::kApiToken) {
    auto has = [&](std::string_view s) {
      return std::find(p.scopes.begin(), p.scopes.end(), s) != p.scopes.end();
    };
    if (ChangesData(perm) ? !has("write") : !(has("read") || has("write"))) {
      return Error(ErrorCode::kPermissionDenied, std::string("this API token lacks the '") +
                                                     (ChangesData(perm) ? "write" : "read") +
                                                     "' scope");
    }
  }
  return Ok();
}

}  // namespace attune
