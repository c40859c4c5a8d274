// xAPI 1.0.3 conformance, document resources (State, Activity Profile, Agent Profile) with their
// merge and concurrency rules, and the Activities and Agents resources, on both backends.
#include <algorithm>
#include <set>

#include "xapi/xapi_conformance.h"

namespace attune::xapi_conformance {
namespace {

constexpr int64_t kEpoch = 1'735'689'600'000;  // 2025-01-01T00:00:00Z
const char* kActivity = "http://www.example.com/activityId/hashset";

std::string RickJames() {
  return json{
      {"objectType", "Agent"},
      {"account", {{"homePage", "http://www.example.com/agentId/1"}, {"name", "Rick James"}}}}
      .dump();
}

std::string Sha1Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha1(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::set<std::string> IdSet(const Reply& r) {
  json j = r.Json();
  EXPECT_TRUE(j.is_array()) << r;
  if (!j.is_array()) return {};
  return j.get<std::set<std::string>>();
}

class XapiDocuments : public XapiTest {
 protected:
  void SetUp() override {
    ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
    Start(nullptr, &clock_);
  }
  static std::string State(const std::string& state_id = "", const std::string& agent = RickJames(),
                           const std::string& registration = "") {
    std::string q = "/xapi/activities/state?activityId=" + Q(kActivity) + "&agent=" + Q(agent);
    if (!state_id.empty()) q += "&stateId=" + Q(state_id);
    if (!registration.empty()) q += "&registration=" + registration;
    return q;
  }
  ManualClock clock_{kEpoch};
};

// ---- State ----

TEST_P(XapiDocuments, XAPI_00230_00190_00188_00192_00187_00191_StatePutGetDelete) {
  const std::string doc = R"({"bookmark":"page-7","progress":0.4})";
  Reply put = lrs().Put(State("resume"), doc);
  EXPECT_EQ(put.status, 204) << put;
  Reply get = lrs().Get(State("resume"));
  ASSERT_EQ(get.status, 200) << get;
  EXPECT_EQ(json::parse(get.body), json::parse(doc));
  EXPECT_EQ(get.Header("Content-Type").rfind("application/json", 0), 0u);
  // State needs no precondition to overwrite.
  EXPECT_EQ(lrs().Put(State("resume"), R"({"bookmark":"page-8"})").status, 204);
  EXPECT_EQ(lrs().Get(State("resume")).Json(), (json{{"bookmark", "page-8"}}));
  // Non-JSON documents come back byte for byte with their type.
  const std::string bytes = "\x01\x02 not json \xff"s;
  EXPECT_EQ(lrs().Put(State("blob"), bytes, "application/octet-stream").status, 204);
  Reply blob = lrs().Get(State("blob"));
  EXPECT_EQ(blob.body, bytes);
  EXPECT_EQ(blob.Header("Content-Type"), "application/octet-stream");
  // DELETE one.
  Reply del = lrs().Delete(State("resume"));
  EXPECT_EQ(del.status, 204) << del;
  EXPECT_EQ(lrs().Get(State("resume")).status, 404);
  EXPECT_EQ(lrs().Get(State("blob")).status, 200);
}

TEST_P(XapiDocuments, XAPI_00218_00220_00219_00227_RegistrationKeepsStatesApart) {
  const std::string reg = NewUuid();
  EXPECT_EQ(lrs().Put(State("s", RickJames(), reg), R"({"in":"registration"})").status, 204);
  EXPECT_EQ(lrs().Post(State("s"), R"({"in":"none"})").status, 204);
  EXPECT_EQ(lrs().Get(State("s", RickJames(), reg)).Json()["in"], "registration");
  EXPECT_EQ(lrs().Get(State("s")).Json()["in"], "none");
  EXPECT_EQ(IdSet(lrs().Get(State("", RickJames(), reg))), std::set<std::string>{"s"});
  EXPECT_EQ(lrs().Delete(State("s", RickJames(), reg)).status, 204);
  EXPECT_EQ(lrs().Get(State("s", RickJames(), reg)).status, 404);
  EXPECT_EQ(lrs().Get(State("s")).status, 200);
}

TEST_P(XapiDocuments, XAPI_00193_00195_00221_00194_StateIdsSinceAndDeleteAll) {
  const std::string other = json{{"mbox", "mailto:other@example.com"}}.dump();
  clock_.Advance(1000);  // 00:00:01
  EXPECT_EQ(lrs().Put(State("first"), "{}").status, 204);
  clock_.Advance(1000);  // 00:00:02
  EXPECT_EQ(lrs().Put(State("second"), "{}").status, 204);
  EXPECT_EQ(lrs().Put(State("elsewhere", other), "{}").status, 204);

  EXPECT_EQ(IdSet(lrs().Get(State())), (std::set<std::string>{"first", "second"}));
  EXPECT_EQ(IdSet(lrs().Get(State() + "&since=2025-01-01T00:00:01.000Z")),
            std::set<std::string>{"second"});
  EXPECT_EQ(IdSet(lrs().Get(State() + "&since=2025-01-01T00:00:00.500Z")),
            (std::set<std::string>{"first", "second"}));
  // DELETE without stateId removes every state of this activity and agent, and only those.
  EXPECT_EQ(lrs().Delete(State()).status, 204);
  EXPECT_EQ(lrs().Get(State()).Json(), json::array());
  EXPECT_EQ(lrs().Get(State("elsewhere", other)).status, 200);
}

TEST_P(XapiDocuments, XAPI_00234_00184_00183_PostMergesTopLevelPropertiesOnly) {
  EXPECT_EQ(lrs().Put(State("car"), R"({"car":"Honda","engine":{"cyl":4,"turbo":true}})").status,
            204);
  Reply merge = lrs().Post(State("car"), R"({"type":"Civic","engine":{"cyl":6}})");
  EXPECT_EQ(merge.status, 204) << merge;
  EXPECT_EQ(lrs().Get(State("car")).Json(),
            (json{{"car", "Honda"}, {"type", "Civic"}, {"engine", {{"cyl", 6}}}}))
      << "nested objects are replaced whole";
  EXPECT_EQ(lrs().Post(State("car"), R"({"car":"MKZ"})").status, 204);
  EXPECT_EQ(lrs().Get(State("car")).Json()["car"], "MKZ");
}

TEST_P(XapiDocuments, XAPI_00233_PostToAMissingStateStoresIt) {
  Reply r = lrs().Post(State("fresh"), R"({"a":1})");
  EXPECT_EQ(r.status, 204) << r;
  EXPECT_EQ(lrs().Get(State("fresh")).Json(), (json{{"a", 1}}));
}

TEST_P(XapiDocuments, XAPI_00232_00229_00235_RefusedMergesLeaveTheDocumentUnchanged) {
  EXPECT_EQ(lrs().Put(State("json"), R"({"keep":true})").status, 204);
  struct Case {
    const char* what;
    std::string body;
    std::string type;
  };
  for (const Case& c :
       std::vector<Case>{{"not JSON typed", "abc", "application/x-www-form-urlencoded"},
                         {"other type", R"({"a":1})", "not/json"},
                         {"not an object", "[1,2]", "application/json"},
                         {"unparseable", R"({"a":1)", "application/json"},
                         {"trailing bracket", R"({"a":1}[)", "application/json"}}) {
    Reply r = lrs().Post(State("json"), c.body, c.type);
    EXPECT_EQ(r.status, 400) << c.what << ": " << r;
  }
  EXPECT_EQ(lrs().Get(State("json")).Json(), (json{{"keep", true}}));
  // A stored non-JSON document cannot be merged into.
  const std::string raw = "/ asdf / undefined";
  EXPECT_EQ(lrs().Put(State("raw"), raw, "application/octet-stream").status, 204);
  EXPECT_EQ(lrs().Post(State("raw"), R"({"a":1})").status, 400);
  EXPECT_EQ(lrs().Get(State("raw")).body, raw);
}

TEST_P(XapiDocuments, XAPI_00210_00215_00206_00199_00203_00204_StateParametersAreChecked) {
  const std::string agent = "&agent=" + Q(RickJames());
  const std::string activity = "activityId=" + Q(kActivity);
  struct Case {
    std::string method;
    std::string query;
  };
  for (const Case& c : std::vector<Case>{
           {"PUT", agent.substr(1) + "&stateId=s"},      // XAPI-00210 no activityId
           {"POST", agent.substr(1) + "&stateId=s"},     // XAPI-00209
           {"GET", agent.substr(1) + "&stateId=s"},      // XAPI-00208
           {"DELETE", agent.substr(1)},                  // XAPI-00207
           {"PUT", activity + "&stateId=s"},             // XAPI-00215 no agent
           {"GET", activity},                            // XAPI-00213
           {"DELETE", activity},                         // XAPI-00212
           {"PUT", activity + agent},                    // XAPI-00206 no stateId
           {"POST", activity + agent},                   // XAPI-00211
           {"PUT", activity + "&agent=true&stateId=s"},  // XAPI-00199
           {"GET", activity + "&agent=" + Q("{\"mbox\":") + "&stateId=s"},  // XAPI-00197
           {"PUT", activity + agent + "&stateId=s&registration=true"},      // XAPI-00203
           {"GET", activity + agent + "&since=true"},                       // XAPI-00204
           {"GET", activity + agent + "&stateId=s&since=2025-01-01T00:00:00Z"},
           {"PUT", activity + agent + "&stateId=s&profileId=p"}}) {
    Reply r = lrs().Send({.method = c.method,
                          .path = "/xapi/activities/state?" + c.query,
                          .body = c.method == "PUT" || c.method == "POST" ? "{}" : "",
                          .content_type = "application/json"});
    EXPECT_EQ(r.status, 400) << c.method << " " << c.query << ": " << r;
  }
  EXPECT_EQ(lrs().Get(State()).Json(), json::array()) << "nothing was stored";
}

// ---- Activity Profile and Agent Profile ----

// The concurrency rules both profile resources share (XAPI-00322), on `path` (a document URL).
void ExpectProfileConcurrency(XapiClient& lrs, const std::string& path) {
  const std::string first = R"({"colour":"blue"})";
  // A new profile needs a precondition.
  Reply blind_new = lrs.Put(path, first);
  EXPECT_EQ(blind_new.status, 400) << blind_new;
  EXPECT_EQ(lrs.Get(path).status, 404);
  Reply create = lrs.Put(path, first, "application/json", {{"If-None-Match", "*"}});
  EXPECT_EQ(create.status, 204) << create;
  // The ETag is the quoted SHA-1 of the content.
  Reply get = lrs.Get(path);
  ASSERT_EQ(get.status, 200) << get;
  const std::string etag = get.Header("ETag");
  EXPECT_TRUE(std::regex_match(etag, std::regex(R"(^"[0-9a-f]{40}"$)"))) << etag;
  EXPECT_EQ(etag, "\"" + Sha1Hex(get.body) + "\"");
  // A blind overwrite of an existing profile conflicts.
  Reply blind = lrs.Put(path, R"({"colour":"red"})");
  EXPECT_EQ(blind.status, 409) << blind;
  EXPECT_FALSE(blind.body.empty()) << "409 explains itself";
  // Wrong If-Match, and If-None-Match: * on an existing document, fail their precondition.
  Reply stale = lrs.Put(path, R"({"colour":"red"})", "application/json",
                        {{"If-Match", "\"" + std::string(40, '1') + "\""}});
  EXPECT_EQ(stale.status, 412) << stale;
  Reply exists = lrs.Put(path, R"({"colour":"red"})", "application/json", {{"If-None-Match", "*"}});
  EXPECT_EQ(exists.status, 412) << exists;
  Reply stale_delete = lrs.Delete(path, {{"If-Match", "\"" + std::string(40, '2') + "\""}});
  EXPECT_EQ(stale_delete.status, 412) << stale_delete;
  EXPECT_EQ(lrs.Get(path).Json(), json::parse(first)) << "refused writes changed nothing";
  // The right If-Match updates, and the ETag follows the content.
  Reply update = lrs.Put(path, R"({"colour":"red"})", "application/json", {{"If-Match", etag}});
  EXPECT_EQ(update.status, 204) << update;
  Reply after = lrs.Get(path);
  EXPECT_EQ(after.Json(), (json{{"colour", "red"}}));
  EXPECT_NE(after.Header("ETag"), etag);
  EXPECT_EQ(after.Header("ETag"), "\"" + Sha1Hex(after.body) + "\"");
  // The old ETag is now stale.
  EXPECT_EQ(lrs.Put(path, "{}", "application/json", {{"If-Match", etag}}).status, 412);
  EXPECT_EQ(lrs.Delete(path, {{"If-Match", after.Header("ETag")}}).status, 204);
  EXPECT_EQ(lrs.Get(path).status, 404);
}

// Merge and id-listing rules both profile resources share.
void ExpectProfileMergeAndListing(XapiClient& lrs, ManualClock& clock, const std::string& base) {
  const std::string one = base + "&profileId=one";
  const std::string two = base + "&profileId=two";
  clock.Advance(1000);                                           // 00:00:01
  Reply created = lrs.Post(one, R"({"a":1,"nested":{"x":1}})");  // POST creates
  EXPECT_EQ(created.status, 204) << created;
  Reply merged = lrs.Post(one, R"({"b":2,"nested":{"y":2}})");
  EXPECT_EQ(merged.status, 204) << merged;
  EXPECT_EQ(lrs.Get(one).Json(), (json{{"a", 1}, {"b", 2}, {"nested", {{"y", 2}}}}));
  // Mismatched types are refused and change nothing.
  EXPECT_EQ(lrs.Post(one, "abc", "text/plain").status, 400);
  EXPECT_EQ(lrs.Post(one, R"({"c":3}[)").status, 400);
  clock.Advance(1000);  // 00:00:02
  EXPECT_EQ(lrs.Put(two, "plain text", "text/plain", {{"If-None-Match", "*"}}).status, 204);
  EXPECT_EQ(lrs.Post(two, R"({"c":3})").status, 400);
  EXPECT_EQ(lrs.Get(two).body, "plain text");
  EXPECT_EQ(lrs.Get(one).Json(), (json{{"a", 1}, {"b", 2}, {"nested", {{"y", 2}}}}));
  // Listing, with since.
  EXPECT_EQ(IdSet(lrs.Get(base)), (std::set<std::string>{"one", "two"}));
  EXPECT_EQ(IdSet(lrs.Get(base + "&since=2025-01-01T00:00:01.000Z")), std::set<std::string>{"two"});
  EXPECT_EQ(lrs.Get(base + "&since=true").status, 400);
  // Deleting a profile that does not exist succeeds.
  EXPECT_EQ(lrs.Delete(base + "&profileId=never-stored").status, 204);
}

TEST_P(XapiDocuments, XAPI_00322_00311_ActivityProfileConcurrency) {
  ExpectProfileConcurrency(lrs(),
                           "/xapi/activities/profile?activityId=" + Q(kActivity) + "&profileId=p");
}

TEST_P(XapiDocuments, XAPI_00322_AgentProfileConcurrency) {
  ExpectProfileConcurrency(lrs(), "/xapi/agents/profile?agent=" + Q(RickJames()) + "&profileId=p");
}

TEST_P(XapiDocuments, XAPI_00322_ConcurrentWritesWithTheSameIfMatchLetExactlyOneWin) {
  // Optimistic concurrency is for writers that race: of several PUTs made against the same
  // ETag, one may win and every other must get 412, or an update is silently lost.
  // PostgreSQL runs writers concurrently: DocumentService::Write locks the document first.
  const std::string path =
      "/xapi/activities/profile?activityId=" + Q(kActivity) + "&profileId=shared";
  for (int round = 0; round < 5; ++round) {
    SCOPED_TRACE(round);
    if (round == 0) {
      ASSERT_EQ(
          lrs().Put(path, R"({"round":-1})", "application/json", {{"If-None-Match", "*"}}).status,
          204);
    }
    const std::string etag = lrs().Get(path).Header("ETag");
    constexpr int kWriters = 8;
    std::vector<int> statuses(kWriters);
    Concurrently(kWriters, [&](int i) {
      statuses[i] = lrs()
                        .Put(path, json{{"round", round}, {"writer", i}}.dump(), "application/json",
                             {{"If-Match", etag}})
                        .status;
    });
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 204), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 412), kWriters - 1);
    // The document is the winner's.
    json doc = lrs().Get(path).Json();
    EXPECT_EQ(doc["round"], round);
    const int winner = doc.value("writer", -1);
    ASSERT_GE(winner, 0);
    EXPECT_EQ(statuses[winner], 204);
  }
}

