#pragma once
// The organisation's directory: the organisation itself, people, teams and reporting lines.
// Managers see their direct and indirect reports' profiles (never practice answers or affect
// data: no such data is reachable through this service).
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "services/principal.h"
#include "services/service_context.h"

namespace attune {

struct PersonInput {
  std::optional<std::string> employee_id, name, email, locale, team;
  std::optional<std::optional<std::string>> manager_id;  // engaged null clears the manager
  std::optional<std::vector<std::string>> roles;
  std::optional<bool> active;
};

struct TeamDetail {
  Team team;
  std::vector<Person> members;
};

class DirectoryService {
 public:
  explicit DirectoryService(ServiceContext ctx) : ctx_(ctx) {}

  Result<Organisation> GetOrganisation(const Principal& p);
  Result<Organisation> SetJurisdiction(const Principal& p, const std::string& jurisdiction);
  // The effective policy: "eu" when either the server or the organisation says so.
  std::string EffectiveJurisdiction(const Organisation& org) const;

  Result<Person> GetMe(const Principal& p);
  Result<std::vector<Person>> ListPeople(const Principal& p);
  Result<Person> GetPerson(const Principal& p, const std::string& id);
  Result<Person> CreatePerson(const Principal& p, const PersonInput& in);
  Result<Person> UpdatePerson(const Principal& p, const std::string& id, const PersonInput& in);

  Result<std::vector<Team>> ListTeams(const Principal& p);
  Result<TeamDetail> GetTeam(const Principal& p, const std::string& id);
  // Creates the team and any missing ancestors of its path.
  Result<Team> CreateTeam(const Principal& p, const std::string& path);

  // Finds or creates every team along `path` inside `tx`; returns the leaf.
  static Result<Team> EnsureTeamPath(StoreTx& tx, const Clock& clock, Random& random,
                                     const std::string& org_id, const std::string& path,
                                     int* created);

 private:
  ServiceContext ctx_;
};

}  // namespace attune
