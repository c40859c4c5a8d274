// xAPI 1.0.3 conformance, GET /statements: filters, time windows, order, limit, formats,
// parameter rules, `more` paging and X-Experience-API-Consistent-Through, on both backends.
// The server runs on a manual clock, so every statement's `stored` time is known exactly.
#include <algorithm>
#include <set>

#include "xapi/xapi_conformance.h"

namespace attune::xapi_conformance {
namespace {

// 2025-01-01T00:00:00Z
constexpr int64_t kEpoch = 1'735'689'600'000;

class XapiQueries : public XapiTest {
 protected:
  void SetUp() override {
    ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
    Start(nullptr, &clock_);
  }
  // Stores `s` one second after the previous one.
  std::string PostNext(const json& s) {
    clock_.Advance(1000);
    return Post(s);
  }
  std::vector<std::string> Query(const std::string& query) { return Ids(All(query)); }

  ManualClock clock_{kEpoch};
};

using IdList = std::vector<std::string>;

TEST_P(XapiQueries, XAPI_00181_00164_AgentFilterMatchesActorAndObject) {
  const json alice = Agent("mailto:alice@example.com", "Alice");
  const json bob = Agent("mailto:bob@example.com", "Bob");
  json by_alice = Statement();
  by_alice["actor"] = alice;
  json by_bob = Statement();
  by_bob["actor"] = bob;
  json about_alice = Statement();
  about_alice["actor"] = bob;
  about_alice["object"] = alice;
  json instructed = Statement();
  instructed["actor"] = bob;
  instructed["context"] = {{"instructor", alice}};
  std::string s1 = PostNext(by_alice), s2 = PostNext(by_bob), s3 = PostNext(about_alice),
              s4 = PostNext(instructed);

  // Same IFI, other name: still the same agent.
  const std::string alice_query = Q(json{{"mbox", "mailto:alice@example.com"}}.dump());
  EXPECT_EQ(Query("agent=" + alice_query), (IdList{s3, s1}));
  // XAPI-00176: related_agents also matches the context's instructor.
  EXPECT_EQ(Query("agent=" + alice_query + "&related_agents=true"), (IdList{s4, s3, s1}));
  EXPECT_EQ(Query("agent=" + Q(json{{"mbox", "mailto:carol@example.com"}}.dump())), IdList{});
  // By account.
  json by_account = Statement();
  by_account["actor"] = {{"account", {{"homePage", "https://hr.example.com"}, {"name", "e-42"}}}};
  std::string s5 = PostNext(by_account);
  EXPECT_EQ(
      Query(
          "agent=" +
          Q(json{{"account", {{"homePage", "https://hr.example.com"}, {"name", "e-42"}}}}.dump())),
      IdList{s5});
  EXPECT_EQ(Query("agent=" + Q(json{{"mbox", "mailto:bob@example.com"}}.dump())),
            (IdList{s4, s3, s2}));
}

TEST_P(XapiQueries, XAPI_00180_VerbFilter) {
  std::string a = PostNext(Statement(kCompleted));
  std::string b = PostNext(Statement(kAttempted));
  std::string c = PostNext(Statement(kCompleted));
  EXPECT_EQ(Query("verb=" + Q(kCompleted)), (IdList{c, a}));
  EXPECT_EQ(Query("verb=" + Q(kAttempted)), IdList{b});
  EXPECT_EQ(Query("verb=" + Q("http://example.com/verbs/never-used")), IdList{});
}

TEST_P(XapiQueries, XAPI_00179_ActivityFilterAndRelatedActivities) {
  const std::string course = "http://example.com/activities/course";
  const std::string lesson = "http://example.com/activities/lesson";
  std::string direct = PostNext(Statement(kCompleted, course));
  json in_context = Statement(kCompleted, lesson);
  in_context["context"] = {{"contextActivities", {{"parent", {{{"id", course}}}}}}};
  std::string parent = PostNext(in_context);
  json sub = Statement();
  sub["object"] = Statement(kAttempted, course);
  sub["object"]["objectType"] = "SubStatement";
  std::string inside_sub = PostNext(sub);
  std::string other = PostNext(Statement(kCompleted, lesson));

  EXPECT_EQ(Query("activity=" + Q(course)), IdList{direct});
  EXPECT_EQ(Query("activity=" + Q(course) + "&related_activities=true"),
            (IdList{inside_sub, parent, direct}));
  EXPECT_EQ(Query("activity=" + Q(lesson)), (IdList{other, parent}));
}

TEST_P(XapiQueries, XAPI_00178_RegistrationFilter) {
  const std::string registration = NewUuid();
  json s = Statement();
  s["context"] = {{"registration", registration}};
  std::string in = PostNext(s);
  PostNext(Statement());
  EXPECT_EQ(Query("registration=" + registration), IdList{in});
  // UUIDs compare case-insensitively.
  std::string upper = registration;
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  EXPECT_EQ(Query("registration=" + upper), IdList{in});
  EXPECT_EQ(Query("registration=" + NewUuid()), IdList{});
}

TEST_P(XapiQueries, XAPI_00175_00174_SinceIsExclusiveAndUntilInclusiveOnStored) {
  std::string t1 = PostNext(Statement());  // stored 00:00:01
  std::string t2 = PostNext(Statement());  // 00:00:02
  std::string t3 = PostNext(Statement());  // 00:00:03
  EXPECT_EQ(Query("since=2025-01-01T00:00:01.000Z"), (IdList{t3, t2}));
  EXPECT_EQ(Query("until=2025-01-01T00:00:02.000Z"), (IdList{t2, t1}));
  EXPECT_EQ(Query("since=2025-01-01T00:00:01.000Z&until=2025-01-01T00:00:02.000Z"), IdList{t2});
  // Offsets are honoured: 01:00:01.5+01:00 is 00:00:01.5Z.
  EXPECT_EQ(Query("since=" + Q("2025-01-01T01:00:01.500+01:00")), (IdList{t3, t2}));
  // The client's timestamp does not count, only stored.
  json old = Statement();
  old["timestamp"] = "2000-01-01T00:00:00Z";
  std::string t4 = PostNext(old);
  EXPECT_EQ(Query("since=2025-01-01T00:00:03.000Z"), IdList{t4});
}

TEST_P(XapiQueries, XAPI_00173_00166_LimitAndAscending) {
  std::string a = PostNext(Statement()), b = PostNext(Statement()), c = PostNext(Statement());
  Reply one = lrs().Get("/xapi/statements?limit=1");
  ASSERT_EQ(one.status, 200) << one;
  EXPECT_EQ(Ids(one.Json()), IdList{c});
  EXPECT_NE(one.Json()["more"], "");
  Reply asc = lrs().Get("/xapi/statements?ascending=true&limit=2");
  EXPECT_EQ(Ids(asc.Json()), (IdList{a, b}));
  EXPECT_EQ(Query("ascending=true"), (IdList{a, b, c}));
  EXPECT_EQ(Query("ascending=false"), (IdList{c, b, a}));
  // limit=0 is the server's maximum.
  Reply all = lrs().Get("/xapi/statements?limit=0");
  EXPECT_EQ(Ids(all.Json()), (IdList{c, b, a}));
  EXPECT_EQ(all.Json()["more"], "");
}

TEST_P(XapiQueries, XAPI_00108_00109_00111_00113_00114_MoreWalksEveryPageOnce) {
  std::vector<std::string> posted;
  for (int i = 0; i < 7; ++i) posted.push_back(PostNext(Statement()));
  // Five more in one batch: the same stored time, so paging must not rely on it alone.
  clock_.Advance(1000);
  json batch = json::array();
  for (int i = 0; i < 5; ++i) batch.push_back(Statement(kAttempted));
  Reply r = lrs().Post("/xapi/statements", batch.dump());
  ASSERT_EQ(r.status, 200) << r;
  for (const auto& id : r.Json()) posted.push_back(id);

  for (bool ascending : {false, true}) {
    SCOPED_TRACE(ascending ? "ascending" : "descending");
    std::vector<std::string> seen;
    std::string path =
        std::string("/xapi/statements?limit=2") + (ascending ? "&ascending=true" : "");
    int pages = 0;
    while (true) {
      Reply page = lrs().Get(path);
      ASSERT_EQ(page.status, 200) << page;
      EXPECT_TRUE(page.Has("X-Experience-API-Consistent-Through"));
      json body = page.Json();
      ASSERT_TRUE(body.contains("statements") && body["statements"].is_array());
      ASSERT_TRUE(body.contains("more") && body["more"].is_string()) << "every page has more";
      EXPECT_LE(body["statements"].size(), 2u);
      for (const auto& s : body["statements"]) seen.push_back(s["id"]);
      ++pages;
      ASSERT_LT(pages, 20) << "more never ends";
      if (body["more"] == "") break;
      path = body["more"];
      EXPECT_EQ(path.rfind("/xapi/statements?", 0), 0u) << path;
    }
    EXPECT_EQ(pages, 6);
    std::set<std::string> unique(seen.begin(), seen.end());
    EXPECT_EQ(unique.size(), seen.size()) << "no statement twice";
    EXPECT_EQ(unique, std::set<std::string>(posted.begin(), posted.end())) << "none missing";
    if (!ascending) {
      EXPECT_EQ(seen.front(), posted.back());
      EXPECT_EQ(seen.back(), posted.front());
    } else {
      EXPECT_EQ(seen.front(), posted.front());
    }
  }
}

TEST_P(XapiQueries, XAPI_00111_MorePagesKeepTheOriginalFilters) {
  std::vector<std::string> completed;
  for (int i = 0; i < 5; ++i) {
    completed.push_back(PostNext(Statement(kCompleted)));
    PostNext(Statement(kAttempted));
  }
  std::vector<std::string> seen = Query("verb=" + Q(kCompleted) + "&limit=2&ascending=true");
  EXPECT_EQ(seen, completed);
  // A `more` link cannot be mixed with other parameters, nor forged.
  Reply page = lrs().Get("/xapi/statements?limit=1");
  std::string more = page.Json()["more"];
  ASSERT_FALSE(more.empty());
  EXPECT_EQ(lrs().Get(more + "&limit=5").status, 400);
  EXPECT_EQ(lrs().Get("/xapi/statements?more=not-a-token").status, 400);
}

TEST_P(XapiQueries, XAPI_00108_MoreLinkKeepsThePublicUrlPath) {
  // Behind a reverse proxy at a sub-path, the more link must point through that path.
  Start([](Config& c) { c.public_url = "https://lrs.example.com/learning/"; }, &clock_);
  PostNext(Statement());
  PostNext(Statement());
  Reply r = lrs().Get("/xapi/statements?limit=1");
  const std::string more = r.Json()["more"];
  EXPECT_EQ(more.rfind("/learning/xapi/statements?more=", 0), 0u) << more;
  // The same link without the proxy's prefix works here.
  Reply next = lrs().Get(more.substr(std::string("/learning").size()));
  EXPECT_EQ(next.status, 200) << next;
  EXPECT_EQ(next.Json()["statements"].size(), 1u);
}

TEST_P(XapiQueries, XAPI_00149_NoMatchIsAnEmptyResultNotAnError) {
  Reply r = lrs().Get("/xapi/statements?verb=" + Q("http://example.com/verbs/none"));
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json(), (json{{"statements", json::array()}, {"more", ""}}));
}

// A statement with a Group, languages and a full activity definition, for the formats.
json RichStatement() {
  json s;
  s["actor"] = {{"objectType", "Group"},
                {"name", "Team Orange"},
                {"mbox", "mailto:team-orange@example.com"},
                {"member", {Agent("mailto:ana@example.com", "Ana")}}};
  s["verb"] = {{"id", kCompleted},
               {"display", {{"en-US", "completed"}, {"en-GB", "finished"}, {"fr-FR", "terminé"}}}};
  s["object"] = {{"objectType", "Activity"},
                 {"id", "http://example.com/activities/サンプル"},
                 {"definition",
                  {{"name", {{"en-US", "Sample"}, {"en-GB", "Sample (GB)"}, {"zh-Hans", "样本"}}},
                   {"description", {{"en-US", "A sample"}, {"en-GB", "A sample (GB)"}}},
                   {"type", "http://adlnet.gov/expapi/activities/cmi.interaction"},
                   {"moreInfo", "https://example.com/sample"},
                   {"interactionType", "true-false"},
                   {"correctResponsesPattern", {"true"}},
                   {"extensions", {{"http://example.com/ext", {{"en-US", "kept as is"}}}}}}}};
  return s;
}

TEST_P(XapiQueries, XAPI_00168_00170_ExactFormatKeepsEverythingWhateverTheLanguage) {
  json s = RichStatement();
  std::string id = PostNext(s);
  for (std::string query : {"", "&format=exact"}) {
    Reply r =
        lrs().Get("/xapi/statements?statementId=" + id + query, {{"Accept-Language", "en-GB"}});
    ASSERT_EQ(r.status, 200) << r;
    json got = r.Json();
    EXPECT_EQ(got["actor"], s["actor"]);
    EXPECT_EQ(got["verb"], s["verb"]);
    EXPECT_EQ(got["object"], s["object"]);
  }
}

TEST_P(XapiQueries, XAPI_00169_00172_CanonicalFormatKeepsTheAcceptedLanguage) {
  json s = RichStatement();
  std::string id = PostNext(s);
  json expected_definition = s["object"]["definition"];
  expected_definition["name"] = {{"en-GB", "Sample (GB)"}};
  expected_definition["description"] = {{"en-GB", "A sample (GB)"}};
  for (std::string path : {"/xapi/statements?format=canonical&statementId=" + id,
                           std::string("/xapi/statements?format=canonical")}) {
    Reply r = lrs().Get(path, {{"Accept-Language", "en-GB, en;q=0.8"}});
    ASSERT_EQ(r.status, 200) << r;
    json got = r.Json();
    if (got.contains("statements")) got = got["statements"][0];
    EXPECT_EQ(got["verb"], (json{{"id", kCompleted}, {"display", {{"en-GB", "finished"}}}}));
    EXPECT_EQ(got["object"]["definition"], expected_definition);
    EXPECT_EQ(got["actor"], s["actor"]);
  }
  // Another preferred language picks another entry; none at all still keeps exactly one.
  Reply fr =
      lrs().Get("/xapi/statements?format=canonical&statementId=" + id, {{"Accept-Language", "fr"}});
  EXPECT_EQ(fr.Json()["verb"]["display"], (json{{"fr-FR", "terminé"}}));
  Reply none = lrs().Get("/xapi/statements?format=canonical&statementId=" + id);
  EXPECT_EQ(none.Json()["verb"]["display"].size(), 1u);
}

TEST_P(XapiQueries, XAPI_00171_IdsFormatReducesObjectsToTheirIdentifiers) {
  json s = RichStatement();
  json agent_object = Statement();
  agent_object["object"] = Agent("mailto:peer@example.com", "Peer");
  std::string id = PostNext(s);
  std::string id2 = PostNext(agent_object);
  json got = lrs().Get("/xapi/statements?format=ids&statementId=" + id).Json();
  EXPECT_EQ(got["actor"].value("mbox", ""), "mailto:team-orange@example.com");
  EXPECT_FALSE(got["actor"].contains("name")) << got["actor"];
  EXPECT_EQ(got["verb"], (json{{"id", kCompleted}}));
  EXPECT_EQ(got["object"], (json{{"id", "http://example.com/activities/サンプル"}}));
  json got2 = lrs().Get("/xapi/statements?format=ids&statementId=" + id2).Json();
  EXPECT_EQ(got2["object"], (json{{"objectType", "Agent"}, {"mbox", "mailto:peer@example.com"}}));
  json page = lrs().Get("/xapi/statements?format=ids").Json();
  ASSERT_EQ(page["statements"].size(), 2u);
  EXPECT_EQ(page["statements"][1]["object"], got["object"]);
}

TEST_P(XapiQueries, XAPI_00015_Utf8StringsRoundTripExactly) {
  json s = Statement("http://example.com/verbs/greeted");
  s["verb"]["display"] = {{"en-US", "greeted"},      {"ja", "挨拶した"},  {"ar", "حيّا"},
                          {"ru", "поприветствовал"}, {"he", "בירך"},      {"ko", "인사했다"},
                          {"hi", "अभिवादन किया"},    {"el", "χαιρέτησε"}, {"th", "ทักทาย"}};
  std::string id = PostNext(s);
  auto found = All("verb=" + Q("http://example.com/verbs/greeted"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["id"], id);
  EXPECT_EQ(found[0]["verb"]["display"], s["verb"]["display"]);
}

TEST_P(XapiQueries, XAPI_00324_00325_UnknownOrMiscasedParametersAre400) {
  PostNext(Statement());
  for (const std::string& query : std::vector<std::string>{
           "foo=bar", "Agent=" + Q(json{{"mbox", "mailto:a@example.com"}}.dump()),
           "Verb=" + Q(kCompleted), "LIMIT=1", "Related_Activities=true",
           "StatementId=" + NewUuid(), "Ascending=true",
           "since=2025-01-01T00:00:00Z&Until=2026-01-01T00:00:00Z"}) {
    Reply r = lrs().Get("/xapi/statements?" + query);
    EXPECT_EQ(r.status, 400) << query << ": " << r;
    EXPECT_TRUE(IsIso8601(r.Header("X-Experience-API-Consistent-Through"))) << query;
  }
}

TEST_P(XapiQueries, XAPI_00012_InvalidParameterValuesAre400NamingTheParameter) {
  struct Case {
    std::string query;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"agent=wrong", "agent"},
      {"agent=" + Q(json{{"name", "No IFI"}, {"objectType", "Agent"}}.dump()), "agent"},
      {"verb=" + Q("not.a.valid.iri.com/verb"), "verb"},
      {"activity=" + Q("no scheme"), "activity"},
      {"registration=not-a-uuid", "registration"},
      {"statementId=wrong", "statementId"},
      {"voidedStatementId=wrong", "voidedStatementId"},
      {"since=yesterday", "since"},
      {"until=" + Q("2025-01-01 00:00:00"), "until"},
      {"limit=-1", "limit"},
      {"limit=ten", "limit"},
      {"ascending=yes", "ascending"},
      {"related_agents=1", "related_agents"},
      {"format=full", "format"},
      {"attachments=maybe", "attachments"},
  };
  for (const auto& c : cases) {
    Reply r = lrs().Get("/xapi/statements?" + c.query);
    EXPECT_EQ(r.status, 400) << c.query << ": " << r;
    EXPECT_EQ(r.Field(), c.field) << c.query;
  }
}

TEST_P(XapiQueries, XAPI_00150_00151_StatementIdOnlyWithFormatAndAttachments) {
  std::string id = PostNext(Statement());
  std::string voided = PostNext(Statement());
  PostNext(Voiding(voided));
  for (const std::string& extra : std::vector<std::string>{
           "&verb=" + Q(kCompleted), "&limit=1", "&since=2020-01-01T00:00:00Z", "&ascending=true",
           "&agent=" + Q(json{{"mbox", "mailto:learner@example.com"}}.dump()),
           "&voidedStatementId=" + voided, "&registration=" + NewUuid()}) {
    Reply by_id = lrs().Get("/xapi/statements?statementId=" + id + extra);
    EXPECT_EQ(by_id.status, 400) << "statementId" << extra << ": " << by_id;
    Reply by_voided = lrs().Get("/xapi/statements?voidedStatementId=" + voided + extra);
    EXPECT_EQ(by_voided.status, 400) << "voidedStatementId" << extra << ": " << by_voided;
  }
  EXPECT_EQ(
      lrs().Get("/xapi/statements?statementId=" + id + "&format=ids&attachments=false").status,
      200);
  EXPECT_EQ(lrs().Get("/xapi/statements?voidedStatementId=" + voided + "&format=canonical").status,
            200);
}

TEST_P(XapiQueries, XAPI_00153_ConsistentThroughAndDateOnEveryStatementsGet) {
  std::string id = PostNext(Statement());
  const std::string stored = GetById(id).Json()["stored"];
  Reply ok = lrs().Get("/xapi/statements");
  Reply single = GetById(id);
  Reply missing = GetById(NewUuid());
  Reply bad = lrs().Get("/xapi/statements?foo=bar");
  Reply page = lrs().Get("/xapi/statements?limit=1");
  Reply head = lrs().Head("/xapi/statements");
  std::vector<std::pair<const char*, Reply*>> replies = {{"200", &ok},      {"single", &single},
                                                         {"404", &missing}, {"400", &bad},
                                                         {"page", &page},   {"HEAD", &head}};
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(bad.status, 400);
  const std::regex http_date(R"(^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$)");
  for (auto& [what, r] : replies) {
    SCOPED_TRACE(what);
    std::string through = r->Header("X-Experience-API-Consistent-Through");
    EXPECT_TRUE(IsIso8601(through)) << "'" << through << "'";
    // Everything stored so far is covered (both are UTC with milliseconds).
    EXPECT_GE(through, stored);
    EXPECT_TRUE(std::regex_match(r->Header("Date"), http_date)) << r->Header("Date");
  }
  // Statements written are visible at once: Consistent-Through is not behind the clock.
  clock_.Advance(5000);
  EXPECT_EQ(lrs().Get("/xapi/statements").Header("X-Experience-API-Consistent-Through"),
            "2025-01-01T00:00:06.000Z");
}

XAPI_INSTANTIATE(XapiQueries);

}  // namespace
}  // namespace attune::xapi_conformance