TEST_P(XapiDocuments, XAPI_00308_00310_00309_00289_00303_00294_ActivityProfileMergeAndIds) {
  ExpectProfileMergeAndListing(lrs(), clock_,
                               "/xapi/activities/profile?activityId=" + Q(kActivity));
}

TEST_P(XapiDocuments, XAPI_00279_00280_00278_00270_00268_00275_AgentProfileMergeAndIds) {
  ExpectProfileMergeAndListing(lrs(), clock_, "/xapi/agents/profile?agent=" + Q(RickJames()));
}

TEST_P(XapiDocuments, XAPI_00296_00302_00261_00264_00257_ProfileParametersAreChecked) {
  const std::string activity = "activityId=" + Q(kActivity);
  const std::string agent = "agent=" + Q(RickJames());
  const httplib::Headers create = {{"If-None-Match", "*"}};
  struct Case {
    std::string method;
    std::string path;
  };
  for (const Case& c : std::vector<Case>{
           {"GET", "/xapi/activities/profile?profileId=p"},               // XAPI-00296
           {"PUT", "/xapi/activities/profile?profileId=p"},               // XAPI-00299
           {"POST", "/xapi/activities/profile?profileId=p"},              // XAPI-00298
           {"DELETE", "/xapi/activities/profile?profileId=p"},            // XAPI-00297
           {"PUT", "/xapi/activities/profile?" + activity},               // XAPI-00302
           {"POST", "/xapi/activities/profile?" + activity},              // XAPI-00301
           {"DELETE", "/xapi/activities/profile?" + activity},            // XAPI-00300
           {"GET", "/xapi/activities/profile?" + activity + "&since=x"},  // XAPI-00295
           {"PUT", "/xapi/activities/profile?" + activity + "&" + agent + "&profileId=p"},
           {"GET", "/xapi/agents/profile?profileId=p"},             // XAPI-00261
           {"PUT", "/xapi/agents/profile?profileId=p"},             // XAPI-00264
           {"POST", "/xapi/agents/profile?profileId=p"},            // XAPI-00263
           {"DELETE", "/xapi/agents/profile?profileId=p"},          // XAPI-00262
           {"PUT", "/xapi/agents/profile?" + agent},                // XAPI-00267
           {"POST", "/xapi/agents/profile?" + agent},               // XAPI-00266
           {"DELETE", "/xapi/agents/profile?" + agent},             // XAPI-00265
           {"PUT", "/xapi/agents/profile?agent=true&profileId=p"},  // XAPI-00257
           {"DELETE", "/xapi/agents/profile?agent=" + Q(R"({"name":"no ifi"})") + "&profileId=p"},
           {"GET", "/xapi/agents/profile?" + agent + "&since=true"}}) {  // XAPI-00260
    Reply r = lrs().Send({.method = c.method,
                          .path = c.path,
                          .body = c.method == "PUT" || c.method == "POST" ? "{}" : "",
                          .content_type = "application/json",
                          .headers = create});
    EXPECT_EQ(r.status, 400) << c.method << " " << c.path << ": " << r;
  }
  EXPECT_EQ(lrs().Get("/xapi/activities/profile?" + activity).Json(), json::array());
  EXPECT_EQ(lrs().Get("/xapi/agents/profile?" + agent).Json(), json::array());
}

