#pragma once
// Field rules for people, shared by the API, the CSV import and the CLI so they agree exactly.
#include <string>
#include <vector>

#include "core/result.h"

namespace attune {

Status ValidateEmployeeId(const std::string& v);
Status ValidatePersonName(const std::string& v);
// Returns the e-mail lower-cased.
Result<std::string> NormaliseEmail(const std::string& v);
Status ValidateLocale(const std::string& v);
Status ValidateRoles(const std::vector<std::string>& roles);
// "Sales / EMEA" -> "Sales/EMEA"; each segment 1..100 characters, at most 8 levels.
Result<std::string> NormaliseTeamPath(const std::string& v);

}  // namespace attune
