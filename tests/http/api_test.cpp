// Behaviour of the foundation API on both backends: login, sessions, CSRF, tokens, people, teams,
// CSV import, governance, xAPI client credentials and the audit log, including bad input that must
// change nothing.
#include <gtest/gtest.h>

#include <set>

#include "core/base64.h"
#include "support/test_env.h"

namespace attune {
namespace {

using nlohmann::json;
using testing::Session;
using testing::TestServer;

class Api : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<TestServer>(GetParam());
    admin_ = server_->Login("admin@demo.attune.test");
  }
  json Get(const Session& s, const std::string& path, int* status = nullptr) {
    return server_->Json(s, "GET", path, "", status);
  }
  size_t PeopleCount() { return Get(admin_, "/api/v1/people")["people"].size(); }

  std::unique_ptr<TestServer> server_;
  Session admin_;
};

TEST_P(Api, LoginSetsAHardenedSessionCookie) {
  auto res = server_->Client()->Post(
      "/api/v1/auth/login",
      json{{"email", "Maya@Demo.Attune.Test"}, {"password", "attune-demo-2026"}}.dump(),
      "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "no TLS configured here";
  EXPECT_EQ(json::parse(res->body)["roles"], json::array({"manager"}));
}

TEST_P(Api, SecureCookieWhenServedOverTls) {
  TestServer tls(GetParam(), [](Config& c) { c.public_url = "https://attune.example.com"; });
  auto res = tls.Client()->Post(
      "/api/v1/auth/login",
      json{{"email", "maya@demo.attune.test"}, {"password", "attune-demo-2026"}}.dump(),
      "application/json");
  ASSERT_TRUE(res);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_P(Api, WrongPasswordAndUnknownEmailGetTheSame401) {
  auto c = server_->Client();
  auto wrong =
      c->Post("/api/v1/auth/login",
              json{{"email", "maya@demo.attune.test"}, {"password", "nope-nope-nope"}}.dump(),
              "application/json");
  auto unknown = c->Post("/api/v1/auth/login",
                         json{{"email", "nobody@demo.attune.test"}, {"password", "x"}}.dump(),
                         "application/json");
  ASSERT_TRUE(wrong && unknown);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(json::parse(wrong->body)["error"]["message"],
            json::parse(unknown->body)["error"]["message"]);
}

TEST_P(Api, LoginIsRateLimitedAfterRepeatedFailures) {
  auto c = server_->Client();
  json bad = {{"email", "liam@demo.attune.test"}, {"password", "wrong-password"}};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(c->Post("/api/v1/auth/login", bad.dump(), "application/json")->status, 401);
  }
  // Even the right password is refused while the limit holds.
  json good = {{"email", "liam@demo.attune.test"}, {"password", "attune-demo-2026"}};
  auto res = c->Post("/api/v1/auth/login", good.dump(), "application/json");
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "rate_limited");
  // Another account is unaffected.
  EXPECT_EQ(
      c->Post("/api/v1/auth/login",
              json{{"email", "maya@demo.attune.test"}, {"password", "attune-demo-2026"}}.dump(),
              "application/json")
          ->status,
      200);
}

TEST_P(Api, StateChangesWithACookieNeedTheCsrfHeader) {
  Session no_csrf = admin_;
  no_csrf.csrf.clear();
  size_t before = PeopleCount();
  int status = 0;
  json r =
      server_->Json(no_csrf, "POST", "/api/v1/teams", json{{"path", "Forged"}}.dump(), &status);
  EXPECT_EQ(status, 403);
  EXPECT_NE(r["error"]["message"].get<std::string>().find("X-CSRF-Token"), std::string::npos);
  Session wrong = admin_;
  wrong.csrf = std::string(32, 'a');
  server_->Json(wrong, "POST", "/api/v1/teams", json{{"path", "Forged"}}.dump(), &status);
  EXPECT_EQ(status, 403);
  EXPECT_EQ(PeopleCount(), before);
  json teams = Get(admin_, "/api/v1/teams");
  for (const auto& t : teams["teams"]) EXPECT_NE(t["path"], "Forged");
}

