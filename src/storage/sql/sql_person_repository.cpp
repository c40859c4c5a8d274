#include <unordered_map>

#include "storage/sql/sql_repositories.h"

namespace attune {
namespace {
constexpr const char* kSelect =
    "SELECT p.id, p.org_id, p.employee_id, p.name, p.email, p.locale, p.manager_id, p.active, "
    "p.created_at, p.updated_at FROM people p ";

Person FromRow(const SqlRow& r) {
  Person p;
  p.id = r.Text(0);
  p.org_id = r.Text(1);
  p.employee_id = r.Text(2);
  p.name = r.Text(3);
  p.email = r.Text(4);
  p.locale = r.Text(5);
  p.manager_id = r.OptText(6);
  p.active = r.Int(7) != 0;
  p.created_at = r.Int(8);
  p.updated_at = r.Int(9);
  return p;
}

Status FriendlyUniqueError(Status s, const Person& p) {
  if (s.ok() || s.error().code != ErrorCode::kAlreadyExists) return s;
  if (s.error().message.find("email") != std::string::npos) {
    return Error(ErrorCode::kAlreadyExists, "e-mail " + p.email + " is already in use", "email");
  }
  return Error(ErrorCode::kAlreadyExists, "employee id " + p.employee_id + " is already in use",
               "employee_id");
}
}  // namespace

Status SqlPersonRepository::ReplaceRoles(const Person& p) {
  RETURN_IF_ERROR(c_.Exec("DELETE FROM person_roles WHERE person_id = ?", {p.id}));
  for (const auto& role : p.roles) {
    RETURN_IF_ERROR(
        c_.Exec("INSERT INTO person_roles (person_id, role) VALUES (?, ?)", {p.id, role}));
  }
  return Ok();
}

Status SqlPersonRepository::Insert(const Person& p) {
  auto n = c_.Exec(
      "INSERT INTO people (id, org_id, employee_id, name, email, locale, manager_id, active, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {p.id, p.org_id, p.employee_id, p.name, p.email, p.locale, SqlNullable(p.manager_id),
       int64_t{p.active}, p.created_at, p.updated_at});
  if (!n.ok()) return FriendlyUniqueError(n.error(), p);
  return ReplaceRoles(p);
}

Status SqlPersonRepository::Update(const Person& p) {
  auto n = c_.Exec(
      "UPDATE people SET employee_id = ?, name = ?, email = ?, locale = ?, manager_id = ?, "
      "active = ?, updated_at = ? WHERE id = ?",
      {p.employee_id, p.name, p.email, p.locale, SqlNullable(p.manager_id), int64_t{p.active},
       p.updated_at, p.id});
  if (!n.ok()) return FriendlyUniqueError(n.error(), p);
  if (*n == 0) return Error(ErrorCode::kNotFound, "no such person");
  return ReplaceRoles(p);
}

Result<std::vector<Person>> SqlPersonRepository::Select(const std::string& where,
                                                        const std::vector<SqlValue>& params) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(kSelect + where, params));
  std::vector<Person> people;
  people.reserve(rows.size());
  for (const auto& r : rows) people.push_back(FromRow(r));
  if (people.empty()) return people;
  // Roles for all selected people in one query rather than one per person.
  ASSIGN_OR_RETURN(auto role_rows,
                   c_.Query("SELECT r.person_id, r.role FROM person_roles r WHERE r.person_id IN "
                            "(SELECT p.id FROM people p " +
                                where + ") ORDER BY r.role",
                            params));
  std::unordered_map<std::string, Person*> by_id;
  for (auto& p : people) by_id[p.id] = &p;
  for (const auto& r : role_rows) {
    auto it = by_id.find(r.Text(0));
    if (it != by_id.end()) it->second->roles.push_back(r.Text(1));
  }
  return people;
}

Result<std::optional<Person>> SqlPersonRepository::FindById(const std::string& id) {
  ASSIGN_OR_RETURN(auto v, Select("WHERE p.id = ?", {id}));
  if (v.empty()) return std::optional<Person>();
  return std::optional<Person>(std::move(v[0]));
}

Result<std::optional<Person>> SqlPersonRepository::FindByEmail(const std::string& email) {
  ASSIGN_OR_RETURN(auto v, Select("WHERE p.email = ?", {email}));
  if (v.empty()) return std::optional<Person>();
  return std::optional<Person>(std::move(v[0]));
}

Result<std::optional<Person>> SqlPersonRepository::FindByEmployeeId(
    const std::string& org_id, const std::string& employee_id) {
  ASSIGN_OR_RETURN(auto v,
                   Select("WHERE p.org_id = ? AND p.employee_id = ?", {org_id, employee_id}));
  if (v.empty()) return std::optional<Person>();
  return std::optional<Person>(std::move(v[0]));
}

Result<std::vector<Person>> SqlPersonRepository::ListByOrg(const std::string& org_id) {
  return Select("WHERE p.org_id = ? ORDER BY p.name, p.id", {org_id});
}

Result<std::vector<Person>> SqlPersonRepository::ListReports(const std::string& manager_id) {
  // Recursive CTE over the line-manager links; UNION (not UNION ALL) stops on a cycle.
  return Select(
      "WHERE p.id IN (WITH RECURSIVE chain(id) AS ("
      "SELECT id FROM people WHERE manager_id = ? "
      "UNION SELECT q.id FROM people q JOIN chain ON q.manager_id = chain.id) "
      "SELECT id FROM chain) ORDER BY p.name, p.id",
      {manager_id});
}

Status SqlPersonRepository::SetPasswordHash(const std::string& person_id, const std::string& hash) {
  ASSIGN_OR_RETURN(int64_t n,
                   c_.Exec("UPDATE people SET password_hash = ? WHERE id = ?", {hash, person_id}));
  if (n == 0) return Error(ErrorCode::kNotFound, "no such person");
  return Ok();
}

Result<std::optional<std::string>> SqlPersonRepository::PasswordHash(const std::string& person_id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("SELECT password_hash FROM people WHERE id = ?", {person_id}));
  if (rows.empty()) return std::optional<std::string>();
  return rows[0].OptText(0);
}

}  // namespace attune
