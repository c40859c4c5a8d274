#pragma once
// The narrow seam between the shared SQL repositories and a database driver. SQL is written once,
// with `?` placeholders; the PostgreSQL driver rewrites them to $1..$n.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace attune {

using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;

inline SqlValue SqlNullable(const std::optional<std::string>& v) {
  return v ? SqlValue(*v) : SqlValue(std::monostate{});
}
inline SqlValue SqlNullable(const std::optional<int64_t>& v) {
  return v ? SqlValue(*v) : SqlValue(std::monostate{});
}
inline SqlValue SqlNullable(const std::optional<double>& v) {
  return v ? SqlValue(*v) : SqlValue(std::monostate{});
}

// One result row; columns by position, in SELECT order.
class SqlRow {
 public:
  explicit SqlRow(std::vector<SqlValue> cells) : cells_(std::move(cells)) {}
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(cells_.at(i)); }
  std::string Text(size_t i) const;
  int64_t Int(size_t i) const;
  std::optional<std::string> OptText(size_t i) const;
  std::optional<int64_t> OptInt(size_t i) const;
  double Real(size_t i) const;
  std::optional<double> OptReal(size_t i) const;

 private:
  std::vector<SqlValue> cells_;
};

enum class SqlDialect { kSqlite, kPostgres };

// A connection inside an open transaction.
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Result<std::vector<SqlRow>> Query(std::string_view sql,
                                            const std::vector<SqlValue>& params = {}) = 0;
  // Returns the number of rows changed.
  virtual Result<int64_t> Exec(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
  virtual SqlDialect dialect() const = 0;
};

// Runs `work`, turning an exception that escapes it into an error, so that a bug in one unit of
// work cannot leave a pooled connection inside a transaction (to be committed by the next user).
Status RunGuarded(const std::function<Status(SqlConnection&)>& work, SqlConnection& c);

// BEGIN (`begin_sql`), work, COMMIT; ROLLBACK when the work (even by throwing) or the commit
// fails. Shared by drivers.
Status RunInTransaction(SqlConnection& c, const char* begin_sql,
                        const std::function<Status(SqlConnection&)>& work);

class SqlDatabase {
 public:
  virtual ~SqlDatabase() = default;
  // Runs `work` in a transaction on a pooled connection; commits when it succeeds.
  virtual Status Transact(bool write, const std::function<Status(SqlConnection&)>& work) = 0;
  virtual SqlDialect dialect() const = 0;
};

}  // namespace attune
