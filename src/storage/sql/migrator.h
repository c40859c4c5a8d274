#pragma once
// Forward-only numbered migrations (migrations/<dialect>/NNNN_name.sql, embedded in the binary).
// Each migration runs in its own transaction together with its schema_migrations row, so a crash
// leaves the schema at a whole version.
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/sql/sql_database.h"

namespace attune {

struct MigrationResult {
  std::vector<std::string> applied;  // names applied by this run, in order
  int version = 0;                   // schema version afterwards
};

Result<MigrationResult> Migrate(SqlDatabase& db);

}  // namespace attune
