// Retention of learning records (issue 6, item 6; governance's learning_records stream, 730 days
// by default): statements stored and documents changed before the cutoff are deleted for real,
// with the attachment contents nothing else names, and each deletion is audited.
#include <set>

#include "core/clock.h"
#include "xapi/xapi_conformance.h"

namespace attune::xapi_conformance {
namespace {

constexpr int64_t kDay = 24LL * 60 * 60 * 1000;

class XapiRetention : public XapiTest {
 protected:
  void SetUp() override {
    ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
    Start(nullptr, &clock_);
  }

  std::vector<AuditEntry> Purges() {
    std::vector<AuditEntry> out;
    (void)server_->app().store().Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto entries, tx.audit().ListAfter(0, 100000));
      for (auto& e : entries) {
        if (e.action == "retention.purge" && e.org_id == demo_org_) out.push_back(std::move(e));
      }
      return Ok();
    });
    return out;
  }

  ManualClock clock_{1'800'000'000'000};
};

TEST_P(XapiRetention, RecordsPastTheStreamsRetentionAreDeletedAndNewerOnesStay) {
  const std::string old_data = "old certificate", new_data = "new certificate";
  json old_statement = Statement();
  old_statement["attachments"] = {TextAttachment(old_data)};
  ASSERT_EQ(lrs()
                .Post("/xapi/statements", Multipart(old_statement.dump(), {{.data = old_data}}),
                      MultipartType())
                .status,
            200);
  Post(Statement(kCompleted, "http://example.com/activities/old"));
  const std::string old_state = "/xapi/activities/state?activityId=" + Q("http://example.com/a") +
                                "&agent=" + Q(Agent("mailto:learner@example.com").dump()) +
                                "&stateId=old";
  ASSERT_EQ(lrs().Put(old_state, R"({"step":1})", "application/json").status, 204);

  clock_.Advance(700 * kDay);
  json new_statement = Statement();
  new_statement["attachments"] = {TextAttachment(new_data)};
  Reply posted = lrs().Post("/xapi/statements",
                            Multipart(new_statement.dump(), {{.data = new_data}}), MultipartType());
  ASSERT_EQ(posted.status, 200) << posted;
  const std::string kept = posted.Json()[0];
  const std::string new_state = "/xapi/activities/state?activityId=" + Q("http://example.com/a") +
                                "&agent=" + Q(Agent("mailto:learner@example.com").dump()) +
                                "&stateId=new";
  ASSERT_EQ(lrs().Put(new_state, R"({"step":2})", "application/json").status, 204);

  // At 729 days nothing is due yet.
  clock_.Advance(29 * kDay);
  auto report = server_->app().retention().PurgeExpired();
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->count("learning_records.statements"), 0u);
  EXPECT_EQ(All().size(), 3u);

  clock_.Advance(2 * kDay);
  report = server_->app().retention().PurgeExpired();
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ((*report)["learning_records.statements"], 2);
  EXPECT_EQ((*report)["learning_records.documents"], 1);
  EXPECT_EQ((*report)["learning_records.attachments"], 1);
  const auto left = All();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0]["id"], kept);
  EXPECT_EQ(lrs().Get(old_state).status, 404);
  EXPECT_EQ(lrs().Get(new_state).status, 200);
  EXPECT_FALSE(StoredAttachment(old_data));
  EXPECT_TRUE(StoredAttachment(new_data));
  // Deleted, not voided.
  EXPECT_EQ(lrs()
                .Get("/xapi/statements?verb=" + Q(kCompleted) + "&since=2000-01-01T00:00:00Z")
                .Json()["statements"]
                .size(),
            1u);

  // Audited with the counts, and a second run finds nothing.
  const auto purges = Purges();
  ASSERT_EQ(purges.size(), 2u);
  std::set<json> details;
  for (const auto& e : purges) {
    EXPECT_EQ(e.target, "learning_records");
    EXPECT_EQ(e.actor_id, "system");
    details.insert(json::parse(e.detail));
  }
  EXPECT_EQ(details,
            (std::set<json>{{{"statements", 2}, {"retention_days", 730}},
                            {{"documents", 1}, {"attachments", 1}, {"retention_days", 730}}}));
  report = server_->app().retention().PurgeExpired();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->empty());
  EXPECT_EQ(Purges().size(), 2u);
}

XAPI_INSTANTIATE(XapiRetention);

}  // namespace
}  // namespace attune::xapi_conformance
