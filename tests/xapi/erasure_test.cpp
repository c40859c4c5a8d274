// Erasure of a person's xAPI records (issue 6, item 6): a real delete, audited, of everything that
// mentions them, and nothing else.
#include "services/xapi/lrs_erasure.h"
#include "xapi/xapi_conformance.h"

namespace attune::xapi_conformance {
namespace {

class XapiErasure : public XapiTest {
 protected:
  Person Liam() {
    std::optional<Person> p;
    (void)server_->app().store().Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(p, tx.people().FindByEmail("liam@demo.attune.test"));
      return Ok();
    });
    EXPECT_TRUE(p.has_value());
    return *p;
  }
  Principal Admin(std::vector<std::string> roles = {"admin"}) {
    Principal p;
    p.person_id = "cli";
    p.org_id = demo_org_;
    p.roles = std::move(roles);
    p.via = Principal::Via::kCli;
    return p;
  }
};

TEST_P(XapiErasure, DeletesEveryStatementAndDocumentAboutThePersonAndNothingElse) {
  const Person liam = Liam();
  const json liam_mbox = Agent("mailto:liam@demo.attune.test");
  const json liam_account = {{"account", {{"homePage", "http://localhost"}, {"name", liam.id}}}};
  json as_actor = Statement();
  as_actor["actor"] = liam_mbox;
  json as_instructor = Statement();
  as_instructor["context"] = {{"instructor", liam_account}};
  json someone_else = Statement();
  const std::string keep = Post(someone_else);
  Post(as_actor);
  Post(as_instructor);
  const std::string state = "/xapi/activities/state?activityId=" + Q("http://example.com/a") +
                            "&agent=" + Q(liam_mbox.dump()) + "&stateId=progress";
  ASSERT_EQ(lrs().Put(state, R"({"step":3})", "application/json").status, 204);

  // Not for learners, and nothing changes when refused.
  auto refused = LrsErasure(server_->app().context()).ErasePerson(Admin({"learner"}), liam.id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(All().size(), 3u);

  auto report = LrsErasure(server_->app().context()).ErasePerson(Admin(), liam.id);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->statements, 2);
  EXPECT_EQ(report->documents, 1);
  auto left = All();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0]["id"], keep);
  EXPECT_EQ(lrs().Get(state).status, 404);
  // Deleted, not voided: not even voidedStatementId finds them.
  for (const auto& s : All("agent=" + Q(liam_mbox.dump()) + "&related_agents=true")) {
    ADD_FAILURE() << "still stored: " << s.dump();
  }
  // Audited with counts only.
  std::vector<AuditEntry> audit;
  (void)server_->app().store().Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(audit, tx.audit().ListAbout(liam.id, 100));
    return Ok();
  });
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action, "lrs.erasure");
  EXPECT_EQ(json::parse(audit.back().detail), json({{"statements", 2}, {"documents", 1}}));
}

XAPI_INSTANTIATE(XapiErasure);

}  // namespace
}  // namespace attune::xapi_conformance
