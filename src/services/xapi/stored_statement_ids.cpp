#include "services/xapi/stored_statement_ids.h"

#include <bloom.h>

#include <stdexcept>
#include <string>

namespace attune {
namespace {

// The key hashed: the organisation, a separator no id contains, the statement id.
std::string Key(std::string_view org_id, std::string_view id) {
  std::string key;
  key.reserve(org_id.size() + 1 + id.size());
  key.append(org_id).push_back('\n');
  key.append(id);
  return key;
}

}  // namespace

void StoredStatementIds::BloomDeleter::operator()(bloom* b) const {
  bloom_free(b);
  delete b;
}

StoredStatementIds::StoredStatementIds(int first_capacity, double error) : error_(error) {
  filters_.push_back(NewFilter(first_capacity));
}

StoredStatementIds::~StoredStatementIds() = default;

StoredStatementIds::Filter StoredStatementIds::NewFilter(int capacity) const {
  Filter f(new bloom{});
  if (bloom_init(f.get(), capacity, error_) != 0) {
    throw std::runtime_error("cannot allocate a Bloom filter for " + std::to_string(capacity) +
                             " statement ids");
  }
  return f;
}

void StoredStatementIds::Add(std::string_view org_id, std::string_view id) {
  const std::string key = Key(org_id, id);
  std::lock_guard lock(mu_);
  bloom* last = filters_.back().get();
  if (in_last_ >= last->entries) {
    // libbloom counts bits in an int: filters stop growing at 2^26 ids (115 MB at 0.1 %).
    constexpr int kLargest = 1 << 26;
    filters_.push_back(NewFilter(last->entries <= kLargest / 4 ? last->entries * 4 : kLargest));
    last = filters_.back().get();
    in_last_ = 0;
  }
  // bloom_add returns 1 when every bit was already set: the id may be there already, or collide.
  bloom_add(last, key.data(), static_cast<int>(key.size()));
  ++in_last_;
}

bool StoredStatementIds::MayContain(std::string_view org_id, std::string_view id) const {
  const std::string key = Key(org_id, id);
  std::lock_guard lock(mu_);
  if (!loaded_) return true;
  for (const auto& f : filters_) {
    if (bloom_check(f.get(), key.data(), static_cast<int>(key.size())) == 1) return true;
  }
  return false;
}

void StoredStatementIds::MarkLoaded() {
  std::lock_guard lock(mu_);
  loaded_ = true;
}

bool StoredStatementIds::loaded() const {
  std::lock_guard lock(mu_);
  return loaded_;
}

}  // namespace attune
