#include "services/xapi/statement_intake.h"

#include <pthread.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace attune {
namespace {

// How long admission waits for a statement with the same id (or a voiding target) to be indexed,
// or for the backlog to shrink, before answering 503 so the client retries.
constexpr auto kAdmissionWait = std::chrono::seconds(30);

// An error a retry will not cure: the entry cannot be indexed (it is logged and skipped), as
// opposed to a database that is unavailable for now (the indexer waits and retries).
bool Permanent(const Error& e) {
  return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kConflict ||
         e.code == ErrorCode::kNotFound;
}

constexpr auto kRetryDelay = std::chrono::seconds(1);

uint64_t PendingKey(const std::string& org_id, const std::string& id) {
  // The organisation's hash mixed into the id's (boost::hash_combine's constant).
  const uint64_t org = std::hash<std::string>{}(org_id);
  return std::hash<std::string>{}(id) ^ (org + 0x9e3779b97f4a7c15ULL + (org << 6) + (org >> 2));
}

std::vector<std::string> IdsOf(const JournalEntry& e) {
  std::vector<std::string> ids;
  for (const auto& text : e.statements) {
    auto stmt = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (stmt.is_object() && stmt.contains("id") && stmt["id"].is_string()) {
      ids.push_back(stmt["id"].get<std::string>());
    }
  }
  return ids;
}

}  // namespace

StatementIntake::StatementIntake(Store& store, std::unique_ptr<StatementJournal> journal,
                                 Apply apply)
    : store_(store), journal_(std::move(journal)), apply_(std::move(apply)) {}

StatementIntake::~StatementIntake() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  indexed_.notify_all();
  if (indexer_.joinable()) indexer_.join();
}

Status StatementIntake::Start() {
  // Recovery: entries a previous run acknowledged and did not index (or indexed and did not
  // trim: applying them again changes nothing).
  size_t entries = 0;
  for (;;) {
    ASSIGN_OR_RETURN(size_t n, IndexNext());
    if (n == 0) break;
    entries += n;
  }
  if (entries) spdlog::info("indexed {} batches left in the xAPI ingest journal", entries);
  appended_seq_ = indexed_seq_;
  indexer_ = std::thread([this] { Run(); });
  return Ok();
}

bool StatementIntake::AnyPending(const std::string& org_id,
                                 const std::vector<std::string>& keys) const {
  return std::any_of(keys.begin(), keys.end(), [&](const std::string& k) {
    return pending_.count(PendingKey(org_id, k)) > 0;
  });
}

Result<uint64_t> StatementIntake::Admit(const std::string& org_id,
                                        const std::vector<std::string>& keys, int64_t stored,
                                        const Check& check) {
  std::unique_lock lock(mu_);
  const bool ready = indexed_.wait_for(lock, kAdmissionWait, [&] {
    return stopping_ || (backlog_ < kMaxBacklog && !AnyPending(org_id, keys));
  });
  if (stopping_) return Error(ErrorCode::kUnavailable, "the server is stopping");
  if (!ready) {
    return Error(ErrorCode::kUnavailable,
                 "the LRS is still indexing earlier statements; retry in a few seconds");
  }
  ASSIGN_OR_RETURN(auto ids, check());
  if (ids.empty()) return uint64_t{0};
  const uint64_t ticket = next_ticket_++;
  size_t reserved = 0;  // two ids of the batch with one hash hold one reservation
  for (const auto& id : ids) reserved += pending_.emplace(PendingKey(org_id, id), ticket).second;
  batches_[ticket] = Batch{reserved, stored};
  backlog_ += reserved;
  return ticket;
}

Status StatementIntake::Append(const std::vector<std::string>& ids, const JournalEntry& entry) {
  auto seq = journal_->Append(entry);
  std::lock_guard lock(mu_);
  if (!seq.ok()) {
    ReleaseLocked(entry.org_id, ids);
    indexed_.notify_all();
    return seq.error();
  }
  appended_seq_ = std::max(appended_seq_, *seq);
  work_.notify_one();
  return Ok();
}

void StatementIntake::ReleaseLocked(const std::string& org_id,
                                    const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    auto it = pending_.find(PendingKey(org_id, id));
    if (it == pending_.end()) continue;  // indexed at start, from a previous run's journal
    auto batch = batches_.find(it->second);
    pending_.erase(it);
    --backlog_;
    if (--batch->second.unindexed == 0) batches_.erase(batch);
  }
}

