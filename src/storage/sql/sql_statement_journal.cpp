#include <string_view>

#include "storage/api/statement_journal.h"
#include "storage/sqlite/sqlite_database.h"

namespace attune {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS xapi_journal (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: never reused once deleted
  org_id TEXT NOT NULL,
  stored INTEGER NOT NULL,
  statements TEXT NOT NULL                -- the statements' JSON, one per line
);
CREATE TABLE IF NOT EXISTS xapi_journal_attachments (
  seq INTEGER NOT NULL REFERENCES xapi_journal(seq) ON DELETE CASCADE,
  sha2 TEXT NOT NULL,
  content_type TEXT NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (seq, sha2)
);
)sql";

std::string JoinLines(const std::vector<std::string>& lines) {
  size_t size = 0;
  for (const auto& l : lines) size += l.size() + 1;
  std::string out;
  out.reserve(size);
  for (const auto& l : lines) out.append(l).push_back('\n');
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    out.emplace_back(text, start, nl - start);
  }
  return out;
}

class SqlStatementJournal final : public StatementJournal {
 public:
  explicit SqlStatementJournal(std::unique_ptr<SqlDatabase> db) : db_(std::move(db)) {}

  Result<int64_t> Append(const JournalEntry& entry) override {
    for (const auto& s : entry.statements) {
      if (s.find('\n') != std::string::npos) {
        return Error(ErrorCode::kInternal, "a journalled statement must be compact JSON");
      }
    }
    int64_t seq = 0;
    RETURN_IF_ERROR(db_->Transact(true, [&](SqlConnection& c) -> Status {
      ASSIGN_OR_RETURN(auto rows,
                       c.Query("INSERT INTO xapi_journal (org_id, stored, statements) "
                               "VALUES (?, ?, ?) RETURNING seq",
                               {entry.org_id, entry.stored, JoinLines(entry.statements)}));
      seq = rows.at(0).Int(0);
      for (const auto& a : entry.attachments) {
        RETURN_IF_ERROR(
            c.Exec("INSERT INTO xapi_journal_attachments (seq, sha2, content_type, "
                   "content) VALUES (?, ?, ?, ?)",
                   {seq, a.sha2, a.content_type, a.content}));
      }
      return Ok();
    }));
    return seq;
  }

  Result<std::vector<JournalEntry>> ReadAfter(int64_t after, size_t max_statements) override {
    std::vector<JournalEntry> out;
    RETURN_IF_ERROR(db_->Transact(false, [&](SqlConnection& c) -> Status {
      size_t statements = 0;
      int64_t cursor = after;
      // A few entries at a time: batches are usually 1-100 statements.
      while (statements < max_statements) {
        ASSIGN_OR_RETURN(auto rows,
                         c.Query("SELECT seq, org_id, stored, statements FROM xapi_journal "
                                 "WHERE seq > ? ORDER BY seq LIMIT 64",
                                 {cursor}));
        if (rows.empty()) break;
        for (const auto& r : rows) {
          JournalEntry e;
          e.seq = r.Int(0);
          e.org_id = r.Text(1);
          e.stored = r.Int(2);
          e.statements = SplitLines(r.Text(3));
          statements += e.statements.size();
          cursor = e.seq;
          out.push_back(std::move(e));
          if (statements >= max_statements) break;
        }
      }
      if (out.empty()) return Ok();
      ASSIGN_OR_RETURN(auto parts, c.Query("SELECT seq, sha2, content_type, content FROM "
                                           "xapi_journal_attachments WHERE seq > ? AND seq <= ? "
                                           "ORDER BY seq",
                                           {after, out.back().seq}));
      size_t i = 0;
      for (const auto& p : parts) {
        while (out[i].seq < p.Int(0)) ++i;
        out[i].attachments.push_back({p.Text(1), p.Text(2), p.Text(3)});
      }
      return Ok();
    }));
    return out;
  }

  Status DeleteThrough(int64_t seq) override {
    return db_->Transact(true, [&](SqlConnection& c) -> Status {
      RETURN_IF_ERROR(c.Exec("DELETE FROM xapi_journal WHERE seq <= ?", {seq}));
      return Ok();
    });
  }

 private:
  std::unique_ptr<SqlDatabase> db_;
};

}  // namespace

Result<std::unique_ptr<StatementJournal>> OpenStatementJournal(const std::string& path) {
  ASSIGN_OR_RETURN(auto db, OpenSqliteDatabase(path, /*readers=*/2));
  RETURN_IF_ERROR(db->Transact(true, [](SqlConnection& c) { return c.ExecScript(kSchema); }));
  return std::unique_ptr<StatementJournal>(std::make_unique<SqlStatementJournal>(std::move(db)));
}

}  // namespace attune
