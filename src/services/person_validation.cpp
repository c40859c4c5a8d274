#include "services/person_validation.h"

#include <regex>

#include "core/utf8.h"
#include "services/permissions.h"

namespace attune {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool HasControlChars(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

Status ValidateEmployeeId(const std::string& v) {
  static const std::regex kPattern("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  if (!std::regex_match(v, kPattern)) {
    return Error(ErrorCode::kInvalidArgument,
                 "employee_id must be 1-64 letters, digits, '.', '_' or '-'", "employee_id");
  }
  return Ok();
}

Status ValidatePersonName(const std::string& v) {
  if (!IsValidUtf8(v) || HasControlChars(v) || Trim(v).empty() || v.size() > 200) {
    return Error(ErrorCode::kInvalidArgument, "name must be 1-200 characters of text", "name");
  }
  return Ok();
}

Result<std::string> NormaliseEmail(const std::string& v) {
  // Deliberately simple (RFC 5321 is looser): one '@', a dot in the domain, no spaces.
  static const std::regex kPattern(R"([^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+)");
  std::string e = Trim(v);
  if (e.size() > 254 || !IsValidUtf8(e) || !std::regex_match(e, kPattern)) {
    return Error(ErrorCode::kInvalidArgument, "email is not a valid e-mail address", "email");
  }
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

Status ValidateLocale(const std::string& v) {
  static const std::regex kPattern("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}");
  if (!std::regex_match(v, kPattern)) {
    return Error(ErrorCode::kInvalidArgument, "locale must be a BCP 47 tag such as en-GB",
                 "locale");
  }
  return Ok();
}

Status ValidateRoles(const std::vector<std::string>& roles) {
  if (roles.empty()) {
    return Error(ErrorCode::kInvalidArgument, "give at least one role", "role");
  }
  for (const auto& r : roles) {
    if (!IsValidRole(r)) {
      return Error(ErrorCode::kInvalidArgument,
                   "unknown role '" + r +
                       "'; use learner, peer, manager, coach, ld_admin, analyst, auditor or admin",
                   "role");
    }
  }
  return Ok();
}

Result<std::string> NormaliseTeamPath(const std::string& v) {
  std::string out;
  size_t start = 0;
  int depth = 0;
  while (start <= v.size()) {
    size_t slash = v.find('/', start);
    if (slash == std::string::npos) slash = v.size();
    std::string seg = Trim(v.substr(start, slash - start));
    if (seg.empty() || seg.size() > 100 || !IsValidUtf8(seg) || HasControlChars(seg)) {
      return Error(ErrorCode::kInvalidArgument,
                   "team must be a name or a path like Sales/EMEA (each part 1-100 characters)",
                   "team");
    }
    if (++depth > 8) {
      return Error(ErrorCode::kInvalidArgument, "team paths are at most 8 levels deep", "team");
    }
    if (!out.empty()) out += '/';
    out += seg;
    start = slash + 1;
  }
  return out;
}

}  // namespace attune
