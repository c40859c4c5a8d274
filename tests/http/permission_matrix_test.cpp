// Walks every API route with every role (and with no session) and asserts allowed or denied.
// A route missing from the matrix fails the test, so new routes must declare who may use them.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "support/test_env.h"

namespace attune {
namespace {

using nlohmann::json;
using testing::Session;
using testing::TestServer;

const std::set<std::string> kEveryone = {"learner",  "peer",    "manager", "coach",
                                         "ld_admin", "analyst", "auditor", "admin"};

// Route -> roles allowed. "public" routes need no session at all.
const std::map<std::string, std::set<std::string>>& Matrix() {
  static const std::map<std::string, std::set<std::string>> m = {
      {"GET /healthz", {"public"}},
      {"GET /readyz", {"public"}},
      {"GET /metrics", {"public"}},
      {"GET /api/v1/openapi.json", {"public"}},
      {"POST /api/v1/auth/login", {"public"}},
      {"POST /api/v1/auth/logout", kEveryone},
      {"GET /api/v1/me", kEveryone},
      {"POST /api/v1/me/password", kEveryone},
      {"GET /api/v1/me/tokens", kEveryone},
      {"POST /api/v1/me/tokens", kEveryone},
      {"DELETE /api/v1/me/tokens/{id}", kEveryone},
      {"GET /api/v1/me/consents", kEveryone},
      {"PUT /api/v1/me/consents/{key}", kEveryone},
      {"GET /api/v1/me/export", kEveryone},
      {"GET /api/v1/organisation", kEveryone},
      {"PATCH /api/v1/organisation", {"admin"}},
      // A learner's profile: their manager, L&D and admins; never a peer, coach, analyst or
      // auditor.
      {"GET /api/v1/people", {"manager", "ld_admin", "admin"}},
      {"POST /api/v1/people", {"admin"}},
      {"GET /api/v1/people/{id}", {"manager", "ld_admin", "admin"}},
      {"PATCH /api/v1/people/{id}", {"admin"}},
      {"PUT /api/v1/people/{id}/password", {"admin"}},
      {"GET /api/v1/teams", {"manager", "coach", "ld_admin", "analyst", "admin"}},
      {"POST /api/v1/teams", {"admin"}},
      {"GET /api/v1/teams/{id}", {"manager", "coach", "ld_admin", "analyst", "admin"}},
      {"POST /api/v1/imports/people", {"admin"}},
      {"GET /api/v1/governance/streams", {"ld_admin", "auditor", "admin"}},
      {"PUT /api/v1/governance/streams/{key}", {"admin"}},
      {"GET /api/v1/audit", {"auditor", "admin"}},
      {"GET /api/v1/audit/verify", {"auditor", "admin"}},
      {"POST /api/v1/affect/analyze", kEveryone},
      {"POST /api/v1/affect/empathy", kEveryone},
      // xAPI client credentials: admins only (auditors read the audit log of them instead).
      {"GET /api/v1/lrs/credentials", {"admin"}},
      {"POST /api/v1/lrs/credentials", {"admin"}},
      {"DELETE /api/v1/lrs/credentials/{key}", {"admin"}},
      {"GET /api/v1/lrs/forwarding", {"admin"}},
      {"PUT /api/v1/lrs/forwarding", {"admin"}},
      {"POST /api/v1/lrs/forwarding/retry", {"admin"}},
      {"DELETE /api/v1/lrs/forwarding", {"admin"}},
      // Every learner takes their own assessment; refitting the bank is an admin's decision.
      {"POST /api/v1/me/assessments", kEveryone},
      {"GET /api/v1/me/assessments/{id}", kEveryone},
      {"POST /api/v1/me/assessments/{id}/next", kEveryone},
      {"POST /api/v1/me/assessments/{id}/answers", kEveryone},
      {"GET /api/v1/me/erps", kEveryone},
      {"GET /api/v1/me/practice/profile", kEveryone},
      {"PUT /api/v1/me/practice/profile", kEveryone},
      {"POST /api/v1/me/practice/sessions", kEveryone},
      {"GET /api/v1/me/practice/sessions/{id}", kEveryone},
      {"POST /api/v1/me/practice/sessions/{id}/answers", kEveryone},
      {"GET /api/v1/me/practice/reviews", kEveryone},
      {"GET /api/v1/me/roleplay/scenarios", kEveryone},
      {"POST /api/v1/me/roleplay/sessions", kEveryone},
      {"GET /api/v1/me/roleplay/sessions/{id}", kEveryone},
      {"POST /api/v1/me/roleplay/sessions/{id}/replies", kEveryone},
      {"POST /api/v1/me/roleplay/sessions/{id}/spoken-replies", kEveryone},
      {"GET /api/v1/me/roleplay/sessions/{id}/turns/{turn}/recording", kEveryone},
      {"GET /api/v1/me/roleplay/history", kEveryone},
      {"POST /api/v1/items/calibrate", {"admin"}},
      {"GET /api/v1/items/calibration", {"admin"}},
  };
  return m;
}

class PermissionMatrix : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = server_.Login("admin@demo.attune.test");
    for (json all = server_.Json(admin_, "GET", "/api/v1/people"); const auto& p : all["people"]) {
      ids_[p["email"].get<std::string>()] = p["id"].get<std::string>();
    }
    ASSERT_TRUE(ids_.count("dana@demo.attune.test")) << ids_.size();
    // One person per role, each holding only that role. Maya (manager) manages the target.
    for (const auto& role : kEveryone) {
      std::string email = "only-" + role + "@demo.attune.test";
      json body = {{"employee_id", "R-" + role},
                   {"name", "Only " + role},
                   {"email", email},
                   {"roles", {role}}};
      if (role == "manager") body["manager_id"] = ids_["dana@demo.attune.test"];
      int status = 0;
      json p = server_.Json(admin_, "POST", "/api/v1/people", body.dump(), &status);
      ASSERT_EQ(status, 201) << p;
      server_.Json(admin_, "PUT", "/api/v1/people/" + p["id"].get<std::string>() + "/password",
                   json{{"new_password", "role-password-1"}}.dump(), &status);
      ASSERT_EQ(status, 204);
      ids_[email] = p["id"].get<std::string>();
    }
    // The target: a learner (not one of the callers) who reports to the single-role manager.
    int status = 0;
    json target = server_.Json(admin_, "POST", "/api/v1/people",
                               json{{"employee_id", "TARGET"},
                                    {"name", "Target Learner"},
                                    {"email", "target@demo.attune.test"},
                                    {"manager_id", ids_["only-manager@demo.attune.test"]}}
                                   .dump(),
                               &status);
    ASSERT_EQ(status, 201) << target;
    target_ = target["id"].get<std::string>();
    team_ = server_.Json(admin_, "GET", "/api/v1/teams")["teams"][0]["id"].get<std::string>();
  }

