#include "storage/sql/sql_database.h"

#include <charconv>

namespace attune {

std::string SqlRow::Text(size_t i) const {
  const SqlValue& v = cells_.at(i);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

int64_t SqlRow::Int(size_t i) const {
  const SqlValue& v = cells_.at(i);
  if (auto* n = std::get_if<int64_t>(&v)) return *n;
  if (auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    // PostgreSQL's text results: "t"/"f" for booleans, digits otherwise.
    if (*s == "t") return 1;
    if (*s == "f") return 0;
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::optional<std::string> SqlRow::OptText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

std::optional<int64_t> SqlRow::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

double SqlRow::Real(size_t i) const {
  const SqlValue& v = cells_.at(i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  if (auto* s = std::get_if<std::string>(&v)) {
    double out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::optional<double> SqlRow::OptReal(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Real(i);
}

Status RunGuarded(const std::function<Status(SqlConnection&)>& work, SqlConnection& c) {
  try {
    return work(c);
  } catch (const std::exception& e) {
    return Error(ErrorCode::kInternal, std::string("a database transaction failed: ") + e.what());
  }
}

Status RunInTransaction(SqlConnection& c, const char* begin_sql,
                        const std::function<Status(SqlConnection&)>& work) {
  RETURN_IF_ERROR(c.ExecScript(begin_sql));
  Status s = RunGuarded(work, c);
  if (!s.ok()) {
    (void)c.ExecScript("ROLLBACK");
    return s;
  }
  Status commit = c.ExecScript("COMMIT");
  if (!commit.ok()) (void)c.ExecScript("ROLLBACK");
  return commit;
}

}  // namespace attune
