#pragma once
// The xAPI ingest journal: a durable, append-only log of accepted statement batches, written
// ahead of the statement index. A batch is acknowledged once it is in the journal (fsync'd), and
// a background indexer moves it into the statement tables in large transactions, so the client
// does not wait for the random-keyed index inserts that bound the direct write path
// (docs/adr/0016-xapi-ingest-journal.md).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace attune {

struct JournalAttachment {
  std::string sha2;
  std::string content_type;
  std::string content;
};

struct JournalEntry {
  int64_t seq = 0;  // set by Append; increasing, never reused
  std::string org_id;
  int64_t stored = 0;                   // epoch ms: when the LRS accepted the batch
  std::vector<std::string> statements;  // each as stored, compact JSON (no raw newline)
  std::vector<JournalAttachment> attachments;
};

class StatementJournal {
 public:
  virtual ~StatementJournal() = default;
  // Returns once the entry is durable; concurrent appends share one fsync. Returns its seq.
  virtual Result<int64_t> Append(const JournalEntry& entry) = 0;
  // Entries with seq > `after` in seq order: at least one when there is any, and no more once
  // `max_statements` statements have been read.
  virtual Result<std::vector<JournalEntry>> ReadAfter(int64_t after, size_t max_statements) = 0;
  // Removes the entries up to `seq` (they are in the index).
  virtual Status DeleteThrough(int64_t seq) = 0;
};

// The journal of a SQLite store, in its own SQLite file (WAL, synchronous=FULL) beside the
// database, so that appending never waits for the database's single writer.
Result<std::unique_ptr<StatementJournal>> OpenStatementJournal(const std::string& path);

}  // namespace attune