  // A valid request for the route as `s` would make it; returns the status.
  int Call(const std::string& route, Session& s, const std::string& role) {
    int status = 0;
    auto send = [&](const std::string& method, const std::string& path,
                    const json& body = nullptr) {
      server_.Json(s, method, path, body.is_null() ? "" : body.dump(), &status);
      return status;
    };
    const std::string me_pw = "role-password-1";
    if (route == "POST /api/v1/auth/logout") {
      // Log out a second session, so the role's main session lives on.
      Session extra = server_.Login("only-" + role + "@demo.attune.test", me_pw);
      server_.Json(s.cookie.empty() ? s : extra, "POST", "/api/v1/auth/logout", "", &status);
      return status;
    }
    if (route == "GET /api/v1/me") return send("GET", "/api/v1/me");
    if (route == "POST /api/v1/me/password")
      return send("POST", "/api/v1/me/password",
                  {{"current_password", me_pw}, {"new_password", me_pw}});
    if (route == "GET /api/v1/me/tokens") return send("GET", "/api/v1/me/tokens");
    if (route == "POST /api/v1/me/tokens")
      return send("POST", "/api/v1/me/tokens", {{"name", "t"}});
    if (route == "DELETE /api/v1/me/tokens/{id}") {
      json t = server_.Json(s, "POST", "/api/v1/me/tokens", json{{"name", "t"}}.dump(), &status);
      return send("DELETE", "/api/v1/me/tokens/" + t.value("id", std::string("none")));
    }
    if (route == "GET /api/v1/me/consents") return send("GET", "/api/v1/me/consents");
    if (route == "PUT /api/v1/me/consents/{key}")
      return send("PUT", "/api/v1/me/consents/voice_prosody", {{"state", "granted"}});
    if (route == "GET /api/v1/me/export") return send("GET", "/api/v1/me/export");
    if (route == "GET /api/v1/organisation") return send("GET", "/api/v1/organisation");
    if (route == "PATCH /api/v1/organisation")
      return send("PATCH", "/api/v1/organisation", {{"jurisdiction", "global"}});
    if (route == "GET /api/v1/people") return send("GET", "/api/v1/people");
    if (route == "POST /api/v1/people")
      return send("POST", "/api/v1/people",
                  {{"employee_id", "NEW-" + role},
                   {"name", "N"},
                   {"email", "new-" + role + "@demo.attune.test"}});
    if (route == "GET /api/v1/people/{id}") return send("GET", "/api/v1/people/" + target_);
    if (route == "PATCH /api/v1/people/{id}")
      return send("PATCH", "/api/v1/people/" + target_, {{"locale", "en-GB"}});
    if (route == "PUT /api/v1/people/{id}/password")
      return send("PUT", "/api/v1/people/" + ids_["priya@demo.attune.test"] + "/password",
                  {{"new_password", "role-password-1"}});
    if (route == "GET /api/v1/teams") return send("GET", "/api/v1/teams");
    if (route == "POST /api/v1/teams")
      return send("POST", "/api/v1/teams", {{"path", "T-" + role}});
    if (route == "GET /api/v1/teams/{id}") return send("GET", "/api/v1/teams/" + team_);
    if (route == "POST /api/v1/imports/people") {
      auto res =
          server_.Request(s, "POST", "/api/v1/imports/people?dry_run=true",
                          "employee_id,name,email\nI-1,Imp,imp@demo.attune.test\n", "text/csv");
      return res ? res->status : 0;
    }
    if (route == "GET /api/v1/governance/streams") return send("GET", "/api/v1/governance/streams");
    if (route == "PUT /api/v1/governance/streams/{key}")
      return send("PUT", "/api/v1/governance/streams/chat_exports",
                  {{"name", "Chat"},
                   {"purpose", "Reflections"},
                   {"legal_basis", "consent"},
                   {"retention_days", 30}});
    if (route == "GET /api/v1/audit") return send("GET", "/api/v1/audit");
    if (route == "GET /api/v1/audit/verify") return send("GET", "/api/v1/audit/verify");
    if (route == "POST /api/v1/affect/analyze")
      return send("POST", "/api/v1/affect/analyze", {{"text", "Thanks, that helped a lot"}});
    if (route == "POST /api/v1/affect/empathy")
      return send(
          "POST", "/api/v1/affect/empathy",
          {{"message", "I'm stressed"}, {"reply", "That sounds hard. What's weighing on you?"}});
    if (route == "GET /api/v1/lrs/credentials") return send("GET", "/api/v1/lrs/credentials");
    if (route == "POST /api/v1/lrs/credentials")
      return send("POST", "/api/v1/lrs/credentials", {{"name", "LMS"}, {"scopes", {"write"}}});
    if (route == "DELETE /api/v1/lrs/credentials/{key}") {
      // A live credential of the organisation, made by the admin, so only the role decides.
      json c = server_.Json(admin_, "POST", "/api/v1/lrs/credentials",
                            json{{"name", "LMS"}, {"scopes", {"read"}}}.dump(), &status);
      return send("DELETE", "/api/v1/lrs/credentials/" + c.value("key", std::string("none")));
    }
    if (route.rfind("GET /api/v1/lrs/forwarding", 0) == 0 ||
        route.rfind("PUT /api/v1/lrs/forwarding", 0) == 0 ||
        route.rfind("POST /api/v1/lrs/forwarding", 0) == 0 ||
        route.rfind("DELETE /api/v1/lrs/forwarding", 0) == 0) {
      // Forwarding set up by the admin (paused, so nothing is sent), so only the role decides.
      const json settings = {{"endpoint", "https://lrs.example.com/xapi/"},
                             {"username", "feeder"},
                             {"password", "secret"},
                             {"enabled", false}};
      server_.Json(admin_, "PUT", "/api/v1/lrs/forwarding", settings.dump(), &status);
      if (route == "GET /api/v1/lrs/forwarding") return send("GET", "/api/v1/lrs/forwarding");
      if (route == "PUT /api/v1/lrs/forwarding")
        return send("PUT", "/api/v1/lrs/forwarding", settings);
      if (route == "POST /api/v1/lrs/forwarding/retry")
        return send("POST", "/api/v1/lrs/forwarding/retry");
      return send("DELETE", "/api/v1/lrs/forwarding");
    }
    if (route == "POST /api/v1/me/assessments") return send("POST", "/api/v1/me/assessments");
    if (route.rfind("GET /api/v1/me/assessments/", 0) == 0 ||
        route.rfind("POST /api/v1/me/assessments/", 0) == 0) {
      // The role's own assessment, started by the role itself.
      json a = server_.Json(s, "POST", "/api/v1/me/assessments", "", &status);
      const std::string base = "/api/v1/me/assessments/" + a.value("id", std::string("none"));
      if (route == "GET /api/v1/me/assessments/{id}") return send("GET", base);
      if (route == "POST /api/v1/me/assessments/{id}/next") return send("POST", base + "/next");
      const json item = a.value("item", json::object());
      return send(
          "POST", base + "/answers",
          {{"item_id", item.value("item_id", std::string("none"))},
           {"option_id", item.value("options", json::array({json{{"id", "x"}}}))[0]["id"]}});
    }
    if (route == "GET /api/v1/me/erps") return send("GET", "/api/v1/me/erps");
    if (route == "GET /api/v1/me/practice/profile")
      return send("GET", "/api/v1/me/practice/profile");
    if (route == "PUT /api/v1/me/practice/profile")
      return send("PUT", "/api/v1/me/practice/profile", {{"role", "peer"}, {"seniority", "ic"}});
    if (route == "POST /api/v1/me/practice/sessions")
      return send("POST", "/api/v1/me/practice/sessions", {{"items", 2}});
    if (route.find("/api/v1/me/practice/sessions/{id}") != std::string::npos) {
      json p = server_.Json(s, "POST", "/api/v1/me/practice/sessions", json{{"items", 2}}.dump(),
                            &status);
      const std::string base = "/api/v1/me/practice/sessions/" + p.value("id", std::string("none"));
      if (route == "GET /api/v1/me/practice/sessions/{id}") return send("GET", base);
      const json item = p.value("item", json::object());
      return send(
          "POST", base + "/answers",
          {{"item_id", item.value("item_id", std::string("none"))},
           {"option_id", item.value("options", json::array({json{{"id", "x"}}}))[0]["id"]}});
    }
    if (route == "GET /api/v1/me/practice/reviews")
      return send("GET", "/api/v1/me/practice/reviews");
    if (route == "GET /api/v1/me/roleplay/scenarios")
      return send("GET", "/api/v1/me/roleplay/scenarios");
    if (route == "GET /api/v1/me/roleplay/history")
      return send("GET", "/api/v1/me/roleplay/history");
    if (route == "POST /api/v1/me/roleplay/sessions")
      return send("POST", "/api/v1/me/roleplay/sessions",
                  {{"scenario_id", "shift-allocation-peer"}});
    if (route.find("/api/v1/me/roleplay/sessions/{id}") != std::string::npos) {
      json p = server_.Json(s, "POST", "/api/v1/me/roleplay/sessions",
                            json{{"scenario_id", "shift-allocation-peer"}}.dump(), &status);
      const std::string base = "/api/v1/me/roleplay/sessions/" + p.value("id", std::string("none"));
      if (route == "GET /api/v1/me/roleplay/sessions/{id}") return send("GET", base);
      return send("POST", base + "/replies", {{"text", "That sounds hard. What happened?"}});
    }
    if (route == "POST /api/v1/items/calibrate") return send("POST", "/api/v1/items/calibrate");
    if (route == "GET /api/v1/items/calibration") return send("GET", "/api/v1/items/calibration");
    ADD_FAILURE() << "no request recipe for " << route;
    return 0;
  }

