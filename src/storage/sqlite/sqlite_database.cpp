#include "storage/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "storage/sql/connection_pool.h"

namespace attune {
namespace {

Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  int ext = db ? sqlite3_extended_errcode(db) : rc;
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Error(ErrorCode::kAlreadyExists, msg);
  }
  if ((rc & 0xff) == SQLITE_CONSTRAINT) return Error(ErrorCode::kFailedPrecondition, msg);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    return Error(ErrorCode::kUnavailable, msg);
  }
  return Error(ErrorCode::kInternal, msg);
}

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Result<std::vector<SqlRow>> Query(std::string_view sql,
                                    const std::vector<SqlValue>& params) override {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
    std::vector<SqlRow> rows;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      int n = sqlite3_column_count(stmt);
      std::vector<SqlValue> cells;
      cells.reserve(n);
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_INTEGER:
            cells.emplace_back(int64_t{sqlite3_column_int64(stmt, i)});
            break;
          case SQLITE_FLOAT:
            cells.emplace_back(sqlite3_column_double(stmt, i));
            break;
          case SQLITE_NULL:
            cells.emplace_back(std::monostate{});
            break;
          default: {
            auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            cells.emplace_back(std::string(text, sqlite3_column_bytes(stmt, i)));
          }
        }
      }
      rows.emplace_back(std::move(cells));
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) return SqliteError(db_, rc, "query");
    return rows;
  }

  Result<int64_t> Exec(std::string_view sql, const std::vector<SqlValue>& params) override {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) return SqliteError(db_, rc, "exec");
    return int64_t{sqlite3_changes(db_)};
  }

  Status ExecScript(std::string_view sql) override {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      Error e = SqliteError(db_, rc, "script");
      sqlite3_free(err);
      return e;
    }
    return Ok();
  }

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }

 private:
  // Prepared statements are cached per connection: parsing SQL costs more than running most of
  // these statements.
  Result<sqlite3_stmt*> Prepare(std::string_view sql, const std::vector<SqlValue>& params) {
    auto it = cache_.find(sql);
    sqlite3_stmt* stmt;
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
      cache_.emplace(std::string(sql), stmt);
    }
    sqlite3_clear_bindings(stmt);
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      const SqlValue& v = params[i];
      int rc = SQLITE_OK;
      if (auto* n = std::get_if<int64_t>(&v))
        rc = sqlite3_bind_int64(stmt, idx, *n);
      else if (auto* d = std::get_if<double>(&v))
        rc = sqlite3_bind_double(stmt, idx, *d);
      else if (auto* s = std::get_if<std::string>(&v))
        rc = sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
      else
        rc = sqlite3_bind_null(stmt, idx);
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "bind");
    }
    return stmt;
  }

  sqlite3* db_;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> cache_;
};

Result<std::unique_ptr<SqliteConnection>> OpenConnection(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error e(ErrorCode::kUnavailable, "cannot open SQLite database " + path + ": " +
                                         (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close(db);
    return e;
  }
  auto conn = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, 5000);
  RETURN_IF_ERROR(
      conn->ExecScript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                       "PRAGMA temp_store=MEMORY;"
                       // The default 2 MiB page cache made every insert into a large index
                       // (random UUID keys) a pread; memory-mapped reads and a 64 MiB cache keep
                       // the hot pages in memory (bench/xapi, docs/benchmarks.md).
                       "PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824;"
                       // Checkpoint every 64 MiB of WAL rather than 4 MiB: index pages written
                       // again and again between checkpoints are copied back once.
                       "PRAGMA wal_autocheckpoint=16384;"));
  return conn;
}

class SqliteDatabase final : public SqlDatabase {
 public:
  SqliteDatabase(std::unique_ptr<SqliteConnection> writer,
                 std::vector<std::unique_ptr<SqliteConnection>> readers)
      : writer_(std::move(writer)), readers_(std::move(readers)) {}

