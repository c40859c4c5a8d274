// Store over an SqlDatabase: each transaction gets a StoreTx whose repositories share the
// connection.
#include "storage/api/store.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sql/migrator.h"
#include "storage/sql/sql_practice_repository.h"
#include "storage/sql/sql_repositories.h"
#include "storage/sql/sql_roleplay_repository.h"
#include "storage/sql/sql_xapi_repositories.h"
#include "storage/sqlite/sqlite_database.h"

namespace attune {
namespace {

class SqlStoreTx final : public StoreTx {
 public:
  explicit SqlStoreTx(SqlConnection& c)
      : orgs_(c),
        people_(c),
        teams_(c),
        credentials_(c),
        governance_(c),
        audit_(c),
        lrs_credentials_(c),
        statements_(c),
        documents_(c),
        forwarding_(c),
        practice_(c),
        roleplay_(c) {}
  OrganisationRepository& organisations() override { return orgs_; }
  PersonRepository& people() override { return people_; }
  TeamRepository& teams() override { return teams_; }
  CredentialRepository& credentials() override { return credentials_; }
  GovernanceRepository& governance() override { return governance_; }
  AuditRepository& audit() override { return audit_; }
  LrsCredentialRepository& lrs_credentials() override { return lrs_credentials_; }
  StatementRepository& statements() override { return statements_; }
  DocumentRepository& documents() override { return documents_; }
  ForwardingRepository& forwarding() override { return forwarding_; }
  PracticeRepository& practice() override { return practice_; }
  RoleplayRepository& roleplay() override { return roleplay_; }

 private:
  SqlOrganisationRepository orgs_;
  SqlPersonRepository people_;
  SqlTeamRepository teams_;
  SqlCredentialRepository credentials_;
  SqlGovernanceRepository governance_;
  SqlAuditRepository audit_;
  SqlLrsCredentialRepository lrs_credentials_;
  SqlStatementRepository statements_;
  SqlDocumentRepository documents_;
  SqlForwardingRepository forwarding_;
  SqlPracticeRepository practice_;
  SqlRoleplayRepository roleplay_;
};

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::unique_ptr<SqlDatabase> db) : db_(std::move(db)) {}

  Status Read(const std::function<Status(StoreTx&)>& work) override {
    return db_->Transact(false, [&](SqlConnection& c) {
      SqlStoreTx tx(c);
      return work(tx);
    });
  }
  Status Write(const std::function<Status(StoreTx&)>& work) override {
    return db_->Transact(true, [&](SqlConnection& c) {
      SqlStoreTx tx(c);
      return work(tx);
    });
  }
  Status Ping() override {
    return db_->Transact(false, [](SqlConnection& c) -> Status {
      RETURN_IF_ERROR(c.Query("SELECT 1"));
      return Ok();
    });
  }
  std::string Backend() const override {
    return db_->dialect() == SqlDialect::kSqlite ? "sqlite" : "postgres";
  }

 private:
  std::unique_ptr<SqlDatabase> db_;
};

bool IsPostgresUrl(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, int pool_size, bool migrate) {
  std::unique_ptr<SqlDatabase> db;
  if (IsPostgresUrl(url)) {
    ASSIGN_OR_RETURN(db, OpenPostgresDatabase(url, pool_size));
  } else {
    ASSIGN_OR_RETURN(db, OpenSqliteDatabase(url, pool_size));
  }
  if (migrate) {
    ASSIGN_OR_RETURN(auto applied, Migrate(*db));
    (void)applied;
  }
  return std::unique_ptr<Store>(std::make_unique<SqlStore>(std::move(db)));
}

}  // namespace attune
