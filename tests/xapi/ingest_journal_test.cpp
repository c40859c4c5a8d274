// The xAPI ingest journal (storage/api/statement_journal.h) and the intake that admits batches
// into it and indexes them in the background (services/xapi/statement_intake.h), on real SQLite
// files. The HTTP-level behaviour (reads see acknowledged writes, conflicts, voiding) is covered
// by the conformance tests, which run through the journal on SQLite; crash recovery by
// process/crash_durability_test.cpp.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "services/xapi/statement_intake.h"
#include "storage/api/statement_journal.h"
#include "support/test_env.h"

namespace attune {
namespace {

using namespace std::chrono_literals;

JournalEntry Entry(std::vector<std::string> ids, int64_t stored = 1000) {
  JournalEntry e;
  e.org_id = "org";
  e.stored = stored;
  for (const auto& id : ids) e.statements.push_back(nlohmann::json{{"id", id}}.dump());
  return e;
}

TEST(IngestJournal, KeepsEntriesInOrderUntilTrimmedAndNeverReusesASeq) {
  const std::string path = testing::MakeTempDir() + "/lrs.db.xapi-journal";
  {
    auto journal = OpenStatementJournal(path);
    ASSERT_TRUE(journal.ok()) << journal.error().message;
    JournalEntry with_part = Entry({"c"});
    with_part.attachments.push_back({"ab12", "application/octet-stream", std::string("\0\1\2", 3)});
    auto s1 = (*journal)->Append(Entry({"a1", "a2"}));
    auto s2 = (*journal)->Append(Entry({"b"}, 2000));
    auto s3 = (*journal)->Append(with_part);
    ASSERT_TRUE(s1.ok() && s2.ok() && s3.ok());
    EXPECT_LT(*s1, *s2);
    EXPECT_LT(*s2, *s3);

    auto all = (*journal)->ReadAfter(0, 100);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 3u);
    EXPECT_EQ((*all)[0].statements, Entry({"a1", "a2"}).statements);
    EXPECT_EQ((*all)[1].stored, 2000);
    ASSERT_EQ((*all)[2].attachments.size(), 1u);
    EXPECT_EQ((*all)[2].attachments[0].content, std::string("\0\1\2", 3));  // bytes, not text
    EXPECT_TRUE((*all)[0].attachments.empty());

    // A read stops once it holds max_statements, but always returns at least one entry.
    auto first = (*journal)->ReadAfter(0, 1);
    ASSERT_TRUE(first.ok());
    ASSERT_EQ(first->size(), 1u);
    EXPECT_EQ((*first)[0].statements.size(), 2u);
    auto rest = (*journal)->ReadAfter(*s1, 100);
    ASSERT_TRUE(rest.ok());
    EXPECT_EQ(rest->size(), 2u);

    ASSERT_TRUE((*journal)->DeleteThrough(*s3).ok());
    auto none = (*journal)->ReadAfter(0, 100);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
  }
  // Reopened after everything was trimmed, the next entry still comes after the old ones, so an
  // indexer that reached seq 3 cannot mistake it for one it has indexed.
  auto journal = OpenStatementJournal(path);
  ASSERT_TRUE(journal.ok());
  auto s4 = (*journal)->Append(Entry({"d"}));
  ASSERT_TRUE(s4.ok());
  EXPECT_GT(*s4, 3);
}

TEST(IngestJournal, RefusesAStatementThatIsNotOneLineOfJson) {
  auto journal = OpenStatementJournal(testing::MakeTempDir() + "/j");
  ASSERT_TRUE(journal.ok());
  JournalEntry e = Entry({"a"});
  e.statements.push_back("{\"id\":\n\"b\"}");
  EXPECT_FALSE((*journal)->Append(e).ok());
  auto none = (*journal)->ReadAfter(0, 100);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

// An intake whose indexing is held at a gate, to look at what happens while batches wait.
class IntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    auto store = OpenStore(dir_ + "/lrs.db", 2, /*migrate=*/true);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    auto journal = OpenStatementJournal(dir_ + "/lrs.db.xapi-journal");
    ASSERT_TRUE(journal.ok());
    intake_ = std::make_unique<StatementIntake>(
        *store_, std::move(*journal),
        [this](StoreTx&, const JournalEntry& e) -> Result<std::vector<std::string>> {
          gate_.wait();
          std::vector<std::string> ids;
          for (const auto& s : e.statements) {
            ids.push_back(nlohmann::json::parse(s)["id"].get<std::string>());
          }
          if (ids.front() == "poison") return Error(ErrorCode::kInvalidArgument, "bad entry");
          applied_ += ids.size();
          return ids;
        });
    ASSERT_TRUE(intake_->Start().ok());
  }
  void TearDown() override {
    open_.set_value();  // let the indexer finish before it is stopped (if the test did not)
    intake_.reset();
  }
  // Admits and journals one batch; the check says every id is new.
  void Journal(const std::vector<std::string>& ids, int64_t stored) {
    auto ticket = intake_->Admit("org", ids, stored,
                                 [&]() -> Result<std::vector<std::string>> { return ids; });
    ASSERT_TRUE(ticket.ok());
    ASSERT_GT(*ticket, 0u);
    ASSERT_TRUE(intake_->Append(ids, Entry(ids, stored)).ok());
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
  std::promise<void> open_;
  std::shared_future<void> gate_ = open_.get_future().share();
  std::atomic<size_t> applied_{0};
  std::unique_ptr<StatementIntake> intake_;
};

TEST_F(IntakeTest, ReadsWaitForAcknowledgedBatchesAndAdmissionWaitsForAPendingId) {
  Journal({"a", "b"}, 1000);
  Journal({"c"}, 1500);
  EXPECT_FALSE(intake_->WaitIndexed(100ms)) << "the batches are held at the gate";
  EXPECT_EQ(intake_->OldestPending(), 1000);

  // A batch naming a pending id waits until that id is indexed (then its check sees it stored).
  std::atomic<bool> checked{false};
  auto same_id = std::async(std::launch::async, [&] {
    return intake_->Admit("org", {"b"}, 2000, [&]() -> Result<std::vector<std::string>> {
      checked = true;
      return std::vector<std::string>{};  // already stored: nothing to journal
    });
  });
  // Another organisation's "b", or a fresh id, does not wait.
  auto other = intake_->Admit("other-org", {"b"}, 2000, []() -> Result<std::vector<std::string>> {
    return std::vector<std::string>{};
  });
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*other, 0u);
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(checked) << "admitted while the same id was waiting to be indexed";