// ---- Activities and Agents ----

TEST_P(XapiDocuments, XAPI_00253_00254_ActivitiesResourceMergesDefinitionsAcrossStatements) {
  const std::string id = "http://www.example.com/meetings/occurances/34534";
  json first = Statement(kCompleted, id);
  first["object"]["definition"] = {{"name", {{"en-GB", "meeting"}, {"en-US", "meeting"}}},
                                   {"type", "http://adlnet.gov/expapi/activities/meeting"}};
  json second = Statement(kAttempted, id);
  second["object"]["definition"] = {{"name", {{"en-GB", "meeting"}, {"fr-FR", "réunion"}}},
                                    {"description", {{"en-GB", "a meeting"}}}};
  ASSERT_EQ(lrs().Post("/xapi/statements", json::array({first, second}).dump()).status, 200);
  Reply r = lrs().Get("/xapi/activities?activityId=" + Q(id));
  ASSERT_EQ(r.status, 200) << r;
  json activity = r.Json();
  EXPECT_EQ(activity["objectType"], "Activity");
  EXPECT_EQ(activity["id"], id);
  EXPECT_EQ(activity["definition"]["name"],
            (json{{"en-GB", "meeting"}, {"en-US", "meeting"}, {"fr-FR", "réunion"}}));
  EXPECT_EQ(activity["definition"]["type"], "http://adlnet.gov/expapi/activities/meeting");
  EXPECT_EQ(activity["definition"]["description"], (json{{"en-GB", "a meeting"}}));
  // A later statement adds to it.
  json third = Statement(kCompleted, id);
  third["object"]["definition"] = {{"name", {{"de-DE", "Besprechung"}}}};
  Post(third);
  EXPECT_EQ(lrs().Get("/xapi/activities?activityId=" + Q(id)).Json()["definition"]["name"].size(),
            4u);
}

