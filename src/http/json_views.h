#pragma once
// Records and service results as the JSON the API returns (documented in docs/api/openapi.json).
#include <nlohmann/json.hpp>

#include "services/directory_service.h"
#include "services/governance_service.h"
#include "services/people_import.h"
#include "services/practice/practice_service.h"
#include "services/xapi/statement_forwarding.h"
#include "storage/api/records.h"
#include "storage/api/xapi_records.h"

namespace attune {

nlohmann::json ToJson(const Organisation& o);
nlohmann::json ToJson(const Person& p);
nlohmann::json ToJson(const Team& t);
nlohmann::json ToJson(const TeamDetail& t);
nlohmann::json ToJson(const ApiTokenRecord& t);
// Never the secret's hash.
nlohmann::json ToJson(const LrsCredential& c);
// Never the password.
nlohmann::json ToJson(const ForwardingStatus& s);
nlohmann::json ToJson(const DataStream& s);
nlohmann::json ToJson(const StreamWithConsent& s);
nlohmann::json ToJson(const AuditEntry& e);
nlohmann::json ToJson(const ImportReport& r);
nlohmann::json ToJson(const AssessmentRecord& a);
nlohmann::json ToJson(const ItemResponseRecord& r);
nlohmann::json ToJson(const ReviewCardRecord& c);
nlohmann::json ToJson(const practice::PracticeExport& e);

template <typename T>
nlohmann::json ToJsonArray(const std::vector<T>& items) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& i : items) a.push_back(ToJson(i));
  return a;
}

}  // namespace attune