  Status Transact(bool write, const std::function<Status(SqlConnection&)>& work) override {
    if (write) return GroupCommit(work);
    return readers_.With(
        [&](SqliteConnection& reader) { return RunInTransaction(reader, "BEGIN", work); });
  }

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }

 private:
  // Group commit. SQLite has a single writer, and with synchronous=FULL every commit waits for an
  // fsync, which was about half the time of an xAPI batch (docs/benchmarks.md). Units of work
  // that arrive while a transaction commits wait, and the next of them to run takes all that are
  // queued (up to kMaxGroup) into one transaction, each inside its own savepoint: one that fails
  // is rolled back alone, as if it had had a transaction of its own, and the rest share one
  // commit and one fsync. Every caller still returns only once its work is durable or has failed.
  // With no contention a group is one unit of work and runs exactly as before.
  struct PendingWrite {
    const std::function<Status(SqlConnection&)>* work;
    std::optional<Status> result;
  };
  static constexpr size_t kMaxGroup = 32;

  Status GroupCommit(const std::function<Status(SqlConnection&)>& work) {
    PendingWrite me{&work, std::nullopt};
    std::unique_lock lock(queue_mu_);
    queue_.push_back(&me);
    while (!me.result) {
      if (leading_) {
        done_.wait(lock);
        continue;
      }
      leading_ = true;
      std::vector<PendingWrite*> group;
      while (!queue_.empty() && group.size() < kMaxGroup) {
        group.push_back(queue_.front());
        queue_.pop_front();
      }
      lock.unlock();
      RunGroup(group);
      lock.lock();
      leading_ = false;
      done_.notify_all();
    }
    return *me.result;
  }

  void RunGroup(const std::vector<PendingWrite*>& group) {
    SqliteConnection& c = *writer_;
    if (group.size() == 1) {
      group[0]->result = RunInTransaction(c, "BEGIN IMMEDIATE", *group[0]->work);
      return;
    }
    auto fail_all = [&](const Status& s) {
      for (PendingWrite* w : group) w->result = s;
    };
    if (Status begin = c.ExecScript("BEGIN IMMEDIATE"); !begin.ok()) return fail_all(begin);
    std::vector<Status> outcomes;
    outcomes.reserve(group.size());
    for (PendingWrite* w : group) {
      Status step = c.ExecScript("SAVEPOINT unit");
      if (step.ok()) {
        Status s = RunGuarded(*w->work, c);
        step = c.ExecScript(s.ok() ? "RELEASE unit" : "ROLLBACK TO unit; RELEASE unit");
        outcomes.push_back(s);
      }
      if (!step.ok()) {
        (void)c.ExecScript("ROLLBACK");
        return fail_all(step);
      }
    }
    Status commit = c.ExecScript("COMMIT");
    if (!commit.ok()) (void)c.ExecScript("ROLLBACK");
    for (size_t i = 0; i < group.size(); ++i) {
      group[i]->result = outcomes[i].ok() ? commit : outcomes[i];
    }
  }

  std::mutex queue_mu_;
  std::condition_variable done_;
  std::deque<PendingWrite*> queue_;
  bool leading_ = false;  // a caller is running a group on the writer
  std::unique_ptr<SqliteConnection> writer_;
  ConnectionPool<SqliteConnection> readers_;
};

}  // namespace

Result<std::unique_ptr<SqlDatabase>> OpenSqliteDatabase(const std::string& path, int readers) {
  std::filesystem::path p(path);
  if (p.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
  }
  ASSIGN_OR_RETURN(auto writer, OpenConnection(path));
  std::vector<std::unique_ptr<SqliteConnection>> pool;
  for (int i = 0; i < readers; ++i) {
    ASSIGN_OR_RETURN(auto r, OpenConnection(path));
    pool.push_back(std::move(r));
  }
  return std::unique_ptr<SqlDatabase>(
      std::make_unique<SqliteDatabase>(std::move(writer), std::move(pool)));
}

}  // namespace attune
