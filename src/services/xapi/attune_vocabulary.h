#pragma once
// The xAPI vocabulary of Attune's own learning events (docs/xapi.md#vocabulary). Verbs and
// activity types come from the ADL and cmi5 vocabularies where one fits; Attune's activities are
// IRIs under the organisation's base URL. Modules build their statements with these helpers and
// store them with StatementService::AppendInTx in the transaction of the event itself.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "storage/api/records.h"

namespace attune::xapi::vocabulary {

// Verbs (ADL vocabulary, as used by cmi5).
inline constexpr std::string_view kAnswered = "http://adlnet.gov/expapi/verbs/answered";
inline constexpr std::string_view kAttempted = "http://adlnet.gov/expapi/verbs/attempted";
inline constexpr std::string_view kCompleted = "http://adlnet.gov/expapi/verbs/completed";
inline constexpr std::string_view kPassed = "http://adlnet.gov/expapi/verbs/passed";
inline constexpr std::string_view kFailed = "http://adlnet.gov/expapi/verbs/failed";
inline constexpr std::string_view kResponded = "http://adlnet.gov/expapi/verbs/responded";
// Open Badges xAPI profile: a micro-credential was awarded.
inline constexpr std::string_view kEarned = "http://specification.openbadges.org/xapi/verbs/earned";

// Activity types.
inline constexpr std::string_view kInteraction =
    "http://adlnet.gov/expapi/activities/cmi.interaction";
inline constexpr std::string_view kAssessment = "http://adlnet.gov/expapi/activities/assessment";
inline constexpr std::string_view kSimulation = "http://adlnet.gov/expapi/activities/simulation";
inline constexpr std::string_view kBadge = "https://w3id.org/xapi/openbadges/activity-types/badge";

// A person as an xAPI Agent: an account on this server (the base URL) named by their person id,
// with their name. Never their e-mail: statements may be forwarded to other systems.
inline nlohmann::json PersonAgent(const Person& p, const std::string& base_url) {
  return {{"objectType", "Agent"},
          {"name", p.name},
          {"account", {{"homePage", base_url}, {"name", p.id}}}};
}

// An Attune activity: "<base>/xapi/activities/<kind>/<id>", e.g. kind "items" or "scenarios".
inline std::string ActivityIri(const std::string& base_url, std::string_view kind,
                               const std::string& id) {
  return base_url + "/xapi/activities/" + std::string(kind) + "/" + id;
}

// The authority of Attune's own statements: the server itself.
inline nlohmann::json ServerAuthority(const std::string& base_url) {
  return {{"objectType", "Agent"},
          {"name", "Attune"},
          {"account", {{"homePage", base_url}, {"name", "attune"}}}};
}

}  // namespace attune::xapi::vocabulary
