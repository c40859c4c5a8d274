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

struct ServiceContext {
  Store& store;
  const Clock& clock;
  Random& random;  // secure randomness: tokens and ids
  const Config& config;
  const PasswordHasher& passwords;
  const AuditLog& audit;
  // Cleared by any service that changes what a Principal resolves to.
  CredentialCache& credentials;
};

}  // namespace attune
