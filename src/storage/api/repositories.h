#pragma once
// Repository interfaces. Every call runs inside the transaction of the StoreTx that handed out the
// repository; nothing here commits on its own. Implementations: src/storage/sql (SQLite,
// PostgreSQL).
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/api/records.h"

namespace attune {

class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;
  virtual Status Insert(const Organisation& org) = 0;
  virtual Result<std::optional<Organisation>> FindById(const std::string& id) = 0;
  virtual Result<std::optional<Organisation>> FindBySlug(const std::string& slug) = 0;
  virtual Result<std::vector<Organisation>> List() = 0;
  virtual Status SetJurisdiction(const std::string& id, const std::string& jurisdiction) = 0;
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  // Inserts or replaces the person's row and role set; kAlreadyExists when the e-mail or employee
  // id belongs to someone else.
  virtual Status Insert(const Person& person) = 0;
  virtual Status Update(const Person& person) = 0;
  virtual Result<std::optional<Person>> FindById(const std::string& id) = 0;
  virtual Result<std::optional<Person>> FindByEmail(const std::string& email) = 0;
  virtual Result<std::optional<Person>> FindByEmployeeId(const std::string& org_id,
                                                         const std::string& employee_id) = 0;
  virtual Result<std::vector<Person>> ListByOrg(const std::string& org_id) = 0;
  // Everyone whose line-manager chain leads to `manager_id` (direct and indirect reports).
  virtual Result<std::vector<Person>> ListReports(const std::string& manager_id) = 0;
  virtual Status SetPasswordHash(const std::string& person_id, const std::string& hash) = 0;
  virtual Result<std::optional<std::string>> PasswordHash(const std::string& person_id) = 0;
};

class TeamRepository {
 public:
  virtual ~TeamRepository() = default;
  virtual Status Insert(const Team& team) = 0;
  virtual Result<std::optional<Team>> FindById(const std::string& id) = 0;
  virtual Result<std::optional<Team>> FindByPath(const std::string& org_id,
                                                 const std::string& path) = 0;
  virtual Result<std::vector<Team>> ListByOrg(const std::string& org_id) = 0;
  virtual Status AddMember(const std::string& team_id, const std::string& person_id) = 0;
  // Removes the person from every team (used when an import moves them).
  virtual Status RemoveMemberships(const std::string& person_id) = 0;
  virtual Result<std::vector<std::string>> MemberIds(const std::string& team_id) = 0;
  virtual Result<std::vector<std::string>> TeamIdsOf(const std::string& person_id) = 0;
};

class CredentialRepository {
 public:
  virtual ~CredentialRepository() = default;
  virtual Status InsertSession(const SessionRecord& s) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  virtual Status DeleteSessionsOf(const std::string& person_id) = 0;
  virtual Status DeleteExpiredSessions(int64_t now) = 0;

  virtual Status InsertToken(const ApiTokenRecord& t) = 0;
  virtual Result<std::optional<ApiTokenRecord>> FindTokenByHash(const std::string& hash) = 0;
  virtual Result<std::vector<ApiTokenRecord>> ListTokens(const std::string& person_id) = 0;
  // Returns false when no live token with that id belongs to the person.
  virtual Result<bool> RevokeToken(const std::string& person_id, const std::string& token_id,
                                   int64_t now) = 0;

  virtual Status RecordLoginFailure(const std::string& email, const std::string& remote,
                                    int64_t at) = 0;
  virtual Result<int64_t> CountLoginFailuresByEmail(const std::string& email, int64_t since) = 0;
  virtual Result<int64_t> CountLoginFailuresByRemote(const std::string& remote, int64_t since) = 0;
  virtual Status ClearLoginFailures(const std::string& email) = 0;
  // Drops failures older than `before`: they no longer count towards any limit.
  virtual Status DeleteLoginFailuresBefore(int64_t before) = 0;
};

class GovernanceRepository {
 public:
  virtual ~GovernanceRepository() = default;
  virtual Status UpsertStream(const DataStream& s) = 0;
  virtual Result<std::vector<DataStream>> ListStreams(const std::string& org_id) = 0;
  virtual Result<std::optional<DataStream>> FindStream(const std::string& org_id,
                                                       const std::string& key) = 0;
  virtual Status UpsertConsent(const ConsentRecord& c) = 0;
  virtual Result<std::vector<ConsentRecord>> ListConsents(const std::string& person_id) = 0;
  virtual Result<std::optional<ConsentRecord>> FindConsent(const std::string& person_id,
                                                           const std::string& stream_key) = 0;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Serialises appenders across servers until the transaction ends (a no-op where the transaction
  // already holds the single writer lock).
  virtual Status LockChain() = 0;
  virtual Result<std::optional<AuditEntry>> Last() = 0;
  virtual Status Insert(const AuditEntry& e) = 0;
  // Entries with seq > after_seq in ascending order, at most `limit`.
  virtual Result<std::vector<AuditEntry>> ListAfter(int64_t after_seq, int limit) = 0;
  // Entries where the person is the actor or the target, oldest first, at most `limit`.
  virtual Result<std::vector<AuditEntry>> ListAbout(const std::string& person_id, int limit) = 0;
};

}  // namespace attune
