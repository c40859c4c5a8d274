#include "services/people_import.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/csv_reader.h"
#include "core/ids.h"
#include "core/utf8.h"
#include "services/directory_service.h"
#include "services/permissions.h"
#include "services/person_validation.h"

namespace attune {
namespace {

constexpr const char* kColumns[] = {"employee_id", "name", "email", "team",
                                    "manager_id",  "role", "locale"};
constexpr size_t kMaxRows = 100'000;

struct Row {
  int line = 0;
  std::string employee_id, name, email, team, manager_employee_id, locale;
  std::vector<std::string> roles;
};

std::vector<std::string> SplitRoles(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t semi = s.find(';', start);
    if (semi == std::string::npos) semi = s.size();
    std::string r = s.substr(start, semi - start);
    r.erase(0, r.find_first_not_of(' '));
    r.erase(r.find_last_not_of(' ') + 1);
    if (!r.empty()) out.push_back(r);
    start = semi + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

Result<ImportReport> PeopleImport::Run(const Principal& p, std::string_view csv, bool dry_run) {
  RETURN_IF_ERROR(Require(p, Permission::kPeopleImport));
  if (!IsValidUtf8(csv)) {
    return Error(ErrorCode::kInvalidArgument, "the file is not UTF-8 text; export it as UTF-8 CSV");
  }
  ASSIGN_OR_RETURN(auto records, ParseCsv(csv));
  if (records.empty()) return Error(ErrorCode::kInvalidArgument, "the file is empty");
  if (records.size() - 1 > kMaxRows) {
    return Error(ErrorCode::kPayloadTooLarge,
                 "at most " + std::to_string(kMaxRows) + " rows per import; split the file");
  }

  ImportReport report;
  report.dry_run = dry_run;
  auto bad = [&](int line, std::string field, std::string message) {
    report.errors.push_back({line, std::move(field), std::move(message)});
  };

  // Header: map column names to positions.
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < records[0].fields.size(); ++i) {
    std::string name = records[0].fields[i];
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (std::find(std::begin(kColumns), std::end(kColumns), name) == std::end(kColumns)) {
      bad(1, name, "unknown column '" + name + "'");
    } else if (!col.emplace(name, i).second) {
      bad(1, name, "column '" + name + "' appears twice");
    }
  }
  for (const char* required : {"employee_id", "name", "email"}) {
    if (!col.count(required)) bad(1, required, std::string("the header lacks column ") + required);
  }
  if (!report.errors.empty()) return report;

  // Rows: field-level checks, duplicates within the file.
  std::vector<Row> rows;
  std::map<std::string, int> seen_ids, seen_emails;
  std::set<std::string> employee_ids_in_file;  // including rows with errors
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    if (rec.fields.size() != records[0].fields.size()) {
      bad(rec.line, "",
          "expected " + std::to_string(records[0].fields.size()) + " fields, found " +
              std::to_string(rec.fields.size()));
      continue;
    }
    auto get = [&](const char* name) -> std::string {
      auto it = col.find(name);
      return it == col.end() ? "" : rec.fields[it->second];
    };
    employee_ids_in_file.insert(get("employee_id"));
    Row row;
    row.line = rec.line;
    row.employee_id = get("employee_id");
    row.name = get("name");
    row.manager_employee_id = get("manager_id");
    row.locale = get("locale").empty() ? "en" : get("locale");
    row.roles = get("role").empty() ? std::vector<std::string>{"learner"} : SplitRoles(get("role"));
    size_t errors_before = report.errors.size();
    auto check = [&](const Status& s) {
      if (!s.ok()) bad(row.line, s.error().field, s.error().message);
    };
    check(ValidateEmployeeId(row.employee_id));
    check(ValidatePersonName(row.name));
    auto email = NormaliseEmail(get("email"));
    if (email.ok())
      row.email = *email;
    else
      check(email.error());
    check(ValidateLocale(row.locale));
    check(ValidateRoles(row.roles));
    if (!get("team").empty()) {
      auto team = NormaliseTeamPath(get("team"));
      if (team.ok())
        row.team = *team;
      else
        check(team.error());
    }
    if (!row.manager_employee_id.empty() && row.manager_employee_id == row.employee_id) {
      bad(row.line, "manager_id", "a person cannot be their own manager");
    }
    if (auto [it, fresh] = seen_ids.emplace(row.employee_id, row.line); !fresh) {
      bad(row.line, "employee_id",
          "employee_id " + row.employee_id + " already appears on line " +
              std::to_string(it->second));
    }
    if (!row.email.empty()) {
      if (auto [it, fresh] = seen_emails.emplace(row.email, row.line); !fresh) {
        bad(row.line, "email",
            "e-mail " + row.email + " already appears on line " + std::to_string(it->second));
      }
    }
    if (report.errors.size() == errors_before) rows.push_back(std::move(row));
  }
  report.rows = static_cast<int>(records.size() - 1);

