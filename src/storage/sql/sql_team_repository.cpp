#include "storage/sql/sql_repositories.h"

namespace attune {
namespace {
constexpr const char* kSelect = "SELECT id, org_id, name, path, parent_id, created_at FROM teams ";

Team FromRow(const SqlRow& r) {
  return Team{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.OptText(4), r.Int(5)};
}

std::vector<std::string> FirstColumn(const std::vector<SqlRow>& rows) {
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}
}  // namespace

Status SqlTeamRepository::Insert(const Team& t) {
  auto n = c_.Exec(
      "INSERT INTO teams (id, org_id, name, path, parent_id, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {t.id, t.org_id, t.name, t.path, SqlNullable(t.parent_id), t.created_at});
  if (!n.ok() && n.error().code == ErrorCode::kAlreadyExists) {
    return Error(ErrorCode::kAlreadyExists, "team '" + t.path + "' already exists", "name");
  }
  return n.ok() ? Ok() : Status(n.error());
}

Result<std::optional<Team>> SqlTeamRepository::FindById(const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kSelect) + "WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<Team>();
  return std::optional<Team>(FromRow(rows[0]));
}

Result<std::optional<Team>> SqlTeamRepository::FindByPath(const std::string& org_id,
                                                          const std::string& path) {
  ASSIGN_OR_RETURN(
      auto rows, c_.Query(std::string(kSelect) + "WHERE org_id = ? AND path = ?", {org_id, path}));
  if (rows.empty()) return std::optional<Team>();
  return std::optional<Team>(FromRow(rows[0]));
}

Result<std::vector<Team>> SqlTeamRepository::ListByOrg(const std::string& org_id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query(std::string(kSelect) + "WHERE org_id = ? ORDER BY path", {org_id}));
  std::vector<Team> out;
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Status SqlTeamRepository::AddMember(const std::string& team_id, const std::string& person_id) {
  // Idempotent: adding an existing member is not an error.
  auto n = c_.Exec(
      "INSERT INTO team_members (team_id, person_id) VALUES (?, ?) "
      "ON CONFLICT (team_id, person_id) DO NOTHING",
      {team_id, person_id});
  if (!n.ok() && n.error().code == ErrorCode::kFailedPrecondition) {
    return Error(ErrorCode::kNotFound, "no such team or person");
  }
  return n.ok() ? Ok() : Status(n.error());
}

Status SqlTeamRepository::RemoveMemberships(const std::string& person_id) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM team_members WHERE person_id = ?", {person_id}));
  return Ok();
}

Result<std::vector<std::string>> SqlTeamRepository::MemberIds(const std::string& team_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT person_id FROM team_members WHERE team_id = ? "
                                       "ORDER BY person_id",
                                       {team_id}));
  return FirstColumn(rows);
}

Result<std::vector<std::string>> SqlTeamRepository::TeamIdsOf(const std::string& person_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT team_id FROM team_members WHERE person_id = ? "
                                       "ORDER BY team_id",
                                       {person_id}));
  return FirstColumn(rows);
}

}  // namespace attune
