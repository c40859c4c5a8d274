#include "storage/sql/migrator.h"

#include <chrono>
#include <map>
#include <string_view>

namespace attune_migrations_sqlite {
const std::map<std::string_view, std::string_view>& Files();
}
namespace attune_migrations_postgres {
const std::map<std::string_view, std::string_view>& Files();
}

namespace attune {
namespace {
int64_t NowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace

Result<MigrationResult> Migrate(SqlDatabase& db) {
  const auto& files = db.dialect() == SqlDialect::kSqlite ? attune_migrations_sqlite::Files()
                                                          : attune_migrations_postgres::Files();
  MigrationResult result;
  RETURN_IF_ERROR(db.Transact(true, [](SqlConnection& c) {
    return c.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
  }));
  // std::map orders "0001_x.sql" < "0002_y.sql": file names carry the version.
  for (const auto& [name, sql] : files) {
    int version = std::stoi(std::string(name.substr(0, 4)));
    bool applied_now = false;
    RETURN_IF_ERROR(db.Transact(true, [&](SqlConnection& c) -> Status {
      ASSIGN_OR_RETURN(auto rows, c.Query("SELECT 1 FROM schema_migrations WHERE version = ?",
                                          {SqlValue(int64_t{version})}));
      if (!rows.empty()) return Ok();
      RETURN_IF_ERROR(c.ExecScript(sql));
      ASSIGN_OR_RETURN(auto n, c.Exec("INSERT INTO schema_migrations (version, name, applied_at) "
                                      "VALUES (?, ?, CAST(? AS BIGINT))",
                                      {int64_t{version}, std::string(name), NowMillis()}));
      (void)n;
      applied_now = true;
      return Ok();
    }));
    if (applied_now) result.applied.emplace_back(name);
    result.version = version;
  }
  return result;
}

}  // namespace attune
