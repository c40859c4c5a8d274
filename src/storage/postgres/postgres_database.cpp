#include "storage/postgres/postgres_database.h"

#include <libpq-fe.h>

#include <charconv>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "storage/sql/connection_pool.h"

namespace attune {

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool in_quote = false;
  for (char c : sql) {
    if (c == '\'') in_quote = !in_quote;
    if (c == '?' && !in_quote) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// The shortest text that reads back as exactly the same double.
std::string ShortestText(double d) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(d);
}

constexpr Oid kInt2 = 21, kInt4 = 23, kInt8 = 20, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

Error PgError(PGconn* conn, PGresult* res, std::string_view what) {
  std::string state;
  if (res) {
    const char* s = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (s) state = s;
  }
  std::string msg =
      std::string(what) + ": " + (res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  if (state == "23505") return Error(ErrorCode::kAlreadyExists, msg);
  if (state.rfind("23", 0) == 0) return Error(ErrorCode::kFailedPrecondition, msg);
  if (state == "40001" || state == "40P01" || state.rfind("08", 0) == 0 ||
      PQstatus(conn) != CONNECTION_OK) {
    return Error(ErrorCode::kUnavailable, msg);
  }
  return Error(ErrorCode::kInternal, msg);
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresConnection final : public SqlConnection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  Result<std::vector<SqlRow>> Query(std::string_view sql,
                                    const std::vector<SqlValue>& params) override {
    ASSIGN_OR_RETURN(PgResult res, Run(sql, params));
    std::vector<SqlRow> rows;
    int nrows = PQntuples(res.get()), ncols = PQnfields(res.get());
    rows.reserve(nrows);
    for (int r = 0; r < nrows; ++r) {
      std::vector<SqlValue> cells;
      cells.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(res.get(), r, c)) {
          cells.emplace_back(std::monostate{});
          continue;
        }
        const char* v = PQgetvalue(res.get(), r, c);
        Oid type = PQftype(res.get(), c);
        if (type == kInt2 || type == kInt4 || type == kInt8)
          cells.emplace_back(int64_t{std::stoll(v)});
        else if (type == kFloat4 || type == kFloat8 || type == kNumeric)
          cells.emplace_back(std::stod(v));
        else
          cells.emplace_back(std::string(v, PQgetlength(res.get(), r, c)));
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

  Result<int64_t> Exec(std::string_view sql, const std::vector<SqlValue>& params) override {
    ASSIGN_OR_RETURN(PgResult res, Run(sql, params));
    const char* n = PQcmdTuples(res.get());
    return int64_t{n && *n ? std::stoll(n) : 0};
  }

  Status ExecScript(std::string_view sql) override {
    PgResult res(PQexec(conn_, std::string(sql).c_str()));
    ExecStatusType st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(conn_, res.get(), "script");
    return Ok();
  }

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }

  bool Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
  void Reset() {
    PQreset(conn_);
    prepared_.clear();
  }

 private:
  Result<PgResult> Run(std::string_view sql, const std::vector<SqlValue>& params) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size());
      PgResult prep(PQprepare(conn_, name.c_str(), RewritePlaceholders(sql).c_str(), 0, nullptr));
      if (PQresultStatus(prep.get()) != PGRES_COMMAND_OK)
        return PgError(conn_, prep.get(), "prepare");
      it = prepared_.emplace(std::string(sql), name).first;
    }
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const SqlValue& v = params[i];
      if (auto* n = std::get_if<int64_t>(&v))
        text[i] = std::to_string(*n);
      else if (auto* d = std::get_if<double>(&v))
        text[i] = ShortestText(*d);  // std::to_string would keep only 6 decimals
      else if (auto* s = std::get_if<std::string>(&v))
        text[i] = *s;
      values[i] = std::holds_alternative<std::monostate>(v) ? nullptr : text[i].c_str();
    }
    PgResult res(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                                values.data(), nullptr, nullptr, 0));
    ExecStatusType st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(conn_, res.get(), "query");
    return res;
  }

  PGconn* conn_;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> prepared_;
};

class PostgresDatabase final : public SqlDatabase {
 public:
  explicit PostgresDatabase(std::vector<std::unique_ptr<PostgresConnection>> pool)
      : pool_(std::move(pool)) {}

  Status Transact(bool write, const std::function<Status(SqlConnection&)>& work) override {
    return pool_.With([&](PostgresConnection& c) {
      if (!c.Healthy()) c.Reset();
      return RunInTransaction(c, write ? "BEGIN" : "BEGIN READ ONLY", work);
    });
  }

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }

 private:
  ConnectionPool<PostgresConnection> pool_;
};

}  // namespace

Result<std::unique_ptr<SqlDatabase>> OpenPostgresDatabase(const std::string& url, int pool_size) {
  std::vector<std::unique_ptr<PostgresConnection>> pool;
  for (int i = 0; i < pool_size; ++i) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn);
      PQfinish(conn);
      return Error(ErrorCode::kUnavailable, "cannot connect to PostgreSQL: " + msg);
    }
    auto c = std::make_unique<PostgresConnection>(conn);
    // Commits wait for the WAL flush: an acknowledged write survives a crash.
    RETURN_IF_ERROR(
        c->ExecScript("SET synchronous_commit = on; SET client_min_messages = warning"));
    pool.push_back(std::move(c));
  }
  return std::unique_ptr<SqlDatabase>(std::make_unique<PostgresDatabase>(std::move(pool)));
}

}  // namespace attune
