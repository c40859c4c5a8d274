#pragma once
// HRIS CSV import of people and teams. Columns (header row required, any order):
//   employee_id,name,email,team,manager_id,role,locale
// `team` is a name or a path (Sales/EMEA); `manager_id` is the manager's employee_id (in the file
// or already imported); `role` is one role or several separated by ';' (default learner); `locale`
// defaults to en. People are matched on employee_id: new ones are created, known ones updated.
// All or nothing: when any row is invalid nothing is imported and every bad row is reported.
#include <string>
#include <vector>

#include "core/result.h"
#include "services/principal.h"
#include "services/service_context.h"

namespace attune {

struct ImportRowError {
  int line = 0;
  std::string field;
  std::string message;
};

struct ImportReport {
  bool dry_run = true;
  bool valid = false;
  int rows = 0;
  int created = 0;
  int updated = 0;
  int teams_created = 0;
  std::vector<ImportRowError> errors;
};

class PeopleImport {
 public:
  explicit PeopleImport(ServiceContext ctx) : ctx_(ctx) {}
  // kInvalidArgument only for a file that is not CSV at all; row problems are in the report
  // (valid == false), and then nothing was written.
  Result<ImportReport> Run(const Principal& p, std::string_view csv, bool dry_run);

 private:
  ServiceContext ctx_;
};

}  // namespace attune