TEST_P(Api, LogoutEndsTheSession) {
  Session s = server_->Login("liam@demo.attune.test");
  int status = 0;
  server_->Json(s, "POST", "/api/v1/auth/logout", "", &status);
  EXPECT_EQ(status, 204);
  json r = Get(s, "/api/v1/me", &status);
  EXPECT_EQ(status, 401);
  EXPECT_EQ(r["error"]["code"], "unauthenticated");
}

TEST_P(Api, ExpiredSessionsAreRejectedWithAClearMessage) {
  ManualClock clock(1'800'000'000'000);
  TestServer server(
      GetParam(), [](Config& c) { c.session_ttl_minutes = 30; }, &clock);
  Session s = server.Login("liam@demo.attune.test");
  int status = 0;
  server.Json(s, "GET", "/api/v1/me", "", &status);
  EXPECT_EQ(status, 200);
  clock.Advance(31 * 60 * 1000);
  json r = server.Json(s, "GET", "/api/v1/me", "", &status);
  EXPECT_EQ(status, 401);
  EXPECT_NE(r["error"]["message"].get<std::string>().find("expired"), std::string::npos);
}

TEST_P(Api, ApiTokensAreScopedRevocableAndShownOnce) {
  Session hana = server_->Login("hana@demo.attune.test");
  int status = 0;
  json created = server_->Json(hana, "POST", "/api/v1/me/tokens",
                               json{{"name", "hris-sync"}, {"scopes", {"read"}}}.dump(), &status);
  ASSERT_EQ(status, 201) << created;
  std::string token = created["token"];
  EXPECT_EQ(token.rfind("att_", 0), 0u);
  json listed = Get(hana, "/api/v1/me/tokens");
  EXPECT_FALSE(listed["tokens"][0].contains("token")) << "secrets are shown only at creation";

  auto c = server_->Client();
  httplib::Headers bearer = {{"Authorization", "Bearer " + token}};
  EXPECT_EQ(c->Get("/api/v1/people", bearer)->status, 200);
  auto write = c->Post(
      "/api/v1/me/password", bearer,
      json{{"current_password", "attune-demo-2026"}, {"new_password", "attune-demo-2026"}}.dump(),
      "application/json");
  EXPECT_EQ(write->status, 403) << "a read-scoped token cannot change data";

  server_->Json(hana, "DELETE", "/api/v1/me/tokens/" + created["id"].get<std::string>(), "",
                &status);
  EXPECT_EQ(status, 204);
  EXPECT_EQ(c->Get("/api/v1/people", bearer)->status, 401);
}

TEST_P(Api, MalformedJsonWrongTypesAndUnknownFieldsAre400AndChangeNothing) {
  size_t before = PeopleCount();
  struct Case {
    std::string body;
    std::string field;
  } cases[] = {
      {"{not json", ""},
      {"[1,2]", ""},
      {json{{"employee_id", 42}, {"name", "A"}, {"email", "a@b.test"}}.dump(), "employee_id"},
      {json{{"employee_id", "X1"}, {"name", "A"}, {"email", "a@b.test"}, {"salary", 1}}.dump(),
       "salary"},
      {json{{"employee_id", "X1"}, {"name", "A"}, {"email", "not-an-email"}}.dump(), "email"},
      {json{{"employee_id", "X1"}, {"name", "A"}, {"email", "a@b.test"}, {"roles", {"emperor"}}}
           .dump(),
       "role"},
      {std::string(40, '[') + std::string(40, ']'), ""},
  };
  for (const auto& c : cases) {
    int status = 0;
    json r = server_->Json(admin_, "POST", "/api/v1/people", c.body, &status);
    EXPECT_EQ(status, 400) << c.body;
    EXPECT_EQ(r["error"]["code"], "invalid_argument") << c.body;
    if (!c.field.empty()) {
      EXPECT_EQ(r["error"]["field"], c.field) << c.body;
    }
  }
  EXPECT_EQ(PeopleCount(), before);
}

