#include "services/directory_service.h"

#include <nlohmann/json.hpp>

#include "core/ids.h"
#include "services/permissions.h"
#include "services/person_validation.h"

namespace attune {
namespace {

Error NoSuchPerson() { return Error(ErrorCode::kNotFound, "no such person"); }

// Rejects a manager link that would make someone their own (indirect) manager.
Status CheckNoCycle(StoreTx& tx, const std::string& person_id, std::string manager_id) {
  for (int hops = 0; hops < 1000; ++hops) {
    if (manager_id == person_id) {
      return Error(ErrorCode::kInvalidArgument, "this manager would create a reporting cycle",
                   "manager_id");
    }
    ASSIGN_OR_RETURN(auto m, tx.people().FindById(manager_id));
    if (!m || !m->manager_id) return Ok();
    manager_id = *m->manager_id;
  }
  return Error(ErrorCode::kInvalidArgument, "the reporting line is too deep", "manager_id");
}

}  // namespace

std::string DirectoryService::EffectiveJurisdiction(const Organisation& org) const {
  return ctx_.config.jurisdiction == "eu" ? "eu" : org.jurisdiction;
}

Result<Organisation> DirectoryService::GetOrganisation(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kOrgRead));
  std::optional<Organisation> org;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(org, tx.organisations().FindById(p.org_id));
    return Ok();
  }));
  if (!org) return Error(ErrorCode::kNotFound, "no such organisation");
  org->jurisdiction = EffectiveJurisdiction(*org);
  return *org;
}

Result<Organisation> DirectoryService::SetJurisdiction(const Principal& p,
                                                       const std::string& jurisdiction) {
  RETURN_IF_ERROR(Require(p, Permission::kOrgWrite));
  if (jurisdiction != "global" && jurisdiction != "eu") {
    return Error(ErrorCode::kInvalidArgument, "jurisdiction must be 'global' or 'eu'",
                 "jurisdiction");
  }
  if (ctx_.config.jurisdiction == "eu" && jurisdiction != "eu") {
    return Error(ErrorCode::kFailedPrecondition,
                 "this server runs under the eu policy; organisations cannot opt out",
                 "jurisdiction");
  }
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.organisations().SetJurisdiction(p.org_id, jurisdiction));
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "org.jurisdiction_set", p.org_id,
                             nlohmann::json{{"jurisdiction", jurisdiction}}.dump());
  }));
  return GetOrganisation(p);
}

Result<Person> DirectoryService::GetMe(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  if (p.profile) return *p.profile;  // read with the credential; saves a query per request
  std::optional<Person> me;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(me, tx.people().FindById(p.person_id));
    return Ok();
  }));
  if (!me) return NoSuchPerson();
  return *me;
}

Result<std::vector<Person>> DirectoryService::ListPeople(const Principal& p) {
  std::vector<Person> out;
  if (HasPermission(p, Permission::kPeopleReadAll)) {
    RETURN_IF_ERROR(Require(p, Permission::kPeopleReadAll));
    RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.people().ListByOrg(p.org_id));
      return Ok();
    }));
    return out;
  }
  RETURN_IF_ERROR(Require(p, Permission::kPeopleReadReports));
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.people().ListReports(p.person_id));
    return Ok();
  }));
  return out;
}

Result<Person> DirectoryService::GetPerson(const Principal& p, const std::string& id) {
  std::optional<Person> person;
  bool is_report = false;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(person, tx.people().FindById(id));
    if (person && person->id != p.person_id && !HasPermission(p, Permission::kPeopleReadAll) &&
        HasPermission(p, Permission::kPeopleReadReports)) {
      ASSIGN_OR_RETURN(auto reports, tx.people().ListReports(p.person_id));
      for (const auto& r : reports) is_report = is_report || r.id == id;
    }
    return Ok();
  }));
  // Someone else's id from another organisation reads as "not found", never "forbidden".
  if (!person || person->org_id != p.org_id) return NoSuchPerson();
  if (person->id == p.person_id) {
    RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  } else if (is_report) {
    RETURN_IF_ERROR(Require(p, Permission::kPeopleReadReports));
  } else {
    RETURN_IF_ERROR(Require(p, Permission::kPeopleReadAll));
  }
  return *person;
}