TEST_P(XapiDocuments, XAPI_00254_ConcurrentStatementsAllContributeToTheDefinition) {
  // PostgreSQL runs writers concurrently: the definition merge locks the activity first.
  const std::string id = "http://example.com/activities/concurrent";
  const std::vector<std::string> languages = {"en-US", "en-GB", "fr-FR", "de-DE",
                                              "es-ES", "it-IT", "nl-NL", "sv-SE"};
  std::vector<int> statuses(languages.size());
  Concurrently(static_cast<int>(languages.size()), [&](int i) {
    json s = Statement(kCompleted, id);
    s["object"]["definition"] = {{"name", {{languages[i], "name " + languages[i]}}}};
    statuses[i] = lrs().Post("/xapi/statements", s.dump()).status;
  });
  for (int status : statuses) EXPECT_EQ(status, 200);
  json name = lrs().Get("/xapi/activities?activityId=" + Q(id)).Json()["definition"]["name"];
  for (const auto& lang : languages) EXPECT_TRUE(name.contains(lang)) << lang << " lost: " << name;
}

TEST_P(XapiDocuments, XAPI_00250_ActivitiesResourceNeedsAnActivityId) {
  EXPECT_EQ(lrs().Get("/xapi/activities").status, 400);
  EXPECT_EQ(lrs().Get("/xapi/activities?activityId=" + Q("not an iri")).status, 400);
  EXPECT_EQ(lrs().Get("/xapi/activities?activityid=" + Q(kActivity)).status, 400);
  Reply unknown = lrs().Get("/xapi/activities?activityId=" + Q("http://example.com/unknown"));
  EXPECT_EQ(unknown.status, 200) << unknown;
  EXPECT_EQ(unknown.Json()["id"], "http://example.com/unknown");
}