TEST_P(Api, WrongContentTypeIs415) {
  auto res = server_->Request(admin_, "POST", "/api/v1/teams", "path=x",
                              "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 415);
}

TEST_P(Api, PeopleCreateAndUpdateWithReportingLine) {
  int status = 0;
  json maya = server_->Json(admin_, "GET", "/api/v1/me", "", &status);
  json people = Get(admin_, "/api/v1/people");
  std::string maya_id;
  for (const auto& p : people["people"])
    if (p["email"] == "maya@demo.attune.test") maya_id = p["id"];
  json created = server_->Json(admin_, "POST", "/api/v1/people",
                               json{{"employee_id", "N100"},
                                    {"name", "Nia New"},
                                    {"email", "NIA@demo.attune.test"},
                                    {"team", "Sales / EMEA"},
                                    {"manager_id", maya_id}}
                                   .dump(),
                               &status);
  ASSERT_EQ(status, 201) << created;
  EXPECT_EQ(created["email"], "nia@demo.attune.test");
  EXPECT_EQ(created["roles"], json::array({"learner"}));
  // Maya now sees Nia among her reports.
  Session maya_s = server_->Login("maya@demo.attune.test");
  bool seen = false;
  for (json all = Get(maya_s, "/api/v1/people"); const auto& p : all["people"])
    seen = seen || p["id"] == created["id"];
  EXPECT_TRUE(seen);
  // A reporting cycle is refused.
  json cycle = server_->Json(admin_, "PATCH", "/api/v1/people/" + maya_id,
                             json{{"manager_id", created["id"]}}.dump(), &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(cycle["error"]["field"], "manager_id");
  // Duplicate e-mail is a 409 naming the field.
  json dup = server_->Json(
      admin_, "POST", "/api/v1/people",
      json{{"employee_id", "N101"}, {"name", "Dup"}, {"email", "nia@demo.attune.test"}}.dump(),
      &status);
  EXPECT_EQ(status, 409);
  EXPECT_EQ(dup["error"]["field"], "email");
}

TEST_P(Api, ManagersSeeOnlyTheirReportingLine) {
  Session maya = server_->Login("maya@demo.attune.test");
  json people = Get(maya, "/api/v1/people");
  std::set<std::string> emails;
  for (const auto& p : people["people"]) emails.insert(p["email"]);
  EXPECT_TRUE(emails.count("liam@demo.attune.test"));
  EXPECT_FALSE(emails.count("priya@demo.attune.test")) << "Support does not report to Maya";
  std::string priya;
  for (json all = Get(admin_, "/api/v1/people"); const auto& p : all["people"]) {
    if (p["email"] == "priya@demo.attune.test") priya = p["id"];
  }
  int status = 0;
  Get(maya, "/api/v1/people/" + priya, &status);
  EXPECT_EQ(status, 403);
}

TEST_P(Api, CsvImportDryRunReportsEveryBadRowAndImportsNothing) {
  size_t before = PeopleCount();
  std::string csv =
      "employee_id,name,email,team,manager_id,role,locale\n"
      "A1,Ann,ann@acme.test,Ops,,manager,en-GB\n"
      "A2,,bob@acme.test,Ops,A1,learner,en\n"      // line 3: empty name
      "A3,Cid,not-an-email,Ops,A1,learner,en\n"    // line 4: bad e-mail
      "A4,Dee,dee@acme.test,Ops,ZZZ,learner,en\n"  // line 5: unknown manager
      "A5,Eve,eve@acme.test,Ops,A1,wizard,en\n"    // line 6: unknown role
      "A1,Ann2,ann2@acme.test,Ops,,learner,en\n"   // line 7: duplicate employee id
      "A6,Fay,fay@acme.test,Ops,A1,learner\n";     // line 8: missing field
  for (bool dry : {true, false}) {
    auto res = server_->Request(
        admin_, "POST", std::string("/api/v1/imports/people?dry_run=") + (dry ? "true" : "false"),
        csv, "text/csv");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422) << res->body;
    json report = json::parse(res->body);
    EXPECT_FALSE(report["valid"]);
    std::vector<int> lines;
    for (const auto& e : report["errors"]) lines.push_back(e["line"]);
    EXPECT_EQ(lines, (std::vector<int>{3, 4, 5, 6, 7, 8})) << report.dump(2);
    EXPECT_EQ(report["created"], 0);
  }
  EXPECT_EQ(PeopleCount(), before);
}

TEST_P(Api, CsvImportCreatesUpdatesAndBuildsTheTeamTree) {
  std::string csv =
      "name,employee_id,email,team,manager_id,role,locale\n"  // columns in any order
      "Ann,A1,ann@acme.test,Ops,,manager,en-GB\n"
      "\"Bo, Jr.\",A2,bo@acme.test,Ops/Night Shift,A1,learner;peer,en\n"
      "Dana Director (demo),D001,dana@demo.attune.test,Leadership,,manager;analyst,en-GB\n";
  auto dry =
      server_->Request(admin_, "POST", "/api/v1/imports/people?dry_run=true", csv, "text/csv");
  ASSERT_EQ(dry->status, 200) << dry->body;
  EXPECT_EQ(json::parse(dry->body)["created"], 2);
  size_t before = PeopleCount();
  auto res = server_->Request(admin_, "POST", "/api/v1/imports/people", csv, "text/csv");
  ASSERT_EQ(res->status, 200) << res->body;
  json report = json::parse(res->body);
  EXPECT_EQ(report["created"], 2);
  EXPECT_EQ(report["updated"], 1);
  EXPECT_EQ(report["teams_created"], 2);
  EXPECT_EQ(PeopleCount(), before + 2);
  bool found = false;
  for (json all = Get(admin_, "/api/v1/teams"); const auto& t : all["teams"]) {
    if (t["path"] == "Ops/Night Shift") {
      found = true;
      json team = Get(admin_, "/api/v1/teams/" + t["id"].get<std::string>());
      EXPECT_EQ(team["members"][0]["name"], "Bo, Jr.");
    }
  }
  EXPECT_TRUE(found);
}

TEST_P(Api, ConsentsFollowTheLegalBasisAndTheJurisdiction) {
  Session liam = server_->Login("liam@demo.attune.test");
  int status = 0;
  auto stream = [&](const std::string& key) {
    for (json all = Get(liam, "/api/v1/me/consents"); const auto& s : all["streams"])
      if (s["key"] == key) return s;
    return json();
  };
  EXPECT_FALSE(stream("voice_prosody")["processed"]) << "consent streams are off until granted";
  json granted = server_->Json(liam, "PUT", "/api/v1/me/consents/voice_prosody",
                               json{{"state", "granted"}}.dump(), &status);
  EXPECT_EQ(status, 200);
  EXPECT_TRUE(granted["processed"]);
  // Contract streams cannot be refused; objection does not apply to consent streams.
  server_->Json(liam, "PUT", "/api/v1/me/consents/practice_responses",
                json{{"state", "withdrawn"}}.dump(), &status);
  EXPECT_EQ(status, 422);
  server_->Json(liam, "PUT", "/api/v1/me/consents/voice_prosody",
                json{{"state", "objected"}}.dump(), &status);
  EXPECT_EQ(status, 400);
  // The webcam mirror is biometric: granted, it runs; under the eu policy it is off for everyone.
  server_->Json(liam, "PUT", "/api/v1/me/consents/webcam_expression",
                json{{"state", "granted"}}.dump(), &status);
  EXPECT_TRUE(stream("webcam_expression")["processed"]);
  server_->Json(admin_, "PATCH", "/api/v1/organisation", json{{"jurisdiction", "eu"}}.dump(),
                &status);
  EXPECT_EQ(status, 200);
  json webcam = stream("webcam_expression");
  EXPECT_FALSE(webcam["processed"]);
  EXPECT_NE(webcam["reason"].get<std::string>().find("eu jurisdiction"), std::string::npos);
  // An admin may record a documented exception for a biometric stream (audit-logged); then the
  // learner's own consent decides again. Exceptions for other streams are refused.
  json body = {{"name", webcam["name"]},   {"purpose", webcam["purpose"]},
               {"legal_basis", "consent"}, {"retention_days", webcam["retention_days"]},
               {"biometric", true},        {"eu_exception", ""}};
  body["eu_exception"] = "Works council agreement 2026-14: learner-only mirror, never stored.";
  json saved = server_->Json(admin_, "PUT", "/api/v1/governance/streams/webcam_expression",
                             body.dump(), &status);
  EXPECT_EQ(status, 200) << saved;
  EXPECT_EQ(saved["eu_exception"], body["eu_exception"]);
  EXPECT_TRUE(stream("webcam_expression")["processed"]);
  server_->Json(liam, "PUT", "/api/v1/me/consents/webcam_expression",
                json{{"state", "withdrawn"}}.dump(), &status);
  EXPECT_FALSE(stream("webcam_expression")["processed"]);
  json audit = server_->Json(admin_, "GET", "/api/v1/audit?limit=1000", "", &status);
  bool logged = false;
  for (const auto& e : audit["entries"]) {
    logged |= e["action"] == "governance.stream_registered" &&
              e["detail"].dump().find("Works council") != std::string::npos;
  }
  EXPECT_TRUE(logged);
  json voice = stream("voice_prosody");
  json not_biometric = {{"name", voice["name"]},    {"purpose", voice["purpose"]},
                        {"legal_basis", "consent"}, {"retention_days", 30},
                        {"biometric", false},       {"eu_exception", "because"}};
  json refused = server_->Json(admin_, "PUT", "/api/v1/governance/streams/voice_prosody",
                               not_biometric.dump(), &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(refused["error"]["field"], "eu_exception");
}

TEST_P(Api, ServerWideEuPolicyCannotBeOverriddenByAnOrganisation) {
  TestServer eu(GetParam(), [](Config& c) { c.jurisdiction = "eu"; });
  Session admin = eu.Login("admin@demo.attune.test");
  int status = 0;
  json org = eu.Json(admin, "GET", "/api/v1/organisation", "", &status);
  EXPECT_EQ(org["jurisdiction"], "eu");
  eu.Json(admin, "PATCH", "/api/v1/organisation", json{{"jurisdiction", "global"}}.dump(), &status);
  EXPECT_EQ(status, 422);
}

TEST_P(Api, AuditLogRecordsActionsAndVerifies) {
  Session aldo = server_->Login("aldo@demo.attune.test");
  int status = 0;
  server_->Json(admin_, "POST", "/api/v1/teams", json{{"path", "Audit Me"}}.dump(), &status);
  ASSERT_EQ(status, 201);
  json page = Get(aldo, "/api/v1/audit?limit=1000");
  std::set<std::string> actions;
  for (const auto& e : page["entries"]) actions.insert(e["action"]);
  EXPECT_TRUE(actions.count("teams.created"));
  EXPECT_TRUE(actions.count("auth.login"));
  EXPECT_TRUE(actions.count("people.imported"));
  json v = Get(aldo, "/api/v1/audit/verify");
  EXPECT_TRUE(v["intact"]);
  EXPECT_GT(v["entries"].get<int>(), 3);
}

TEST_P(Api, TamperingWithTheAuditLogIsDetected) {
  int status = 0;
  server_->Json(admin_, "POST", "/api/v1/teams", json{{"path", "Evidence"}}.dump(), &status);
  // An attacker with database access drops the protecting trigger and edits an entry.
  auto& db = server_->db();
  bool sqlite = GetParam() == "sqlite";
  ASSERT_TRUE(db.RawExec(sqlite ? "DROP TRIGGER audit_log_no_update"
                                : "DROP TRIGGER audit_log_no_change ON audit_log"));
  ASSERT_TRUE(
      db.RawExec("UPDATE audit_log SET actor_id = 'someone-else' WHERE action = 'teams.created'"));
  json v = Get(server_->Login("aldo@demo.attune.test"), "/api/v1/audit/verify");
  EXPECT_FALSE(v["intact"]);
  EXPECT_NE(v["problem"].get<std::string>().find("modified"), std::string::npos);
}

TEST_P(Api, SubjectExportHasEverythingAboutTheCallerOnly) {
  Session liam = server_->Login("liam@demo.attune.test");
  json e = Get(liam, "/api/v1/me/export");
  EXPECT_EQ(e["person"]["email"], "liam@demo.attune.test");
  EXPECT_GT(e["consents"].size(), 3u);
  EXPECT_TRUE(e["api_tokens"].is_array());
  // The audit entries about Liam (his logins) are his data too; nobody else's are included.
  bool saw_login = false;
  for (const auto& entry : e["audit_trail"]) {
    saw_login = saw_login || entry["action"] == "auth.login";
    EXPECT_TRUE(entry["actor_id"] == liam.person_id || entry["target"] == liam.person_id) << entry;
  }
  EXPECT_TRUE(saw_login);
}

TEST_P(Api, AdminsCreateLrsCredentialsThatWorkAtXapiUntilRevoked) {
  int status = 0;
  json created =
      server_->Json(admin_, "POST", "/api/v1/lrs/credentials",
                    json{{"name", "Moodle"}, {"scopes", {"write", "read"}}}.dump(), &status);
  ASSERT_EQ(status, 201) << created;
  const std::string key = created["key"], secret = created["secret"];
  EXPECT_EQ(key.rfind("lrs_", 0), 0u);
  EXPECT_GE(secret.size(), 32u);
  EXPECT_EQ(created["name"], "Moodle");
  EXPECT_EQ(created["scopes"], json::array({"read", "write"}));
  EXPECT_EQ(created["endpoint"], "http://127.0.0.1:" + std::to_string(server_->port()) + "/xapi/")
      << "without public_url, the origin the request reached";
  EXPECT_FALSE(created.contains("secret_hash"));

  auto c = server_->Client();
  auto xapi_get = [&](const std::string& user, const std::string& pass) {
    httplib::Headers h = {{"Authorization", "Basic " + Base64Encode(user + ":" + pass)},
                          {"X-Experience-API-Version", "1.0.3"}};
    auto res = c->Get("/xapi/statements", h);
    return res ? res->status : 0;
  };
  EXPECT_EQ(xapi_get(key, secret), 200);
  EXPECT_EQ(xapi_get(key, secret + "x"), 401);

  json listed = Get(admin_, "/api/v1/lrs/credentials", &status);
  ASSERT_EQ(status, 200) << listed;
  ASSERT_EQ(listed["credentials"].size(), 1u) << listed;
  const json& row = listed["credentials"][0];
  EXPECT_EQ(row["key"], key);
  EXPECT_EQ(row["name"], "Moodle");
  EXPECT_EQ(row["created_by"], admin_.person_id);
  EXPECT_TRUE(row["revoked_at"].is_null());
  EXPECT_FALSE(row.contains("secret")) << "the secret is shown only at creation";
  EXPECT_FALSE(row.contains("secret_hash"));
  EXPECT_EQ(listed.dump().find(secret), std::string::npos);

  server_->Json(admin_, "DELETE", "/api/v1/lrs/credentials/" + key, "", &status);
  EXPECT_EQ(status, 204);
  EXPECT_EQ(xapi_get(key, secret), 401) << "revocation takes effect at once";
  listed = Get(admin_, "/api/v1/lrs/credentials");
  EXPECT_TRUE(listed["credentials"][0]["revoked_at"].is_string()) << listed;
  json again = server_->Json(admin_, "DELETE", "/api/v1/lrs/credentials/" + key, "", &status);
  EXPECT_EQ(status, 404) << again;
  server_->Json(admin_, "DELETE", "/api/v1/lrs/credentials/lrs_nosuchkey", "", &status);
  EXPECT_EQ(status, 404);

  std::set<std::string> actions;
  json audit = Get(admin_, "/api/v1/audit?limit=1000");
  for (const auto& e : audit["entries"]) {
    if (e["target"] == key) actions.insert(e["action"]);
  }
  EXPECT_EQ(actions, (std::set<std::string>{"lrs.credential_created", "lrs.credential_revoked"}));
}

TEST_P(Api, LrsCredentialEndpointFollowsThePublicUrl) {
  TestServer proxied(GetParam(),
                     [](Config& c) { c.public_url = "https://learn.example.com/attune/"; });
  Session admin = proxied.Login("admin@demo.attune.test");
  int status = 0;
  json created = proxied.Json(admin, "POST", "/api/v1/lrs/credentials",
                              json{{"name", "LMS"}, {"scopes", {"read"}}}.dump(), &status);
  ASSERT_EQ(status, 201) << created;
  EXPECT_EQ(created["endpoint"], "https://learn.example.com/attune/xapi/");
}

TEST_P(Api, OnlyAdminsManageLrsCredentials) {
  int status = 0;
  json made = server_->Json(admin_, "POST", "/api/v1/lrs/credentials",
                            json{{"name", "HRIS"}, {"scopes", {"read"}}}.dump(), &status);
  ASSERT_EQ(status, 201) << made;
  for (const char* email : {"liam@demo.attune.test", "aldo@demo.attune.test",
                            "hana@demo.attune.test", "maya@demo.attune.test"}) {
    Session s = server_->Login(email);
    json r = server_->Json(s, "GET", "/api/v1/lrs/credentials", "", &status);
    EXPECT_EQ(status, 403) << email << r;
    EXPECT_EQ(r["error"]["code"], "permission_denied") << email;
    server_->Json(s, "POST", "/api/v1/lrs/credentials",
                  json{{"name", "Mine"}, {"scopes", {"read", "write"}}}.dump(), &status);
    EXPECT_EQ(status, 403) << email;
    server_->Json(s, "DELETE", "/api/v1/lrs/credentials/" + made["key"].get<std::string>(), "",
                  &status);
    EXPECT_EQ(status, 403) << email;
  }
  json listed = Get(admin_, "/api/v1/lrs/credentials");
  ASSERT_EQ(listed["credentials"].size(), 1u) << "nothing created by the others";
  EXPECT_TRUE(listed["credentials"][0]["revoked_at"].is_null()) << "nor revoked";
}

TEST_P(Api, BadLrsCredentialRequestsAre400AndCreateNothing) {
  struct Case {
    std::string body;
    std::string field;
  } cases[] = {
      {json{{"name", ""}, {"scopes", {"read"}}}.dump(), "name"},
      {json{{"scopes", {"read"}}}.dump(), "name"},
      {json{{"name", std::string(101, 'n')}, {"scopes", {"read"}}}.dump(), "name"},
      {json{{"name", 7}, {"scopes", {"read"}}}.dump(), "name"},
      {json{{"name", "LMS"}, {"scopes", {"admin"}}}.dump(), "scopes"},
      {json{{"name", "LMS"}, {"scopes", {"read", "delete"}}}.dump(), "scopes"},
      {json{{"name", "LMS"}, {"scopes", json::array()}}.dump(), "scopes"},
      {json{{"name", "LMS"}, {"scopes", "read"}}.dump(), "scopes"},
      {json{{"name", "LMS"}, {"scopes", {1}}}.dump(), "scopes"},
      {json{{"name", "LMS"}}.dump(), "scopes"},
      {json{{"name", "LMS"}, {"scopes", {"read"}}, {"secret", "chosen"}}.dump(), "secret"},
      {"{not json", ""},
      {"[]", ""},
  };
  for (const auto& c : cases) {
    int status = 0;
    json r = server_->Json(admin_, "POST", "/api/v1/lrs/credentials", c.body, &status);
    EXPECT_EQ(status, 400) << c.body;
    EXPECT_EQ(r["error"]["code"], "invalid_argument") << c.body;
    if (!c.field.empty()) {
      EXPECT_EQ(r["error"]["field"], c.field) << c.body << " " << r;
    }
  }
  EXPECT_TRUE(Get(admin_, "/api/v1/lrs/credentials")["credentials"].empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, Api, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace attune

namespace attune {
namespace {

// The text affect API over the shipped model: results with evidence, batches, and bad input.
class AffectApi : public ::testing::Test {
 protected:
  testing::TestServer server_;
  testing::Session liam_ = server_.Login("liam@demo.attune.test");
};

TEST_F(AffectApi, AnalyzesOneTextWithEvidence) {
  int status = 0;
  json r = server_.Json(liam_, "POST", "/api/v1/affect/analyze",
                        json{{"text", "Thank you so much, this made my day"}}.dump(), &status);
  ASSERT_EQ(status, 200) << r;
  EXPECT_NE(std::find(r["labels"].begin(), r["labels"].end(), "gratitude"), r["labels"].end()) << r;
  EXPECT_EQ(r["ekman_label"], "joy");
  EXPECT_EQ(r["sentiment"], "positive");
  EXPECT_GT(r["valence"].get<double>(), 0.3);
  bool evidence = false;
  for (const auto& e : r["explanation"]) {
    if (e["label"] == "gratitude") {
      for (const auto& span : e["evidence"]) {
        evidence = evidence || span["text"].get<std::string>().find("hank") != std::string::npos;
      }
    }
  }
  EXPECT_TRUE(evidence) << "gratitude should be explained by 'thank'";
}

TEST_F(AffectApi, BatchesReportBadTextsInTheirSlot) {
  int status = 0;
  json r = server_.Json(liam_, "POST", "/api/v1/affect/analyze",
                        json{{"texts", {"I am not happy with this at all", ""}}}.dump(), &status);
  ASSERT_EQ(status, 200) << r;
  ASSERT_EQ(r["results"].size(), 2u);
  EXPECT_NE(r["results"][0]["sentiment"], "positive") << "'not happy' is not joy";
  EXPECT_EQ(r["results"][1]["error"]["code"], "invalid_argument");
}

TEST_F(AffectApi, RefusesInvalidUtf8OversizedBatchesAndAmbiguousBodies) {
  int status = 0;
  std::string bad_utf8 = "{\"text\":\"caf\xC3\x28\"}";
  server_.Json(liam_, "POST", "/api/v1/affect/analyze", bad_utf8, &status);
  EXPECT_EQ(status, 400);
  json many = json::array();
  for (int i = 0; i < 1001; ++i) many.push_back("ok");
  json r =
      server_.Json(liam_, "POST", "/api/v1/affect/analyze", json{{"texts", many}}.dump(), &status);
  EXPECT_EQ(status, 400) << r;
  server_.Json(liam_, "POST", "/api/v1/affect/analyze",
               json{{"text", "a"}, {"texts", {"b"}}}.dump(), &status);
  EXPECT_EQ(status, 400);
  auto anonymous = server_.Client()->Post("/api/v1/affect/analyze", json{{"text", "hi"}}.dump(),
                                          "application/json");
  EXPECT_EQ(anonymous->status, 401);
}

TEST_F(AffectApi, LongTextIsTruncatedAndSaysSo) {
  std::string text;
  while (text.size() < 12000) text += "This is fine. ";
  int status = 0;
  json r =
      server_.Json(liam_, "POST", "/api/v1/affect/analyze", json{{"text", text}}.dump(), &status);
  ASSERT_EQ(status, 200);
  EXPECT_TRUE(r["truncated"]);
}

TEST_F(AffectApi, EmpathyScoresAReplyWithSpans) {
  int status = 0;
  json r = server_.Json(liam_, "POST", "/api/v1/affect/empathy",
                        json{{"message", "I failed the certification again and I feel useless."},
                             {"reply",
                              "I'm so sorry, that sounds really discouraging. What part "
                              "felt hardest for you?"}}
                            .dump(),
                        &status);
  ASSERT_EQ(status, 200) << r;
  EXPECT_GE(r["emotional_reaction"]["level"].get<int>(), 1) << r;
  EXPECT_GE(r["exploration"]["level"].get<int>(), 1) << r;
  EXPECT_FALSE(r["exploration"]["spans"].empty());
}

}  // namespace
}  // namespace attune
