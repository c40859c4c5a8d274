#pragma once
// What every service needs, handed in by the composition root.
#include "core/clock.h"
#include "core/config.h"
#include "core/random.h"
#include "services/audit_log.h"
#include "services/credential_cache.h"
#include "services/secrets.h"
#include "storage/api/store.h"

namespace attune {

class StatementIntake;  // services/xapi/statement_intake.h

struct ServiceContext {
  Store& store;
  const Clock& clock;
  Random& random;  // secure randomness: tokens and ids
  const Config& config;
  const PasswordHasher& passwords;
  const AuditLog& audit;
  // Cleared by any service that changes what a Principal resolves to.
  CredentialCache& credentials;
  // SQLite: the xAPI ingest journal's indexer. A service that reads the statement tables (or what
  // indexing writes, such as the forwarding outbox) waits on it to see the statements already
  // acknowledged. Null on PostgreSQL, where statements are indexed before they are acknowledged.
  StatementIntake* statement_intake = nullptr;
};

}  // namespace attune
