// Erasure of a person's xAPI records (issue 6, item 6): a real delete, audited, of everything that
// mentions them (attachment contents included), and nothing else.
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
  // A signature-like attachment only Liam's statement names, and a certificate both name.
  const std::string private_data = "liam's signed statement", shared_data = "course certificate";
  someone_else["attachments"] = {TextAttachment(shared_data)};
  as_actor["attachments"] = {TextAttachment(private_data), TextAttachment(shared_data)};
  Reply posted = lrs().Post(
      "/xapi/statements", Multipart(someone_else.dump(), {{.data = shared_data}}), MultipartType());
  ASSERT_EQ(posted.status, 200) << posted;
  const std::string keep = posted.Json()[0];
  posted = lrs().Post("/xapi/statements",
                      Multipart(as_actor.dump(), {{.data = private_data}, {.data = shared_data}}),
                      MultipartType());
  ASSERT_EQ(posted.status, 200) << posted;
  Post(as_instructor);
  ASSERT_TRUE(StoredAttachment(private_data));
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
  EXPECT_EQ(report->attachments, 1);
  EXPECT_FALSE(StoredAttachment(private_data)) << "content only the erased statements named";
  EXPECT_TRUE(StoredAttachment(shared_data)) << "still named by a statement that stays";
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
  EXPECT_EQ(json::parse(audit.back().detail),
            json({{"statements", 2}, {"documents", 1}, {"attachments", 1}}));
}

XAPI_INSTANTIATE(XapiErasure);

}  // namespace
}  // namespace attune::xapi_conformance
