#pragma once
// The repositories of storage/api implemented once in portable SQL over an SqlConnection.
#include "storage/api/repositories.h"
#include "storage/sql/sql_database.h"

namespace attune {

class SqlOrganisationRepository final : public OrganisationRepository {
 public:
  explicit SqlOrganisationRepository(SqlConnection& c) : c_(c) {}
  Status Insert(const Organisation& org) override;
  Result<std::optional<Organisation>> FindById(const std::string& id) override;
  Result<std::optional<Organisation>> FindBySlug(const std::string& slug) override;
  Result<std::vector<Organisation>> List() override;
  Status SetJurisdiction(const std::string& id, const std::string& jurisdiction) override;

 private:
  SqlConnection& c_;
};

class SqlPersonRepository final : public PersonRepository {
 public:
  explicit SqlPersonRepository(SqlConnection& c) : c_(c) {}
  Status Insert(const Person& person) override;
  Status Update(const Person& person) override;
  Result<std::optional<Person>> FindById(const std::string& id) override;
  Result<std::optional<Person>> FindByEmail(const std::string& email) override;
  Result<std::optional<Person>> FindByEmployeeId(const std::string& org_id,
                                                 const std::string& employee_id) override;
  Result<std::vector<Person>> ListByOrg(const std::string& org_id) override;
  Result<std::vector<Person>> ListReports(const std::string& manager_id) override;
  Status SetPasswordHash(const std::string& person_id, const std::string& hash) override;
  Result<std::optional<std::string>> PasswordHash(const std::string& person_id) override;

 private:
  Result<std::vector<Person>> Select(const std::string& where, const std::vector<SqlValue>& params);
  Status ReplaceRoles(const Person& person);
  SqlConnection& c_;
};

class SqlTeamRepository final : public TeamRepository {
 public:
  explicit SqlTeamRepository(SqlConnection& c) : c_(c) {}
  Status Insert(const Team& team) override;
  Result<std::optional<Team>> FindById(const std::string& id) override;
  Result<std::optional<Team>> FindByPath(const std::string& org_id,
                                         const std::string& path) override;
  Result<std::vector<Team>> ListByOrg(const std::string& org_id) override;
  Status AddMember(const std::string& team_id, const std::string& person_id) override;
  Status RemoveMemberships(const std::string& person_id) override;
  Result<std::vector<std::string>> MemberIds(const std::string& team_id) override;
  Result<std::vector<std::string>> TeamIdsOf(const std::string& person_id) override;

 private:
  SqlConnection& c_;
};

class SqlCredentialRepository final : public CredentialRepository {
 public:
  explicit SqlCredentialRepository(SqlConnection& c) : c_(c) {}
  Status InsertSession(const SessionRecord& s) override;
  Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) override;
  Status DeleteSession(const std::string& token_hash) override;
  Status DeleteSessionsOf(const std::string& person_id) override;
  Status DeleteExpiredSessions(int64_t now) override;
  Status InsertToken(const ApiTokenRecord& t) override;
  Result<std::optional<ApiTokenRecord>> FindTokenByHash(const std::string& hash) override;
  Result<std::vector<ApiTokenRecord>> ListTokens(const std::string& person_id) override;
  Result<bool> RevokeToken(const std::string& person_id, const std::string& token_id,
                           int64_t now) override;
  Status RecordLoginFailure(const std::string& email, const std::string& remote,
                            int64_t at) override;
  Result<int64_t> CountLoginFailuresByEmail(const std::string& email, int64_t since) override;
  Result<int64_t> CountLoginFailuresByRemote(const std::string& remote, int64_t since) override;
  Status ClearLoginFailures(const std::string& email) override;
  Status DeleteLoginFailuresBefore(int64_t before) override;

 private:
  SqlConnection& c_;
};

class SqlGovernanceRepository final : public GovernanceRepository {
 public:
  explicit SqlGovernanceRepository(SqlConnection& c) : c_(c) {}
  Status UpsertStream(const DataStream& s) override;
  Result<std::vector<DataStream>> ListStreams(const std::string& org_id) override;
  Result<std::optional<DataStream>> FindStream(const std::string& org_id,
                                               const std::string& key) override;
  Status UpsertConsent(const ConsentRecord& c) override;
  Result<std::vector<ConsentRecord>> ListConsents(const std::string& person_id) override;
  Result<std::optional<ConsentRecord>> FindConsent(const std::string& person_id,
                                                   const std::string& stream_key) override;

 private:
  SqlConnection& c_;
};

class SqlAuditRepository final : public AuditRepository {
 public:
  explicit SqlAuditRepository(SqlConnection& c) : c_(c) {}
  Status LockChain() override;
  Result<std::optional<AuditEntry>> Last() override;
  Status Insert(const AuditEntry& e) override;
  Result<std::vector<AuditEntry>> ListAfter(int64_t after_seq, int limit) override;
  Result<std::vector<AuditEntry>> ListAbout(const std::string& person_id, int limit) override;

 private:
  SqlConnection& c_;
};

// Joins/splits the comma-separated lists stored in single columns (scopes).
std::string JoinList(const std::vector<std::string>& items);
std::vector<std::string> SplitList(const std::string& s);

}  // namespace attune