TEST_P(XapiDocuments, XAPI_00248_00237_00238_00239_00240_00241_00242_AgentsResourceReturnsAPerson) {
  Post(Statement());
  Reply r = lrs().Get("/xapi/agents?agent=" + Q(Agent("mailto:learner@example.com").dump()));
  ASSERT_EQ(r.status, 200) << r;
  json person = r.Json();
  EXPECT_EQ(person["objectType"], "Person");
  EXPECT_EQ(person["name"], json::array({"Learner"}));
  EXPECT_EQ(person["mbox"], json::array({"mailto:learner@example.com"}));
  EXPECT_FALSE(person.contains("account"));
  // An agent identified by an account (never seen: still a Person).
  Reply account = lrs().Get("/xapi/agents?agent=" + Q(RickJames()));
  ASSERT_EQ(account.status, 200) << account;
  EXPECT_EQ(account.Json()["objectType"], "Person");
  ASSERT_TRUE(account.Json()["account"].is_array());
  EXPECT_EQ(account.Json()["account"][0]["name"], "Rick James");
  // Other identifiers are arrays of strings.
  json openid =
      lrs()
          .Get("/xapi/agents?agent=" + Q(json{{"openid", "http://openid.example.com/x"}}.dump()))
          .Json();
  EXPECT_EQ(openid["openid"], json::array({"http://openid.example.com/x"}));
  json sha = lrs()
                 .Get("/xapi/agents?agent=" +
                      Q(json{{"mbox_sha1sum", Sha1Hex("mailto:x@example.com")}}.dump()))
                 .Json();
  EXPECT_EQ(sha["mbox_sha1sum"], json::array({Sha1Hex("mailto:x@example.com")}));
}

TEST_P(XapiDocuments, XAPI_00243_00249_AgentsResourceNeedsAnIdentifiedAgent) {
  EXPECT_EQ(lrs().Get("/xapi/agents").status, 400);
  EXPECT_EQ(lrs().Get("/xapi/agents?agent=" + Q(R"({"name":"x","objectType":"Agent"})")).status,
            400);
  EXPECT_EQ(lrs().Get("/xapi/agents?agent=" + Q(R"({"mbox":"x@example.com"})")).status, 400);
  EXPECT_EQ(lrs().Get("/xapi/agents?agent=not-json").status, 400);
}

XAPI_INSTANTIATE(XapiDocuments);

}  // namespace
}  // namespace attune::xapi_conformance
