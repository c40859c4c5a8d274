// One storage suite, run against every backend (SQLite always; PostgreSQL when the test command
// started one). Each test gets a fresh database.
#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

#include "storage/api/store.h"
#include "support/test_env.h"

namespace attune {
namespace {

using testing::TestDatabase;

class StoreSuite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
    db_ = std::make_unique<TestDatabase>(GetParam());
    auto store = OpenStore(db_->url(), 2, true);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(
        store_
            ->Write([](StoreTx& tx) {
              return tx.organisations().Insert({"org-1", "acme", "Acme", "global", false, 1});
            })
            .ok());
  }

  Person MakePerson(const std::string& id, const std::string& emp, const std::string& email) {
    Person p;
    p.id = id;
    p.org_id = "org-1";
    p.employee_id = emp;
    p.name = "Person " + emp;
    p.email = email;
    p.locale = "en";
    p.roles = {"learner"};
    p.created_at = p.updated_at = 10;
    return p;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreSuite, MigrationsAreIdempotent) {
  auto again = OpenStore(db_->url(), 1, true);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE((*again)->Ping().ok());
}

TEST_P(StoreSuite, OrganisationSlugIsUnique) {
  Status s = store_->Write([](StoreTx& tx) {
    return tx.organisations().Insert({"org-2", "acme", "Other", "eu", false, 2});
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(s.error().field, "slug");
}

TEST_P(StoreSuite, PeopleRoundTripWithRolesAndUniqueEmail) {
  Person a = MakePerson("p-a", "E1", "a@x.test");
  a.roles = {"learner", "manager"};
  ASSERT_TRUE(store_->Write([&](StoreTx& tx) { return tx.people().Insert(a); }).ok());
  Status dup = store_->Write(
      [&](StoreTx& tx) { return tx.people().Insert(MakePerson("p-b", "E2", "a@x.test")); });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(dup.error().field, "email");

  std::optional<Person> got;
  ASSERT_TRUE(store_
                  ->Read([&](StoreTx& tx) -> Status {
                    ASSIGN_OR_RETURN(got, tx.people().FindByEmail("a@x.test"));
                    return Ok();
                  })
                  .ok());
  ASSERT_TRUE(got);
  EXPECT_EQ(got->employee_id, "E1");
  EXPECT_EQ(got->roles, (std::vector<std::string>{"learner", "manager"}));
}

TEST_P(StoreSuite, ReportsFollowTheWholeReportingLine) {
  Person boss = MakePerson("p-1", "E1", "1@x.test");
  Person mid = MakePerson("p-2", "E2", "2@x.test");
  mid.manager_id = "p-1";
  Person leaf = MakePerson("p-3", "E3", "3@x.test");
  leaf.manager_id = "p-2";
  Person other = MakePerson("p-4", "E4", "4@x.test");
  ASSERT_TRUE(store_
                  ->Write([&](StoreTx& tx) -> Status {
                    for (const auto& p : {boss, mid, leaf, other})
                      RETURN_IF_ERROR(tx.people().Insert(p));
                    return Ok();
                  })
                  .ok());
  std::vector<Person> reports;
  ASSERT_TRUE(store_
                  ->Read([&](StoreTx& tx) -> Status {
                    ASSIGN_OR_RETURN(reports, tx.people().ListReports("p-1"));
                    return Ok();
                  })
                  .ok());
  std::vector<std::string> ids;
  for (const auto& r : reports) ids.push_back(r.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"p-2", "p-3"}));
}

TEST_P(StoreSuite, FailedUnitOfWorkLeavesNothingBehind) {
  Status s = store_->Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.people().Insert(MakePerson("p-x", "EX", "x@x.test")));
    return Error(ErrorCode::kInvalidArgument, "changed my mind");
  });
  ASSERT_FALSE(s.ok());
  std::optional<Person> got;
  ASSERT_TRUE(store_
                  ->Read([&](StoreTx& tx) -> Status {
                    ASSIGN_OR_RETURN(got, tx.people().FindById("p-x"));
                    return Ok();
                  })
                  .ok());
  EXPECT_FALSE(got.has_value());
}

