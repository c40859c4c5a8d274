#pragma once
// Which statement ids the LRS may already hold, so that admitting a batch to the ingest journal
// (and indexing it) skips the database lookup for the fresh ids of almost every batch. That
// lookup was a dozen random B-tree reads per statement, 1.2-1.8 ms per batch of 100 with the
// admission lock held (docs/benchmarks.md).
//
// A Bloom filter (Debian's libbloom) over (organisation, id): "not held" is certain, "maybe" is
// checked in the database. It grows as a series of filters, each four times the size of the one
// before, so it never has to be rebuilt. Deleted statements stay in it (a false "maybe" only
// costs the lookup). It is right only if every statement written while it is in use is added,
// before its transaction commits: StatementService::WriteInTx does that. Until the ids already
// stored have been loaded (at start, in the background), every id is a "maybe".
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

struct bloom;

namespace attune {

class StoredStatementIds {
 public:
  // Capacity of the first filter, and the false-positive rate of each.
  explicit StoredStatementIds(int first_capacity = 1 << 20, double error = 0.001);
  ~StoredStatementIds();
  StoredStatementIds(const StoredStatementIds&) = delete;
  StoredStatementIds& operator=(const StoredStatementIds&) = delete;

  void Add(std::string_view org_id, std::string_view id);
  // False only when the id is certainly not stored (and the stored ids have been loaded).
  bool MayContain(std::string_view org_id, std::string_view id) const;
  // Every id stored before the load began has been added.
  void MarkLoaded();
  bool loaded() const;

 private:
  struct BloomDeleter {
    void operator()(bloom* b) const;
  };
  using Filter = std::unique_ptr<bloom, BloomDeleter>;
  Filter NewFilter(int capacity) const;

  const double error_;
  mutable std::mutex mu_;
  std::vector<Filter> filters_;  // the last one takes new ids
  int in_last_ = 0;              // ids added to the last filter
  bool loaded_ = false;
};

}  // namespace attune