bool StatementIntake::WaitIndexed(std::chrono::milliseconds max) {
  std::unique_lock lock(mu_);
  const uint64_t before = next_ticket_;
  return indexed_.wait_for(lock, max, [&] {
    return stopping_ || batches_.empty() || batches_.begin()->first >= before;
  });
}

std::optional<int64_t> StatementIntake::OldestPending() const {
  std::lock_guard lock(mu_);
  std::optional<int64_t> oldest;
  for (const auto& [ticket, batch] : batches_) {
    if (!oldest || batch.stored < *oldest) oldest = batch.stored;
  }
  return oldest;
}

void StatementIntake::Run() {
  // Requests first: the indexer runs at the lowest priority (nice 19), so under a burst the CPU
  // goes to admitting statements and the index catches up when the burst is over. CFS still
  // gives it a small share, so a transaction it holds on SQLite's writer is never starved.
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 19);
  pthread_setname_np(pthread_self(), "xapi-indexer");  // for top -H and /proc
  StatementRepository::IdKey loaded_through;           // loading stored_ids_: the last id added
  bool loading = true;
  std::unique_lock lock(mu_);
  while (!stopping_) {
    const bool work = appended_seq_ > indexed_seq_;
    if (!work && !loading) {
      work_.wait(lock);
      continue;
    }
    lock.unlock();
    if (loading) {
      auto more = LoadStoredIds(loaded_through);
      if (!more.ok()) spdlog::error("xAPI statement ids: {}", more.error().message);
      loading = !more.ok() || *more;
      if (!more.ok() && !work) std::this_thread::sleep_for(kRetryDelay);
    }
    if (work) {
      if (auto n = IndexNext(); !n.ok() || *n == 0) std::this_thread::sleep_for(kRetryDelay);
    }
    lock.lock();
  }
}

Result<bool> StatementIntake::LoadStoredIds(StatementRepository::IdKey& cursor) {
  std::vector<StatementRepository::IdKey> page;
  RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(page, tx.statements().IdsAfter(cursor, kIdsPerLoad));
    return Ok();
  }));
  for (const auto& key : page) stored_ids_.Add(key.org_id, key.id);
  if (!page.empty()) cursor = page.back();
  if (static_cast<int64_t>(page.size()) == kIdsPerLoad) return true;
  stored_ids_.MarkLoaded();
  return false;
}

Result<size_t> StatementIntake::IndexNext() {
  auto entries = journal_->ReadAfter(indexed_seq_, kStatementsPerTransaction);
  if (!entries.ok()) {
    spdlog::error("xAPI ingest journal: {}", entries.error().message);
    return entries.error();
  }
  if (entries->empty()) return size_t{0};
  std::vector<std::vector<std::string>> ids(entries->size());
  Status all = store_.Write([&](StoreTx& tx) -> Status {
    for (size_t i = 0; i < entries->size(); ++i) {
      ASSIGN_OR_RETURN(ids[i], apply_(tx, (*entries)[i]));
    }
    return Ok();
  });
  size_t done = entries->size();
  std::optional<Error> stopped;
  if (!all.ok()) {
    // One entry at a time, so that one that cannot be indexed does not hold the others back.
    done = 0;
    for (const auto& e : *entries) {
      Status one = store_.Write([&](StoreTx& tx) -> Status {
        ASSIGN_OR_RETURN(ids[done], apply_(tx, e));
        return Ok();
      });
      if (!one.ok() && !Permanent(one.error())) {
        spdlog::error("xAPI ingest journal: indexing waits: {}", one.error().message);
        stopped = one.error();
        break;
      }
      if (!one.ok()) {
        // It was validated when admitted, so this is a bug; the entry is skipped, and logged
        // with what is needed to find it.
        spdlog::error("xAPI ingest journal: entry {} ({} statements) cannot be indexed: {}", e.seq,
                      e.statements.size(), one.error().message);
        ids[done] = IdsOf(e);
      }
      ++done;
    }
  }
  if (done > 0) {
    const int64_t through = (*entries)[done - 1].seq;
    {
      std::lock_guard lock(mu_);
      for (size_t i = 0; i < done; ++i) ReleaseLocked((*entries)[i].org_id, ids[i]);
      indexed_seq_ = through;
    }
    indexed_.notify_all();
    if (Status trim = journal_->DeleteThrough(through); !trim.ok()) {
      spdlog::warn("xAPI ingest journal: trimming: {}", trim.error().message);
    }
  }
  if (stopped) return *stopped;
  return done;
}

}  // namespace attune