  TestServer server_;
  Session admin_;
  std::map<std::string, std::string> ids_;
  std::string target_, team_;
};

TEST_F(PermissionMatrix, EveryRouteWithEveryRole) {
  std::map<std::string, Session> sessions;
  for (const auto& role : kEveryone) {
    sessions[role] = server_.Login("only-" + role + "@demo.attune.test", "role-password-1");
  }
  for (const auto& spec : server_.app().server().routes()) {
    if (!spec.documented) continue;
    const std::string route = spec.method + " " + spec.path;
    auto it = Matrix().find(route);
    ASSERT_NE(it, Matrix().end()) << route << " is not in the permission matrix";
    if (it->second.count("public")) continue;
    // Without a session every protected route is 401.
    Session anonymous;
    EXPECT_EQ(Call(route, anonymous, "learner"), 401) << route << " without a session";
    for (const auto& role : kEveryone) {
      int status = Call(route, sessions[role], role);
      bool allowed = it->second.count(role) > 0;
      if (allowed) {
        EXPECT_TRUE(status >= 200 && status < 300) << route << " as " << role << ": " << status;
      } else {
        EXPECT_EQ(status, 403) << route << " as " << role;
      }
    }
  }
}

TEST_F(PermissionMatrix, AdminApiTokensNeedTheReadOrWriteScopeForLrsCredentials) {
  auto token = [&](const char* scope) {
    int status = 0;
    json t = server_.Json(admin_, "POST", "/api/v1/me/tokens",
                          json{{"name", scope}, {"scopes", {scope}}}.dump(), &status);
    EXPECT_EQ(status, 201) << t;
    return httplib::Headers{{"Authorization", "Bearer " + t.value("token", std::string())}};
  };
  auto c = server_.Client();
  const std::string body = json{{"name", "LMS"}, {"scopes", {"read", "write"}}}.dump();
  httplib::Headers read = token("read");
  EXPECT_EQ(c->Get("/api/v1/lrs/credentials", read)->status, 200);
  EXPECT_EQ(c->Post("/api/v1/lrs/credentials", read, body, "application/json")->status, 403);
  httplib::Headers write = token("write");
  auto created = c->Post("/api/v1/lrs/credentials", write, body, "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string path =
      "/api/v1/lrs/credentials/" + json::parse(created->body)["key"].get<std::string>();
  EXPECT_EQ(c->Delete(path, read)->status, 403);
  EXPECT_EQ(c->Delete(path, write)->status, 204);
  // A learner's write-scoped token is still only a learner's.
  Session liam = server_.Login("liam@demo.attune.test");
  int status = 0;
  json t = server_.Json(liam, "POST", "/api/v1/me/tokens",
                        json{{"name", "w"}, {"scopes", {"write"}}}.dump(), &status);
  ASSERT_EQ(status, 201);
  httplib::Headers learner = {{"Authorization", "Bearer " + t["token"].get<std::string>()}};
  EXPECT_EQ(c->Get("/api/v1/lrs/credentials", learner)->status, 403);
  EXPECT_EQ(c->Post("/api/v1/lrs/credentials", learner, body, "application/json")->status, 403);
}

TEST_F(PermissionMatrix, ALearnerNeverReadsAnotherLearner) {
  Session learner = server_.Login("liam@demo.attune.test");
  int status = 0;
  for (const auto& [email, id] : ids_) {
    if (email == "liam@demo.attune.test") continue;
    server_.Json(learner, "GET", "/api/v1/people/" + id, "", &status);
    EXPECT_EQ(status, 403) << email;
  }
}

TEST_F(PermissionMatrix, AManagerSeesProfilesButNeverConsentsOrExports) {
  Session manager = server_.Login("only-manager@demo.attune.test", "role-password-1");
  int status = 0;
  json profile = server_.Json(manager, "GET", "/api/v1/people/" + target_, "", &status);
  EXPECT_EQ(status, 200);
  EXPECT_FALSE(profile.contains("consents"));
  // Consents and exports exist only under /me: there is no route to another person's.
  for (const auto& spec : server_.app().server().routes()) {
    if (spec.path.find("{id}") == std::string::npos) continue;
    EXPECT_EQ(spec.path.find("consent"), std::string::npos) << spec.path;
    EXPECT_EQ(spec.path.find("export"), std::string::npos) << spec.path;
  }
}

}  // namespace
}  // namespace attune
