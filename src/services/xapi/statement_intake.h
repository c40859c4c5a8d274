#pragma once
// The write-ahead path of the Learning Record Store on SQLite: a batch of statements is admitted
// (its ids checked against the index and the batches not yet indexed), appended to the durable
// ingest journal (storage/api/statement_journal.h) and acknowledged; a background indexer then
// moves journal entries into the statement tables, thousands of statements per transaction.
// Reads wait (briefly) for the batches admitted before them, so a client reads its own writes;
// X-Experience-API-Consistent-Through says how far the index has got. See
// docs/adr/0016-xapi-ingest-journal.md.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "services/xapi/stored_statement_ids.h"
#include "storage/api/statement_journal.h"
#include "storage/api/store.h"

namespace attune {

class StatementIntake {
 public:
  // Writes one journal entry into the statement tables within the indexer's transaction, and
  // returns the ids of its statements. Applying an entry twice must change nothing the second
  // time (a crash can come between the index's commit and the journal's trim).
  using Apply = std::function<Result<std::vector<std::string>>(StoreTx&, const JournalEntry&)>;
  // Larger transactions amortise the commit and the index pages each one rewrites; smaller ones
  // hold SQLite's single writer (which Attune's own events also need) for less time.
  static constexpr size_t kStatementsPerTransaction = 4000;
  // Admitted but not yet indexed: beyond this, admission waits (bounded memory, ~40 bytes per
  // statement, and catch-up, about 3-4 minutes at the indexer's pace; docs/benchmarks.md).
  static constexpr size_t kMaxBacklog = 2'000'000;
  // Ids read per transaction when loading stored_ids().
  static constexpr int64_t kIdsPerLoad = 100'000;

  StatementIntake(Store& store, std::unique_ptr<StatementJournal> journal, Apply apply);
  ~StatementIntake();  // stops the indexer; what is left in the journal is indexed at next start

  // Indexes what a previous run left in the journal, then starts the background indexer, which
  // first loads stored_ids() (a page at a time, between its indexing).
  Status Start();

  // The ids the index may hold: admission looks up only those that may be there. Every statement
  // written while the intake runs must be added (StatementService::WriteInTx).
  StoredStatementIds& stored_ids() { return stored_ids_; }

  // Admission of one batch of `org_id`. Waits until none of `keys` (the batch's ids and the ids
  // it voids) is waiting to be indexed, so that `check` can judge the batch against the index
  // alone; `check` runs with admission closed to other batches and returns the ids to reserve
  // (those not already stored). Returns the batch's ticket, or 0 when it reserved nothing (every
  // statement was already stored) and there is nothing to append.
  using Check = std::function<Result<std::vector<std::string>>()>;
  Result<uint64_t> Admit(const std::string& org_id, const std::vector<std::string>& keys,
                         int64_t stored, const Check& check);
  // Makes an admitted batch (its reserved `ids`) durable; on failure the reservations are dropped.
  Status Append(const std::vector<std::string>& ids, const JournalEntry& entry);

  // Waits until every batch admitted before the call is indexed, or `max` has passed (then the
  // caller answers with what the index has and Consistent-Through says so). Returns false on
  // timeout.
  bool WaitIndexed(std::chrono::milliseconds max);
  // The stored time (epoch ms) of the oldest batch admitted and not yet indexed.
  std::optional<int64_t> OldestPending() const;

 private:
  struct Batch {
    size_t unindexed = 0;  // statements
    int64_t stored = 0;
  };
  void Run();
  // Indexes the next journal entries (up to kStatementsPerTransaction statements); returns how
  // many entries, 0 when the journal holds none, or the error that stopped it (retry later).
  Result<size_t> IndexNext();
  // Adds the next kIdsPerLoad stored ids after `cursor` to stored_ids_; returns false once it
  // has read them all.
  Result<bool> LoadStoredIds(StatementRepository::IdKey& cursor);
  // Under mu_: the statements are indexed (or will never be journalled).
  void ReleaseLocked(const std::string& org_id, const std::vector<std::string>& ids);
  bool AnyPending(const std::string& org_id, const std::vector<std::string>& keys) const;

  Store& store_;
  std::unique_ptr<StatementJournal> journal_;
  Apply apply_;

  mutable std::mutex mu_;
  std::condition_variable work_;     // the indexer: something was appended, or stop
  std::condition_variable indexed_;  // admission and readers: the index moved on
  // PendingKey(org, statement id) -> ticket of the batch that holds it, until it is indexed. A
  // 64-bit hash rather than the strings: a third of the memory. Two ids with the same hash only
  // make the second batch wait for the first to be indexed.
  std::unordered_map<uint64_t, uint64_t> pending_;
  std::map<uint64_t, Batch> batches_;  // by ticket: admitted and not yet indexed
  size_t backlog_ = 0;                 // statements in batches_
  uint64_t next_ticket_ = 1;
  int64_t appended_seq_ = 0;  // the highest seq Append has seen
  int64_t indexed_seq_ = 0;   // the journal is indexed through this seq
  bool stopping_ = false;
  StoredStatementIds stored_ids_;
  std::thread indexer_;
};

// For readers of what indexing writes: waits (at most `max`) for the statements acknowledged
// before the call to be indexed. Nothing to wait for without an intake (PostgreSQL).
inline void WaitForStatementIndex(StatementIntake* intake,
                                  std::chrono::milliseconds max = std::chrono::seconds(2)) {
  if (intake) intake->WaitIndexed(max);
}

}  // namespace attune
