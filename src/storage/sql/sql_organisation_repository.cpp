#include "storage/sql/sql_repositories.h"

namespace attune {
namespace {
constexpr const char* kColumns = "id, slug, name, jurisdiction, is_demo, created_at";

Organisation FromRow(const SqlRow& r) {
  return Organisation{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4) != 0, r.Int(5)};
}
}  // namespace

Status SqlOrganisationRepository::Insert(const Organisation& o) {
  auto n = c_.Exec(
      "INSERT INTO organisations (id, slug, name, jurisdiction, is_demo, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {o.id, o.slug, o.name, o.jurisdiction, int64_t{o.is_demo}, o.created_at});
  if (!n.ok() && n.error().code == ErrorCode::kAlreadyExists) {
    return Error(ErrorCode::kAlreadyExists, "organisation slug '" + o.slug + "' is taken", "slug");
  }
  return n.ok() ? Ok() : Status(n.error());
}

Result<std::optional<Organisation>> SqlOrganisationRepository::FindById(const std::string& id) {
  ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(std::string("SELECT ") + kColumns + " FROM organisations WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<Organisation>();
  return std::optional<Organisation>(FromRow(rows[0]));
}

Result<std::optional<Organisation>> SqlOrganisationRepository::FindBySlug(const std::string& slug) {
  ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(std::string("SELECT ") + kColumns + " FROM organisations WHERE slug = ?", {slug}));
  if (rows.empty()) return std::optional<Organisation>();
  return std::optional<Organisation>(FromRow(rows[0]));
}

Result<std::vector<Organisation>> SqlOrganisationRepository::List() {
  ASSIGN_OR_RETURN(
      auto rows, c_.Query(std::string("SELECT ") + kColumns + " FROM organisations ORDER BY slug"));
  std::vector<Organisation> out;
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Status SqlOrganisationRepository::SetJurisdiction(const std::string& id,
                                                  const std::string& jurisdiction) {
  ASSIGN_OR_RETURN(int64_t n, c_.Exec("UPDATE organisations SET jurisdiction = ? WHERE id = ?",
                                      {jurisdiction, id}));
  if (n == 0) return Error(ErrorCode::kNotFound, "no such organisation");
  return Ok();
}

}  // namespace attune