  open_.set_value();
  EXPECT_TRUE(intake_->WaitIndexed(5s));
  auto admitted = same_id.get();
  ASSERT_TRUE(admitted.ok());
  EXPECT_TRUE(checked);
  EXPECT_EQ(applied_, 3u);
  EXPECT_EQ(intake_->OldestPending(), std::nullopt);
  open_ = std::promise<void>();  // TearDown's set_value needs a fresh promise
  // The journal is trimmed once its entries are indexed.
  auto journal = OpenStatementJournal(dir_ + "/lrs.db.xapi-journal");
  ASSERT_TRUE(journal.ok());
  auto left = (*journal)->ReadAfter(0, 100);
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->empty());
}

TEST_F(IntakeTest, AnEntryThatCannotBeIndexedIsSkippedAndDoesNotHoldTheOthersBack) {
  open_.set_value();
  Journal({"poison"}, 1000);
  Journal({"x"}, 1100);
  EXPECT_TRUE(intake_->WaitIndexed(5s));
  EXPECT_EQ(applied_, 1u);
  // Its id is released, so a corrected resend is admitted.
  auto again = intake_->Admit("org", {"poison"}, 1200, []() -> Result<std::vector<std::string>> {
    return std::vector<std::string>{};
  });
  EXPECT_TRUE(again.ok());
  open_ = std::promise<void>();
}

}  // namespace
}  // namespace attune