Result<Person> DirectoryService::CreatePerson(const Principal& p, const PersonInput& in) {
  RETURN_IF_ERROR(Require(p, Permission::kPeopleWrite));
  for (auto [value, field] :
       {std::pair{&in.employee_id, "employee_id"}, {&in.name, "name"}, {&in.email, "email"}}) {
    if (!*value)
      return Error(ErrorCode::kInvalidArgument, std::string(field) + " is required", field);
  }
  PersonInput full = in;
  if (!full.locale) full.locale = "en";
  if (!full.roles) full.roles = std::vector<std::string>{"learner"};
  const int64_t now = ctx_.clock.NowMillis();
  Person person;
  person.id = NewUuidV7(ctx_.clock, ctx_.random);
  person.org_id = p.org_id;
  person.created_at = now;
  person.updated_at = now;
  RETURN_IF_ERROR(ValidateEmployeeId(*full.employee_id));
  RETURN_IF_ERROR(ValidatePersonName(*full.name));
  ASSIGN_OR_RETURN(person.email, NormaliseEmail(*full.email));
  RETURN_IF_ERROR(ValidateLocale(*full.locale));
  RETURN_IF_ERROR(ValidateRoles(*full.roles));
  person.employee_id = *full.employee_id;
  person.name = *full.name;
  person.locale = *full.locale;
  person.roles = *full.roles;
  std::sort(person.roles.begin(), person.roles.end());
  person.roles.erase(std::unique(person.roles.begin(), person.roles.end()), person.roles.end());
  if (full.active) person.active = *full.active;
  std::optional<std::string> team_path;
  if (full.team) {
    ASSIGN_OR_RETURN(team_path, NormaliseTeamPath(*full.team));
  }
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    if (full.manager_id && *full.manager_id) {
      ASSIGN_OR_RETURN(auto m, tx.people().FindById(**full.manager_id));
      if (!m || m->org_id != p.org_id) {
        return Error(ErrorCode::kInvalidArgument, "manager_id names no one in this organisation",
                     "manager_id");
      }
      person.manager_id = m->id;
    }
    RETURN_IF_ERROR(tx.people().Insert(person));
    if (team_path) {
      int created = 0;
      ASSIGN_OR_RETURN(Team team,
                       EnsureTeamPath(tx, ctx_.clock, ctx_.random, p.org_id, *team_path, &created));
      RETURN_IF_ERROR(tx.teams().AddMember(team.id, person.id));
    }
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "people.created", person.id,
                             nlohmann::json{{"roles", person.roles}}.dump());
  }));
  return person;
}

Result<Person> DirectoryService::UpdatePerson(const Principal& p, const std::string& id,
                                              const PersonInput& in) {
  RETURN_IF_ERROR(Require(p, Permission::kPeopleWrite));
  std::optional<Person> updated;
  std::optional<std::string> team_path;
  if (in.team) {
    ASSIGN_OR_RETURN(team_path, NormaliseTeamPath(*in.team));
  }
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto current, tx.people().FindById(id));
    if (!current || current->org_id != p.org_id) return NoSuchPerson();
    Person person = *current;
    if (in.employee_id) {
      RETURN_IF_ERROR(ValidateEmployeeId(*in.employee_id));
      person.employee_id = *in.employee_id;
    }
    if (in.name) {
      RETURN_IF_ERROR(ValidatePersonName(*in.name));
      person.name = *in.name;
    }
    if (in.email) {
      ASSIGN_OR_RETURN(person.email, NormaliseEmail(*in.email));
    }
    if (in.locale) {
      RETURN_IF_ERROR(ValidateLocale(*in.locale));
      person.locale = *in.locale;
    }
    if (in.roles) {
      RETURN_IF_ERROR(ValidateRoles(*in.roles));
      person.roles = *in.roles;
      std::sort(person.roles.begin(), person.roles.end());
      person.roles.erase(std::unique(person.roles.begin(), person.roles.end()), person.roles.end());
      if (id == p.person_id &&
          std::find(person.roles.begin(), person.roles.end(), "admin") == person.roles.end()) {
        return Error(ErrorCode::kFailedPrecondition,
                     "you cannot remove your own admin role; ask another admin", "roles");
      }
    }
    if (in.active) person.active = *in.active;
    if (in.manager_id) {
      person.manager_id.reset();
      if (*in.manager_id) {
        ASSIGN_OR_RETURN(auto m, tx.people().FindById(**in.manager_id));
        if (!m || m->org_id != p.org_id) {
          return Error(ErrorCode::kInvalidArgument, "manager_id names no one in this organisation",
                       "manager_id");
        }
        RETURN_IF_ERROR(CheckNoCycle(tx, id, m->id));
        person.manager_id = m->id;
      }
    }
    person.updated_at = ctx_.clock.NowMillis();
    RETURN_IF_ERROR(tx.people().Update(person));
    if (team_path) {
      int created = 0;
      ASSIGN_OR_RETURN(Team team,
                       EnsureTeamPath(tx, ctx_.clock, ctx_.random, p.org_id, *team_path, &created));
      RETURN_IF_ERROR(tx.teams().RemoveMemberships(id));
      RETURN_IF_ERROR(tx.teams().AddMember(team.id, id));
    }
    if (!person.active) RETURN_IF_ERROR(tx.credentials().DeleteSessionsOf(id));
    ctx_.credentials.Clear();  // roles, name or active flag may have changed
    updated = person;
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "people.updated", id);
  }));
  return *updated;
}