// Concurrent writers (which SQLite commits together, one savepoint each): each unit of work is
// all or nothing on its own. Failing ones, including one that throws and one that breaks a
// constraint half way, leave nothing behind and take no other writer's changes with them.
TEST_P(StoreSuite, ConcurrentUnitsOfWorkSucceedOrFailEachOnTheirOwn) {
  constexpr int kWriters = 24;
  std::vector<Status> results(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      const std::string n = std::to_string(i);
      try {
        results[i] = store_->Write([&](StoreTx& tx) -> Status {
          RETURN_IF_ERROR(tx.people().Insert(MakePerson("p-" + n, "E" + n, n + "@x.test")));
          if (i % 4 == 1) return Error(ErrorCode::kInvalidArgument, "changed my mind");
          if (i % 4 == 2) {
            // The same e-mail again: a unique constraint breaks after the first insert.
            return tx.people().Insert(MakePerson("q-" + n, "F" + n, n + "@x.test"));
          }
          if (i % 4 == 3) throw std::runtime_error("a bug");
          return Ok();
        });
      } catch (const std::exception& e) {
        results[i] = Error(ErrorCode::kInternal, e.what());
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kWriters; ++i) {
    EXPECT_EQ(results[i].ok(), i % 4 == 0) << "writer " << i;
    std::optional<Person> got;
    ASSERT_TRUE(store_
                    ->Read([&](StoreTx& tx) -> Status {
                      ASSIGN_OR_RETURN(got, tx.people().FindById("p-" + std::to_string(i)));
                      return Ok();
                    })
                    .ok());
    EXPECT_EQ(got.has_value(), i % 4 == 0) << "writer " << i;
  }
  // The writer is usable afterwards.
  EXPECT_TRUE(store_
                  ->Write([&](StoreTx& tx) {
                    return tx.people().Insert(MakePerson("p-after", "AFTER", "after@x.test"));
                  })
                  .ok());
}

TEST_P(StoreSuite, TeamsMembershipsAndPaths) {
  ASSERT_TRUE(
      store_
          ->Write([&](StoreTx& tx) -> Status {
            RETURN_IF_ERROR(tx.people().Insert(MakePerson("p-1", "E1", "1@x.test")));
            RETURN_IF_ERROR(tx.teams().Insert({"t-1", "org-1", "Sales", "Sales", std::nullopt, 1}));
            RETURN_IF_ERROR(tx.teams().Insert({"t-2", "org-1", "EMEA", "Sales/EMEA", "t-1", 1}));
            RETURN_IF_ERROR(tx.teams().AddMember("t-2", "p-1"));
            return tx.teams().AddMember("t-2", "p-1");  // idempotent
          })
          .ok());
  Status dup = store_->Write([&](StoreTx& tx) {
    return tx.teams().Insert({"t-3", "org-1", "EMEA", "Sales/EMEA", "t-1", 1});
  });
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  ASSERT_TRUE(store_
                  ->Read([&](StoreTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto members, tx.teams().MemberIds("t-2"));
                    EXPECT_EQ(members, std::vector<std::string>{"p-1"});
                    ASSIGN_OR_RETURN(auto team, tx.teams().FindByPath("org-1", "Sales/EMEA"));
                    EXPECT_EQ(team->parent_id, std::optional<std::string>("t-1"));
                    return Ok();
                  })
                  .ok());
}