  // Cross-row and database checks, then (unless dry run or invalid) the writes, in one transaction.
  // A dry run (or an invalid file) returns an error from the unit of work to roll back everything.
  bool rolled_back_on_purpose = false;
  Status s = ctx_.store.Write([&](StoreTx& tx) -> Status {
    std::map<std::string, std::string> person_id_by_employee;  // employee_id -> Person.id
    const int64_t now = ctx_.clock.NowMillis();
    for (const Row& row : rows) {
      ASSIGN_OR_RETURN(auto existing, tx.people().FindByEmployeeId(p.org_id, row.employee_id));
      ASSIGN_OR_RETURN(auto by_email, tx.people().FindByEmail(row.email));
      if (by_email && (!existing || by_email->id != existing->id)) {
        bad(row.line, "email", "e-mail " + row.email + " belongs to another person");
        continue;
      }
      Person person = existing ? *existing : Person{};
      if (!existing) {
        person.id = NewUuidV7(ctx_.clock, ctx_.random);
        person.org_id = p.org_id;
        person.created_at = now;
      }
      person.employee_id = row.employee_id;
      person.name = row.name;
      person.email = row.email;
      person.locale = row.locale;
      person.roles = row.roles;
      person.updated_at = now;
      if (existing) {
        RETURN_IF_ERROR(tx.people().Update(person));
        ++report.updated;
      } else {
        person.manager_id.reset();  // linked in the second pass, once everyone exists
        RETURN_IF_ERROR(tx.people().Insert(person));
        ++report.created;
      }
      person_id_by_employee[row.employee_id] = person.id;
    }
    // Second pass: manager links and team memberships.
    for (const Row& row : rows) {
      auto self = person_id_by_employee.find(row.employee_id);
      if (self == person_id_by_employee.end()) continue;
      ASSIGN_OR_RETURN(auto person, tx.people().FindById(self->second));
      person->manager_id.reset();
      if (!row.manager_employee_id.empty()) {
        auto in_file = person_id_by_employee.find(row.manager_employee_id);
        if (in_file != person_id_by_employee.end()) {
          person->manager_id = in_file->second;
        } else if (employee_ids_in_file.count(row.manager_employee_id)) {
          continue;  // the manager's own row is invalid and already reported
        } else {
          ASSIGN_OR_RETURN(auto m, tx.people().FindByEmployeeId(p.org_id, row.manager_employee_id));
          if (!m) {
            bad(row.line, "manager_id",
                "manager " + row.manager_employee_id + " is neither in the file nor in Attune");
            continue;
          }
          person->manager_id = m->id;
        }
      }
      RETURN_IF_ERROR(tx.people().Update(*person));
      if (!row.team.empty()) {
        ASSIGN_OR_RETURN(Team team,
                         DirectoryService::EnsureTeamPath(tx, ctx_.clock, ctx_.random, p.org_id,
                                                          row.team, &report.teams_created));
        RETURN_IF_ERROR(tx.teams().RemoveMemberships(person->id));
        RETURN_IF_ERROR(tx.teams().AddMember(team.id, person->id));
      }
    }
    // Reporting cycles (a -> b -> a) across the imported rows.
    for (const Row& row : rows) {
      std::set<std::string> visited;
      ASSIGN_OR_RETURN(auto cur, tx.people().FindByEmployeeId(p.org_id, row.employee_id));
      while (cur && cur->manager_id) {
        if (!visited.insert(cur->id).second) {
          bad(row.line, "manager_id", "the reporting line of " + row.employee_id + " loops");
          break;
        }
        ASSIGN_OR_RETURN(cur, tx.people().FindById(*cur->manager_id));
      }
    }
    std::sort(report.errors.begin(), report.errors.end(),
              [](const auto& a, const auto& b) { return a.line < b.line; });
    report.valid = report.errors.empty();
    if (dry_run || !report.valid) {
      rolled_back_on_purpose = true;
      return Error(ErrorCode::kConflict, "rolled back: dry run or invalid rows");
    }
    ctx_.credentials.Clear();  // imported rows may change roles of people who are logged in
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "people.imported", p.org_id,
                             nlohmann::json{{"rows", report.rows},
                                            {"created", report.created},
                                            {"updated", report.updated},
                                            {"teams_created", report.teams_created}}
                                 .dump());
  });
  if (!s.ok() && !rolled_back_on_purpose) return s.error();
  if (!report.valid) {
    report.created = report.updated = report.teams_created = 0;
  }
  return report;
}

}  // namespace attune
