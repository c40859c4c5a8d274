// Role-play over real HTTP on both backends (issue 5): scenarios ordered for the learner, a
// conversation played to its debrief with feedback after every reply, progress per rubric
// criterion, xAPI statements without the learner's words, and bad replies refused with nothing
// stored.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_env.h"

namespace attune::testing {
namespace {

using nlohmann::json;

class RoleplayApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<TestServer>(GetParam());
    liam_ = server_->Login("liam@demo.attune.test");
  }

  json Call(const std::string& method, const std::string& path, const json& body = nullptr,
            int expected = 200) {
    int status = 0;
    json out = server_->Json(liam_, method, path, body.is_null() ? "" : body.dump(), &status);
    EXPECT_EQ(status, expected) << method << " " << path << ": " << out.dump().substr(0, 400);
    return out;
  }

  int64_t StatementCount() {
    int64_t n = 0;
    (void)server_->app().store().Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto person, tx.people().FindByEmail("liam@demo.attune.test"));
      ASSIGN_OR_RETURN(n, tx.statements().Count(person->org_id));
      return Ok();
    });
    return n;
  }

  std::unique_ptr<TestServer> server_;
  Session liam_;
};

TEST_P(RoleplayApi, ScenariosForTheLearnersRoleComeFirst) {
  json all = Call("GET", "/api/v1/me/roleplay/scenarios")["scenarios"];
  EXPECT_GE(all.size(), 24u);
  Call("PUT", "/api/v1/me/practice/profile", {{"role", "support"}, {"seniority", "ic"}});
  all = Call("GET", "/api/v1/me/roleplay/scenarios")["scenarios"];
  ASSERT_FALSE(all.empty());
  EXPECT_TRUE(all[0]["recommended"].get<bool>());
  EXPECT_NE(std::find(all[0]["roles"].begin(), all[0]["roles"].end(), "support"),
            all[0]["roles"].end())
      << all[0];
}

TEST_P(RoleplayApi, AConversationRunsToADebriefWithFeedbackOnEveryReply) {
  const int64_t statements_before = StatementCount();
  json s = Call("POST", "/api/v1/me/roleplay/sessions",
                {{"scenario_id", "upset-customer-payroll-lockout"}}, 201);
  const std::string id = s["id"];
  EXPECT_FALSE(s["scenario"]["rubric"].empty()) << "the rubric is visible from the start";
  EXPECT_FALSE(s["counterpart"]["says"].get<std::string>().empty());
  const double start = s["counterpart"]["state"]["intensity"];
  const std::vector<std::string> replies = {
      "That sounds really stressful, and I'm so sorry this happened right before payroll. What "
      "would help most right now?",
      "I understand, you need your people paid today. I will unlock the account now and stay on "
      "the line until the run goes through.",
      "Thank you for staying with me. I will send you a written summary this afternoon and call "
      "you tomorrow to check everything is fine.",
  };
  int turns = 0;
  while (!s["ended"].get<bool>() && turns < 15) {
    s = Call("POST", "/api/v1/me/roleplay/sessions/" + id + "/replies",
             {{"text", replies[std::min<size_t>(turns, replies.size() - 1)]}});
    ++turns;
    const json& last = s["turns"].back();
    EXPECT_FALSE(last["went_well"].empty() && last["to_try"].empty())
        << "every reply gets feedback tied to a criterion";
  }
  ASSERT_TRUE(s["ended"].get<bool>()) << "the conversation ends";
  EXPECT_EQ(s["turns"].size(), static_cast<size_t>(turns));
  const json debrief = s["debrief"];
  EXPECT_FALSE(debrief["experiment"].get<std::string>().empty());
  EXPECT_EQ(debrief["trajectory"].size(), static_cast<size_t>(turns) + 1);
  EXPECT_LT(debrief["trajectory"].back()["intensity"].get<double>(), start)
      << "acknowledging and helping calms the counterpart";
  EXPECT_EQ(debrief["rubric"].size(), s["scenario"]["rubric"].size());
  // Progress per criterion, and the LRS: one statement per reply and one for the completion.
  const json history = Call("GET", "/api/v1/me/roleplay/history")["criterion_scores"];
  EXPECT_EQ(history.size(), debrief["rubric"].size());
  EXPECT_EQ(StatementCount() - statements_before, turns + 1);
  // The same session read back is the same conversation (replayed from the stored turns).
  EXPECT_EQ(Call("GET", "/api/v1/me/roleplay/sessions/" + id), s);
  // The learner's export holds the conversation, words included; the LRS never had the words.
  const json exported = Call("GET", "/api/v1/me/export")["roleplay"];
  ASSERT_EQ(exported["sessions"].size(), 1u);
  EXPECT_EQ(exported["sessions"][0]["turns"].size(), static_cast<size_t>(turns));
  EXPECT_EQ(exported["sessions"][0]["turns"][0]["reply"], replies[0]);
  // After the end, no more replies.
  Call("POST", "/api/v1/me/roleplay/sessions/" + id + "/replies", {{"text", "One more thing"}},
       409);
}

TEST_P(RoleplayApi, BadRepliesAreRefusedAndStoreNothing) {
  json s =
      Call("POST", "/api/v1/me/roleplay/sessions", {{"scenario_id", "shift-allocation-peer"}}, 201);
  const std::string replies =
      "/api/v1/me/roleplay/sessions/" + s["id"].get<std::string>() + "/replies";
  json e = Call("POST", replies, {{"text", "   "}}, 400);
  EXPECT_EQ(e["error"]["field"], "text");
  e = Call("POST", replies, {{"text", std::string(2001, 'a')}}, 400);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("2,000"), std::string::npos);
  Call("POST", replies, {{"words", "hello"}}, 400);
  Call("POST", "/api/v1/me/roleplay/sessions", {{"scenario_id", "no-such-scenario"}}, 404);
  EXPECT_TRUE(
      Call("GET", "/api/v1/me/roleplay/sessions/" + s["id"].get<std::string>())["turns"].empty());
  Session maya = server_->Login("maya@demo.attune.test");
  int status = 0;
  server_->Json(maya, "POST", replies, json{{"text", "Hello"}}.dump(), &status);
  EXPECT_EQ(status, 404);
  // The session is still usable after the refusals.
  EXPECT_EQ(Call("POST", replies, {{"text", "That sounds unfair. What happened?"}})["turns"].size(),
            1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RoleplayApi, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace attune::testing
