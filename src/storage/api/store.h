#pragma once
// The storage entry point: runs a unit of work in one transaction. A unit of work returns an error
// to roll back; on success the transaction commits, and a write transaction's commit is durable
// (fsync'd) before Write returns.
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "storage/api/practice_repository.h"
#include "storage/api/repositories.h"
#include "storage/api/roleplay_repository.h"
#include "storage/api/xapi_repositories.h"

namespace attune {

class StoreTx {
 public:
  virtual ~StoreTx() = default;
  virtual OrganisationRepository& organisations() = 0;
  virtual PersonRepository& people() = 0;
  virtual TeamRepository& teams() = 0;
  virtual CredentialRepository& credentials() = 0;
  virtual GovernanceRepository& governance() = 0;
  virtual AuditRepository& audit() = 0;
  virtual LrsCredentialRepository& lrs_credentials() = 0;
  virtual StatementRepository& statements() = 0;
  virtual DocumentRepository& documents() = 0;
  virtual ForwardingRepository& forwarding() = 0;
  virtual PracticeRepository& practice() = 0;
  virtual RoleplayRepository& roleplay() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Status Read(const std::function<Status(StoreTx&)>& work) = 0;
  virtual Status Write(const std::function<Status(StoreTx&)>& work) = 0;
  // Cheap round trip to the database, for /readyz.
  virtual Status Ping() = 0;
  // "sqlite" or "postgres".
  virtual std::string Backend() const = 0;
};

// Opens (and migrates, when `migrate` is true) the store named by `url`: a postgresql:// or
// postgres:// URL selects PostgreSQL; anything else is a SQLite file path.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url, int pool_size, bool migrate);

}  // namespace attune