Result<std::vector<Team>> DirectoryService::ListTeams(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kTeamsRead));
  std::vector<Team> out;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.teams().ListByOrg(p.org_id));
    return Ok();
  }));
  return out;
}

Result<TeamDetail> DirectoryService::GetTeam(const Principal& p, const std::string& id) {
  RETURN_IF_ERROR(Require(p, Permission::kTeamsRead));
  std::optional<TeamDetail> detail;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto team, tx.teams().FindById(id));
    if (!team || team->org_id != p.org_id) return Error(ErrorCode::kNotFound, "no such team");
    detail = TeamDetail{*team, {}};
    ASSIGN_OR_RETURN(auto ids, tx.teams().MemberIds(id));
    for (const auto& member_id : ids) {
      ASSIGN_OR_RETURN(auto person, tx.people().FindById(member_id));
      if (person) detail->members.push_back(std::move(*person));
    }
    return Ok();
  }));
  return *detail;
}

Result<Team> DirectoryService::CreateTeam(const Principal& p, const std::string& raw_path) {
  RETURN_IF_ERROR(Require(p, Permission::kTeamsWrite));
  ASSIGN_OR_RETURN(std::string path, NormaliseTeamPath(raw_path));
  std::optional<Team> team;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto existing, tx.teams().FindByPath(p.org_id, path));
    if (existing)
      return Error(ErrorCode::kAlreadyExists, "team '" + path + "' already exists", "name");
    int created = 0;
    ASSIGN_OR_RETURN(team, EnsureTeamPath(tx, ctx_.clock, ctx_.random, p.org_id, path, &created));
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "teams.created", team->id,
                             nlohmann::json{{"path", path}}.dump());
  }));
  return *team;
}

Result<Team> DirectoryService::EnsureTeamPath(StoreTx& tx, const Clock& clock, Random& random,
                                              const std::string& org_id, const std::string& path,
                                              int* created) {
  std::optional<Team> parent;
  size_t pos = 0;
  while (true) {
    size_t slash = path.find('/', pos);
    std::string prefix = path.substr(0, slash);
    ASSIGN_OR_RETURN(auto team, tx.teams().FindByPath(org_id, prefix));
    if (!team) {
      Team t;
      t.id = NewUuidV7(clock, random);
      t.org_id = org_id;
      t.name = prefix.substr(prefix.rfind('/') == std::string::npos ? 0 : prefix.rfind('/') + 1);
      t.path = prefix;
      if (parent) t.parent_id = parent->id;
      t.created_at = clock.NowMillis();
      RETURN_IF_ERROR(tx.teams().Insert(t));
      ++*created;
      team = t;
    }
    parent = team;
    if (slash == std::string::npos) return *parent;
    pos = slash + 1;
  }
}

}  // namespace attune
