#pragma once
// Plain records stored by the repositories. Times are Unix epoch milliseconds (UTC).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attune {

struct Organisation {
  std::string id;
  std::string slug;
  std::string name;
  std::string jurisdiction;  // "global" or "eu"
  bool is_demo = false;
  int64_t created_at = 0;
};

struct Person {
  std::string id;
  std::string org_id;
  std::string employee_id;  // the HRIS key; unique within an organisation
  std::string name;
  std::string email;  // login name; unique across the server, stored lower-case
  std::string locale;
  std::optional<std::string> manager_id;  // Person.id of the line manager
  bool active = true;
  std::vector<std::string> roles;  // sorted role names, see services/roles.h
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct Team {
  std::string id;
  std::string org_id;
  std::string name;
  std::string path;  // "Engineering/Platform": unique within an organisation
  std::optional<std::string> parent_id;
  int64_t created_at = 0;
};

struct SessionRecord {
  std::string token_hash;  // SHA-256 of the cookie value; the value itself is never stored
  std::string person_id;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

struct ApiTokenRecord {
  std::string id;
  std::string person_id;
  std::string name;
  std::string token_hash;
  std::vector<std::string> scopes;
  int64_t created_at = 0;
  std::optional<int64_t> expires_at;
  std::optional<int64_t> revoked_at;
};

struct DataStream {
  std::string org_id;
  std::string key;
  std::string name;
  std::string purpose;
  std::string legal_basis;  // consent | legitimate_interest | contract | legal_obligation
  int retention_days = 0;
  bool biometric = false;
  int64_t updated_at = 0;
  // An admin's documented reason for running this biometric stream under the eu jurisdiction
  // policy (empty: none, and the policy keeps it off).
  std::string eu_exception;
};

struct ConsentRecord {
  std::string person_id;
  std::string stream_key;
  std::string state;  // granted | withdrawn | objected
  int64_t updated_at = 0;
};

struct AuditEntry {
  int64_t seq = 0;
  int64_t at = 0;
  std::string org_id;
  std::string actor_id;  // person id, "system", or "cli"
  std::string action;    // e.g. "auth.login", "people.import"
  std::string target;
  std::string detail;  // compact JSON object
  std::string prev_hash;
  std::string hash;
};

}  // namespace attune