TEST_P(StoreSuite, SessionsTokensAndLoginFailures) {
  ASSERT_TRUE(
      store_
          ->Write([&](StoreTx& tx) -> Status {
            RETURN_IF_ERROR(tx.people().Insert(MakePerson("p-1", "E1", "1@x.test")));
            RETURN_IF_ERROR(tx.credentials().InsertSession({"h1", "p-1", "csrf", 1, 100}));
            RETURN_IF_ERROR(tx.credentials().InsertToken(
                {"tok-1", "p-1", "ci", "th1", {"read", "write"}, 1, std::nullopt, std::nullopt}));
            RETURN_IF_ERROR(tx.credentials().RecordLoginFailure("1@x.test", "10.0.0.1", 50));
            return tx.credentials().RecordLoginFailure("1@x.test", "10.0.0.1", 60);
          })
          .ok());
  ASSERT_TRUE(
      store_
          ->Write([&](StoreTx& tx) -> Status {
            ASSIGN_OR_RETURN(auto session, tx.credentials().FindSession("h1"));
            EXPECT_EQ(session->csrf_token, "csrf");
            ASSIGN_OR_RETURN(auto token, tx.credentials().FindTokenByHash("th1"));
            EXPECT_EQ(token->scopes, (std::vector<std::string>{"read", "write"}));
            ASSIGN_OR_RETURN(int64_t n, tx.credentials().CountLoginFailuresByEmail("1@x.test", 55));
            EXPECT_EQ(n, 1);
            RETURN_IF_ERROR(tx.credentials().DeleteLoginFailuresBefore(55));
            ASSIGN_OR_RETURN(int64_t left,
                             tx.credentials().CountLoginFailuresByEmail("1@x.test", 0));
            EXPECT_EQ(left, 1) << "only the failure at 60 remains";
            ASSIGN_OR_RETURN(bool revoked, tx.credentials().RevokeToken("p-1", "tok-1", 70));
            EXPECT_TRUE(revoked);
            ASSIGN_OR_RETURN(bool again, tx.credentials().RevokeToken("p-1", "tok-1", 71));
            EXPECT_FALSE(again);
            RETURN_IF_ERROR(tx.credentials().DeleteExpiredSessions(100));
            ASSIGN_OR_RETURN(auto gone, tx.credentials().FindSession("h1"));
            EXPECT_FALSE(gone.has_value());
            return Ok();
          })
          .ok());
}

TEST_P(StoreSuite, StreamsAndConsentsUpsert) {
  ASSERT_TRUE(store_
                  ->Write([&](StoreTx& tx) -> Status {
                    RETURN_IF_ERROR(tx.people().Insert(MakePerson("p-1", "E1", "1@x.test")));
                    RETURN_IF_ERROR(tx.governance().UpsertStream(
                        {"org-1", "voice", "Voice", "why", "consent", 30, false, 1}));
                    RETURN_IF_ERROR(tx.governance().UpsertStream(
                        {"org-1", "voice", "Voice v2", "why", "consent", 10, true, 2}));
                    RETURN_IF_ERROR(tx.governance().UpsertConsent({"p-1", "voice", "granted", 3}));
                    return tx.governance().UpsertConsent({"p-1", "voice", "withdrawn", 4});
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](StoreTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto streams, tx.governance().ListStreams("org-1"));
                    EXPECT_EQ(streams.size(), 1u);
                    EXPECT_EQ(streams[0].retention_days, 10);
                    EXPECT_TRUE(streams[0].biometric);
                    ASSIGN_OR_RETURN(auto c, tx.governance().FindConsent("p-1", "voice"));
                    EXPECT_EQ(c->state, "withdrawn");
                    return Ok();
                  })
                  .ok());
}

TEST_P(StoreSuite, AuditEntriesAboutAPersonAreFoundByActorOrTarget) {
  const std::string zero(64, '0');
  ASSERT_TRUE(store_
                  ->Write([&](StoreTx& tx) -> Status {
                    RETURN_IF_ERROR(tx.audit().Insert(
                        {1, 5, "org-1", "p-1", "auth.login", "p-1", "{}", zero, "h1"}));
                    RETURN_IF_ERROR(tx.audit().Insert(
                        {2, 6, "org-1", "admin", "people.updated", "p-1", "{}", "h1", "h2"}));
                    return tx.audit().Insert(
                        {3, 7, "org-1", "admin", "people.updated", "p-2", "{}", "h2", "h3"});
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](StoreTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto about, tx.audit().ListAbout("p-1", 100));
                    EXPECT_EQ(about.size(), 2u);
                    return Ok();
                  })
                  .ok());
}

TEST_P(StoreSuite, AuditLogRefusesUpdatesAndDeletes) {
  AuditEntry e{1, 5, "org-1", "a", "x.y", "t", "{}", std::string(64, '0'), "h"};
  ASSERT_TRUE(store_->Write([&](StoreTx& tx) { return tx.audit().Insert(e); }).ok());
  // Append-only in the schema itself: even SQL that bypasses Attune is refused.
  EXPECT_FALSE(db_->RawExec("UPDATE audit_log SET action = 'forged' WHERE seq = 1"));
  EXPECT_FALSE(db_->RawExec("DELETE FROM audit_log WHERE seq = 1"));
  ASSERT_TRUE(store_
                  ->Read([&](StoreTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto last, tx.audit().Last());
                    EXPECT_EQ(last->action, "x.y");
                    return Ok();
                  })
                  .ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSuite, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace attune
