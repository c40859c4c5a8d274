#pragma once
// What a stored statement can be found by (the refs of GET /statements filters) and the "ids"
// format. Pure functions over statements already validated by ValidateStatement.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "storage/api/xapi_records.h"

namespace attune::xapi {

// The ref key of an Agent or identified Group: "agent:" plus its inverse functional identifier
// (mbox, mbox_sha1sum, openid or account). nullopt for an anonymous Group or a non-agent.
std::optional<std::string> AgentKey(const nlohmann::json& agent);
std::string ActivityKey(const std::string& activity_id);
std::string VerbKey(const std::string& verb_id);
std::string RegistrationKey(const std::string& registration);

// The stored form of a ref: the first 63 bits of SHA-256(org_id, "\n", key), so the index holds
// 8 bytes per value. Queries also check the statement's organisation, so a collision could only
// add a statement of the same organisation to a filter's result, never drop or leak one; finding
// a value that collides with a given one takes about 2^63 hashes.
int64_t RefKey(const std::string& org_id, const std::string& key);

// The refs of a statement (xAPI 1.0.3 Communication 2.1.3, GET Statements filters), plain refs
// first, without duplicates:
//  - plain: the verb; the registration; the actor and an Agent/Group object, and the members of
//    either when it is a Group; an Activity object;
//  - broad (related_agents / related_activities only): the authority, context instructor and
//    team, the context activities, and the same properties inside a SubStatement object.
std::vector<StatementRef> StatementRefsFor(const std::string& org_id, const nlohmann::json& stmt);

// The statement in the "ids" format: Agents, Groups, Activities and Verbs reduced to what
// identifies them (an anonymous Group keeps its members, each reduced).
nlohmann::json IdsFormat(const nlohmann::json& stmt);

}  // namespace attune::xapi
