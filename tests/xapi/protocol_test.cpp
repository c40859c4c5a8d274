// xAPI 1.0.3 conformance, protocol: the version header, HEAD, About, authentication and scopes,
// organisation isolation, the alternate request syntax, and bad input that must change nothing,
// on both backends.
#include <unistd.h>

#include "xapi/xapi_conformance.h"

namespace attune::xapi_conformance {
namespace {

class XapiProtocol : public XapiTest {
 protected:
  static Principal CliAdmin(const std::string& org_id) {
    Principal p;
    p.person_id = "cli";
    p.org_id = org_id;
    p.roles = {"admin"};
    p.via = Principal::Via::kCli;
    return p;
  }
  // The state document `state_id` of the learner in course-1; "" for the resource of all of them.
  static std::string StatePath(const std::string& state_id = "s") {
    return "/xapi/activities/state?activityId=" + Q("http://example.com/activities/course-1") +
           "&agent=" + Q(json{{"mbox", "mailto:learner@example.com"}}.dump()) +
           (state_id.empty() ? "" : "&stateId=" + state_id);
  }
  // A raw HTTP/1.1 exchange, for what a client library hides (e.g. the body of a HEAD).
  std::string Raw(const std::string& request) {
    int fd = testing::ConnectTcp(server_->port());
    EXPECT_GE(fd, 0);
    EXPECT_EQ(write(fd, request.data(), request.size()), static_cast<ssize_t>(request.size()));
    std::string out = testing::RecvAll(fd, 5000);
    close(fd);
    return out;
  }
};

// ---- the version header ----

TEST_P(XapiProtocol, XAPI_00333_EveryResponseCarriesTheVersionHeader) {
  const std::string id = NewUuid();
  json s = Statement();
  s["id"] = id;
  XapiClient read_only(server_->port(), NewCredential(demo_org_, {"read"}));
  XapiClient stranger(server_->port(), {"lrs_nobody", "nothing"});
  const std::string profile =
      "/xapi/activities/profile?activityId=" + Q("http://example.com/a") + "&profileId=p";
  std::vector<std::pair<int, Reply>> replies;
  replies.emplace_back(200, lrs().Post("/xapi/statements", s.dump()));
  replies.emplace_back(204,
                       lrs().Put("/xapi/statements?statementId=" + NewUuid(), Statement().dump()));
  replies.emplace_back(200, lrs().Get("/xapi/statements"));
  replies.emplace_back(200, lrs().Send({.path = "/xapi/about", .auth = false, .version = false}));
  replies.emplace_back(400, lrs().Post("/xapi/statements", "{}"));
  replies.emplace_back(401, stranger.Get("/xapi/statements"));
  replies.emplace_back(403, read_only.Post("/xapi/statements", Statement().dump()));
  replies.emplace_back(404, GetById(NewUuid()));
  replies.emplace_back(405, lrs().Delete("/xapi/statements"));
  replies.emplace_back(409, lrs().Post("/xapi/statements", [&] {
    json changed = s;
    changed["verb"]["id"] = kAttempted;
    return changed.dump();
  }()));
  replies.emplace_back(204, lrs().Put(profile, "{}", "application/json", {{"If-None-Match", "*"}}));
  replies.emplace_back(412, lrs().Put(profile, "{}", "application/json", {{"If-None-Match", "*"}}));
  replies.emplace_back(400, lrs().Send({.path = "/xapi/statements", .version = false}));
  for (const auto& [status, r] : replies) {
    EXPECT_EQ(r.status, status) << r;
    EXPECT_EQ(r.Header("X-Experience-API-Version"), kVersion) << "on a " << r.status;
  }
}

TEST_P(XapiProtocol, XAPI_00321_00331_MissingVersionHeaderIs400OnEveryResourceButAbout) {
  json s = Statement();
  s["id"] = NewUuid();
  const std::string agent = Q(json{{"mbox", "mailto:learner@example.com"}}.dump());
  const std::string activity = Q("http://example.com/activities/course-1");
  std::vector<Request> requests = {
      {.method = "GET", .path = "/xapi/statements"},
      {.method = "POST", .path = "/xapi/statements", .body = s.dump()},
      {.method = "PUT",
       .path = "/xapi/statements?statementId=" + s["id"].get<std::string>(),
       .body = s.dump()},
      {.method = "GET", .path = "/xapi/activities?activityId=" + activity},
      {.method = "GET", .path = "/xapi/activities/profile?activityId=" + activity},
      {.method = "PUT", .path = StatePath(), .body = "{}"},
      {.method = "GET", .path = "/xapi/agents?agent=" + agent},
      {.method = "GET", .path = "/xapi/agents/profile?agent=" + agent},
  };
  for (Request r : requests) {
    r.version = false;
    if (!r.body.empty()) r.content_type = "application/json";
    Reply reply = lrs().Send(r);
    EXPECT_EQ(reply.status, 400) << r.method << " " << r.path << ": " << reply;
    EXPECT_EQ(reply.Field(), "X-Experience-API-Version") << r.path;
    EXPECT_EQ(reply.Header("X-Experience-API-Version"), kVersion) << r.path;
  }
  EXPECT_EQ(GetById(s["id"]).status, 404);
  EXPECT_EQ(lrs().Get(StatePath()).status, 404);
}

TEST_P(XapiProtocol, XAPI_00101_OnlyVersion1_0_xIsAccepted) {
  for (std::string bad : {"0.95", "0.9", "1.1.0", "BAD", "1.0.3.1", "1.0.x", " "}) {
    Reply r = lrs().Get("/xapi/statements", {{"X-Experience-API-Version", bad}});
    EXPECT_EQ(r.status, 400) << "'" << bad << "': " << r;
    EXPECT_EQ(r.Header("X-Experience-API-Version"), kVersion);
  }
  for (std::string good : {"1.0", "1.0.0", "1.0.1", "1.0.2", "1.0.3"}) {
    EXPECT_EQ(lrs().Get("/xapi/statements", {{"X-Experience-API-Version", good}}).status, 200)
        << good;
  }
  // A bad version with bad credentials: 400 or 401 (XAPI-00334).
  XapiClient stranger(server_->port(), {"RobCIsNot", "AUserOnThisLRS123"});
  int status = stranger.Get("/xapi/statements", {{"X-Experience-API-Version", "BAD"}}).status;
  EXPECT_TRUE(status == 400 || status == 401) << status;
}

TEST_P(XapiProtocol, XAPI_00315_00319_00318_00317_00316_AboutNeedsNeitherAuthNorVersion) {
  Reply r = lrs().Send({.path = "/xapi/about", .auth = false, .version = false});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Header("X-Experience-API-Version"), kVersion);
  json about = r.Json();
  ASSERT_TRUE(about["version"].is_array()) << r;
  bool has_103 = false;
  for (const auto& v : about["version"]) {
    ASSERT_TRUE(v.is_string());
    EXPECT_TRUE(std::regex_match(v.get<std::string>(), std::regex(R"(^(0\.9|0\.95|1\.0\.\d+)$)")))
        << v;
    has_103 = has_103 || v == "1.0.3";
  }
  EXPECT_TRUE(has_103);
  EXPECT_EQ(lrs().Send({.method = "HEAD", .path = "/xapi/about", .auth = false}).status, 200);
  EXPECT_EQ(lrs().Send({.path = "/xapi/about?foo=bar", .auth = false}).status, 400);
}

TEST_P(XapiProtocol, XAPI_00126_00125_HeadAnswersLikeGetWithoutABody) {
  std::string id = Post(Statement());
  ASSERT_EQ(lrs().Put(StatePath(), R"({"a":1})").status, 204);
  const std::string agent = Q(json{{"mbox", "mailto:learner@example.com"}}.dump());
  for (std::string path :
       {std::string("/xapi/statements"), "/xapi/statements?statementId=" + id,
        "/xapi/activities?activityId=" + Q("http://example.com/activities/course-1"), StatePath(),
        "/xapi/activities/profile?activityId=" + Q("http://example.com/activities/course-1"),
        "/xapi/agents?agent=" + agent, "/xapi/agents/profile?agent=" + agent,
        "/xapi/statements?statementId=" + NewUuid()}) {
    Reply get = lrs().Get(path);
    Reply head = lrs().Head(path);
    EXPECT_EQ(head.status, get.status) << path;
    EXPECT_EQ(head.Header("Content-Type"), get.Header("Content-Type")) << path;
    EXPECT_EQ(head.Header("X-Experience-API-Version"), kVersion) << path;
  }
  // On the wire: headers, then nothing.
  std::string raw =
      Raw("HEAD /xapi/statements?statementId=" + id +
          " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + BasicAuth(lrs().credential()) +
          "\r\nX-Experience-API-Version: 1.0.3\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(raw.rfind("HTTP/1.1 200", 0), 0u) << raw;
  size_t end = raw.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(raw.substr(end + 4), "") << "a HEAD response has no body";
}

// ---- authentication and authorisation ----

TEST_P(XapiProtocol, XAPI_00334_00335_MissingOrWrongCredentialsAre401WithWwwAuthenticate) {
  const Credential& good = lrs().credential();
  std::vector<std::pair<const char*, std::optional<std::string>>> cases = {
      {"none", std::nullopt},
      {"unknown key", BasicAuth({"RobCIsNot", "AUserOnThisLRS123"})},
      {"wrong secret", BasicAuth({good.key, good.secret + "x"})},
      {"no secret", BasicAuth({good.key, ""})},
      {"malformed", "Basic:" + Base64(good.key + ":" + good.secret)},
      {"not base64", "Basic %%%%"},
      {"bearer", "Bearer " + good.secret},
  };
  for (const auto& [what, header] : cases) {
    SCOPED_TRACE(what);
    httplib::Headers h;
    if (header) h.emplace("Authorization", *header);
    Reply get = lrs().Send({.path = "/xapi/statements", .headers = h, .auth = false});
    EXPECT_EQ(get.status, 401) << get;
    EXPECT_EQ(get.Header("WWW-Authenticate").rfind("Basic", 0), 0u)
        << get.Header("WWW-Authenticate");
    EXPECT_EQ(get.Header("X-Experience-API-Version"), kVersion);
    Reply post = lrs().Send({.method = "POST",
                             .path = "/xapi/statements",
                             .body = Statement().dump(),
                             .content_type = "application/json",
                             .headers = h,
                             .auth = false});
    EXPECT_EQ(post.status, 401) << post;
    Reply state = lrs().Send({.method = "PUT",
                              .path = StatePath(),
                              .body = "{}",
                              .content_type = "application/json",
                              .headers = h,
                              .auth = false});
    EXPECT_EQ(state.status, 401) << state;
  }
  // HTTP Basic with the right key and secret works (XAPI-00335).
  EXPECT_EQ(lrs().Put("/xapi/statements?statementId=" + NewUuid(), Statement().dump()).status, 204);
  EXPECT_EQ(All().size(), 1u) << "the refused writes stored nothing";
  EXPECT_EQ(lrs().Get(StatePath()).status, 404);
}

TEST_P(XapiProtocol, RevokedCredentialIs401) {
  Credential c = NewCredential(demo_org_);
  XapiClient client(server_->port(), c);
  EXPECT_EQ(client.Get("/xapi/statements").status, 200);
  ASSERT_TRUE(server_->app().lrs_credentials().Revoke(CliAdmin(demo_org_), c.key).ok());
  EXPECT_EQ(client.Get("/xapi/statements").status, 401);
  EXPECT_EQ(client.Post("/xapi/statements", Statement().dump()).status, 401);
}

TEST_P(XapiProtocol, ReadOnlyCredentialCannotWriteAndWriteOnlyCannotRead) {
  std::string id = Post(Statement());
  XapiClient reader(server_->port(), NewCredential(demo_org_, {"read"}));
  EXPECT_EQ(reader.Get("/xapi/statements?statementId=" + id).status, 200);
  EXPECT_EQ(reader.Post("/xapi/statements", Statement().dump()).status, 403);
  EXPECT_EQ(reader.Put("/xapi/statements?statementId=" + NewUuid(), Statement().dump()).status,
            403);
  EXPECT_EQ(reader.Post("/xapi/statements", Voiding(id).dump()).status, 403);
  EXPECT_EQ(reader.Put(StatePath(), "{}").status, 403);
  EXPECT_EQ(reader.Delete(StatePath()).status, 403);
  EXPECT_EQ(reader
                .Put("/xapi/agents/profile?agent=" +
                         Q(json{{"mbox", "mailto:learner@example.com"}}.dump()) + "&profileId=p",
                     "{}", "application/json", {{"If-None-Match", "*"}})
                .status,
            403);
  EXPECT_EQ(All().size(), 1u);
  EXPECT_EQ(GetById(id).status, 200) << "the refused voiding did nothing";
  EXPECT_EQ(lrs().Get(StatePath()).status, 404);

  XapiClient writer(server_->port(), NewCredential(demo_org_, {"write"}));
  EXPECT_EQ(writer.Post("/xapi/statements", Statement().dump()).status, 200);
  EXPECT_EQ(writer.Get("/xapi/statements").status, 403);
  EXPECT_EQ(writer.Get("/xapi/statements?statementId=" + id).status, 403);
  EXPECT_EQ(writer.Put(StatePath(), "{}").status, 204);
  EXPECT_EQ(writer.Get(StatePath()).status, 403);
}

TEST_P(XapiProtocol, AnotherOrganisationSeesNothingOfThisOne) {
  // The demo organisation's records: a statement with an attachment, a voided one, a state
  // document, a profile and an activity definition.
  const std::string data = "demo organisation secret";
  json s = Statement();
  s["id"] = NewUuid();
  s["object"]["definition"] = {{"name", {{"en-US", "Demo course"}}}};
  s["attachments"] = json::array({TextAttachment(data)});
  ASSERT_EQ(
      lrs().Post("/xapi/statements", Multipart(s.dump(), {{.data = data}}), MultipartType()).status,
      200);
  std::string voided = Post(Statement());
  Post(Voiding(voided));
  ASSERT_EQ(lrs().Put(StatePath(), R"({"demo":true})").status, 204);
  const std::string profile =
      "/xapi/activities/profile?activityId=" + Q("http://example.com/activities/course-1") +
      "&profileId=p";
  ASSERT_EQ(lrs().Put(profile, "{}", "application/json", {{"If-None-Match", "*"}}).status, 204);
  Reply demo_page = lrs().Get("/xapi/statements?limit=1");
  const std::string more = demo_page.Json()["more"];
  ASSERT_FALSE(more.empty());

  XapiClient acme(server_->port(), NewCredential(CreateOrg("acme")));
  EXPECT_EQ(acme.Get("/xapi/statements?statementId=" + s["id"].get<std::string>()).status, 404);
  EXPECT_EQ(acme.Get("/xapi/statements?voidedStatementId=" + voided).status, 404);
  EXPECT_TRUE(All("", &acme).empty());
  Reply followed = acme.Get(more);
  EXPECT_EQ(followed.status, 200);
  EXPECT_EQ(followed.Json()["statements"], json::array()) << "a more link does not cross orgs";
  EXPECT_EQ(acme.Get(StatePath()).status, 404);
  EXPECT_EQ(acme.Get(StatePath("")).Json(), json::array());
  EXPECT_EQ(acme.Get(profile).status, 404);
  EXPECT_FALSE(
      acme.Get("/xapi/activities?activityId=" + Q("http://example.com/activities/course-1"))
          .Json()
          .contains("definition"));
  // The same statement id is free in the other organisation, and the attachment is not shared.
  json theirs = Statement(kAttempted);
  theirs["id"] = s["id"];
  json a = TextAttachment(data);
  a["fileUrl"] = "https://files.example.com/x";
  theirs["attachments"] = json::array({a});
  Reply stored = acme.Post("/xapi/statements", theirs.dump());
  EXPECT_EQ(stored.status, 200) << stored;
  Reply with_data =
      acme.Get("/xapi/statements?attachments=true&statementId=" + s["id"].get<std::string>());
  EXPECT_EQ(with_data.status, 200);
  EXPECT_EQ(with_data.body.find(data), std::string::npos) << "no data of another organisation";
  // Acme's writes did not touch the demo organisation.
  EXPECT_EQ(GetById(s["id"]).Json()["verb"]["id"], kCompleted);
  EXPECT_EQ(lrs().Get(StatePath()).Json(), (json{{"demo", true}}));
}

TEST_P(XapiProtocol, SessionCookiesAndApiTokensAreNotXapiCredentials) {
  testing::Session admin = server_->Login("admin@demo.attune.test");
  ASSERT_FALSE(admin.cookie.empty());
  int status = 0;
  json token =
      server_->Json(admin, "POST", "/api/v1/me/tokens",
                    json{{"name", "not-for-xapi"}, {"scopes", {"read", "write"}}}.dump(), &status);
  ASSERT_EQ(status, 201) << token;
  const std::string bearer = token["token"];
  std::vector<httplib::Headers> attempts = {
      {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}},
      {{"Authorization", "Bearer " + bearer}},
      {{"Authorization", BasicAuth({bearer, ""})}},
  };
  for (const auto& h : attempts) {
    Reply get = lrs().Send({.path = "/xapi/statements", .headers = h, .auth = false});
    EXPECT_EQ(get.status, 401) << get;
    Reply post = lrs().Send({.method = "POST",
                             .path = "/xapi/statements",
                             .body = Statement().dump(),
                             .content_type = "application/json",
                             .headers = h,
                             .auth = false});
    EXPECT_EQ(post.status, 401) << post;
  }
  EXPECT_TRUE(All().empty());
}

// ---- alternate request syntax ----

TEST_P(XapiProtocol, XAPI_00148_PostWithMethodGetReturnsAStatementResult) {
  Post(Statement());
  Post(Statement());
  Reply r =
      lrs().Post("/xapi/statements?method=GET", "limit=1", "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 200) << r;
  json body = r.Json();
  EXPECT_EQ(body["statements"].size(), 1u);
  EXPECT_NE(body.value("more", ""), "");
  EXPECT_TRUE(IsIso8601(r.Header("X-Experience-API-Consistent-Through")));
}

TEST_P(XapiProtocol, XAPI_00336_PutThroughAPostFormWithContentAndHeaders) {
  const std::string id = NewUuid();
  Reply r = lrs().Post("/xapi/statements?method=PUT",
                       "statementId=" + id + "&content=" + Q(Statement().dump()),
                       "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 204) << r;
  EXPECT_EQ(GetById(id).status, 200);
  // Credentials and version only in the form: the one real header is the form's Content-Type.
  const std::string id2 = NewUuid();
  Reply form_only =
      lrs().Send({.method = "POST",
                  .path = "/xapi/statements?method=PUT",
                  .body = "statementId=" + id2 + "&content=" + Q(Statement().dump()) +
                          "&Authorization=" + Q(BasicAuth(lrs().credential())) +
                          "&X-Experience-API-Version=1.0.3&Content-Type=application%2Fjson",
                  .content_type = "application/x-www-form-urlencoded",
                  .auth = false,
                  .version = false});
  EXPECT_EQ(form_only.status, 204) << form_only;
  EXPECT_EQ(GetById(id2).status, 200);
  // The documents resources too: read a state document through a form.
  ASSERT_EQ(lrs().Put(StatePath(), R"({"via":"form"})").status, 204);
  Reply state = lrs().Post("/xapi/activities/state?method=GET",
                           "activityId=" + Q("http://example.com/activities/course-1") +
                               "&agent=" + Q(json{{"mbox", "mailto:learner@example.com"}}.dump()) +
                               "&stateId=s",
                           "application/x-www-form-urlencoded");
  EXPECT_EQ(state.status, 200) << state;
  EXPECT_EQ(state.Json(), (json{{"via", "form"}}));
}

TEST_P(XapiProtocol, XAPI_00336_FormFieldsOverrideHeadersAndOtherMisuseIs400) {
  const std::string id = NewUuid();
  const std::string form = "statementId=" + id + "&content=" + Q(Statement().dump());
  // The form's version wins over the header's.
  Reply old = lrs().Post("/xapi/statements?method=PUT", form + "&X-Experience-API-Version=0.8",
                         "application/x-www-form-urlencoded");
  EXPECT_EQ(old.status, 400) << old;
  // The form's credentials win too.
  Reply wrong_auth = lrs().Post("/xapi/statements?method=PUT",
                                form + "&Authorization=" + Q(BasicAuth({"lrs_x", "y"})),
                                "application/x-www-form-urlencoded");
  EXPECT_EQ(wrong_auth.status, 401) << wrong_auth;
  // method must be the only query parameter.
  Reply extra = lrs().Post("/xapi/statements?method=PUT&statementId=" + id, form,
                           "application/x-www-form-urlencoded");
  EXPECT_EQ(extra.status, 400) << extra;
  // Only POST carries the alternate syntax.
  Reply put = lrs().Put("/xapi/statements?method=POST", "content=" + Q(Statement().dump()),
                        "application/x-www-form-urlencoded");
  EXPECT_EQ(put.status, 400) << put;
  // No body, a JSON body, an unknown method.
  EXPECT_EQ(
      lrs().Post("/xapi/statements?method=PUT", "", "application/x-www-form-urlencoded").status,
      400);
  EXPECT_EQ(lrs()
                .Post("/xapi/statements?method=PUT", Statement().dump(),
                      "application/x-www-form-urlencoded")
                .status,
            400);
  EXPECT_EQ(
      lrs().Post("/xapi/statements?method=PATCH", form, "application/x-www-form-urlencoded").status,
      400);
  EXPECT_EQ(GetById(id).status, 404);
  EXPECT_TRUE(All().empty());
}

// ---- CORS, for xAPI content in a browser on another origin (config xapi_cors_origins) ----

TEST_P(XapiProtocol, AllowedOriginsGetCorsOnTheLrsOnlyAndOthersGetNone) {
  Start([](Config& c) {
    c.xapi_cors_origins = "https://content.example.com, https://cdn.example.org";
  });
  const httplib::Headers from_content = {{"Origin", "https://content.example.com"}};
  // The browser's preflight for a POST with credentials and the version header.
  Reply preflight =
      lrs().Send({.method = "OPTIONS",
                  .path = "/xapi/statements",
                  .headers = {{"Origin", "https://content.example.com"},
                              {"Access-Control-Request-Method", "POST"},
                              {"Access-Control-Request-Headers",
                               "authorization, content-type, x-experience-api-version"}},
                  .auth = false,
                  .version = false});
  EXPECT_EQ(preflight.status, 204) << preflight;
  EXPECT_EQ(preflight.Header("Access-Control-Allow-Origin"), "https://content.example.com");
  EXPECT_NE(preflight.Header("Access-Control-Allow-Methods").find("POST"), std::string::npos);
  for (const char* h : {"Authorization", "Content-Type", "X-Experience-API-Version", "If-Match"}) {
    EXPECT_NE(preflight.Header("Access-Control-Allow-Headers").find(h), std::string::npos) << h;
  }
  EXPECT_FALSE(preflight.Has("Access-Control-Allow-Credentials"));
  // The actual request: allowed, with the headers a client must read exposed.
  Reply posted =
      lrs().Post("/xapi/statements", Statement().dump(), "application/json", from_content);
  EXPECT_EQ(posted.status, 200) << posted;
  EXPECT_EQ(posted.Header("Access-Control-Allow-Origin"), "https://content.example.com");
  EXPECT_NE(
      posted.Header("Access-Control-Expose-Headers").find("X-Experience-API-Consistent-Through"),
      std::string::npos);
  EXPECT_EQ(posted.Header("Vary"), "Origin");
  // An origin not on the list gets no CORS headers, so the browser withholds the response.
  Reply other = lrs().Get("/xapi/statements", {{"Origin", "https://evil.example.net"}});
  EXPECT_FALSE(other.Has("Access-Control-Allow-Origin"));
  Reply other_preflight = lrs().Send({.method = "OPTIONS",
                                      .path = "/xapi/statements",
                                      .headers = {{"Origin", "https://evil.example.net"},
                                                  {"Access-Control-Request-Method", "POST"}},
                                      .auth = false,
                                      .version = false});
  EXPECT_FALSE(other_preflight.Has("Access-Control-Allow-Origin"));
  // The REST API and the web UI are never opened to other origins.
  httplib::Client c("127.0.0.1", server_->port());
  auto api = c.Get("/api/v1/me", from_content);
  ASSERT_TRUE(api);
  EXPECT_FALSE(api->has_header("Access-Control-Allow-Origin"));
}

TEST_P(XapiProtocol, WithoutConfiguredOriginsTheLrsSendsNoCorsHeaders) {
  Reply r = lrs().Get("/xapi/statements", {{"Origin", "https://content.example.com"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(r.Has("Access-Control-Allow-Origin"));
}

// ---- bad input beyond the conformance suite: refused clearly, nothing stored ----

TEST_P(XapiProtocol, BodyOverTheCapIs413AndStoresNothing) {
  Start([](Config& c) { c.max_body_bytes = 64 * 1024; });
  json s = Statement();
  s["id"] = NewUuid();
  s["result"] = {{"extensions", {{"http://example.com/ext/blob", std::string(100 * 1024, 'x')}}}};
  Reply r = lrs().Post("/xapi/statements", s.dump());
  EXPECT_EQ(r.status, 413) << r;
  EXPECT_EQ(r.Json()["error"]["code"], "payload_too_large");
  Reply state = lrs().Put(StatePath(), std::string(100 * 1024, 'y'), "text/plain");
  EXPECT_EQ(state.status, 413) << state;
  // A huge language map is refused the same way.
  json map = json::object();
  for (int i = 0; i < 20000; ++i) map["x-k" + std::to_string(i)] = "some words";
  json lang = Statement();
  lang["verb"]["display"] = map;
  EXPECT_EQ(lrs().Post("/xapi/statements", lang.dump()).status, 413);
  EXPECT_EQ(GetById(s["id"]).status, 404);
  EXPECT_TRUE(All().empty());
  EXPECT_EQ(lrs().Get(StatePath()).status, 404);
  // Under the cap, the same server accepts statements.
  Post(Statement());
}

TEST_P(XapiProtocol, XAPI_00333_TooLargeResponseStillCarriesTheVersionHeader) {
  // The 413 is written before routing (HttpServer::PreRoute); the /xapi/ prefix header covers it.
  Start([](Config& c) { c.max_body_bytes = 64 * 1024; });
  Reply r = lrs().Post("/xapi/statements", std::string(100 * 1024, ' ') + Statement().dump());
  EXPECT_EQ(r.status, 413) << r;
  EXPECT_EQ(r.Header("X-Experience-API-Version"), kVersion);
}

TEST_P(XapiProtocol, DeeplyNestedJsonIs400AndTheServerSurvives) {
  for (int depth : {40, 100000}) {
    SCOPED_TRACE(depth);
    std::string nested =
        std::string(static_cast<size_t>(depth), '[') + std::string(static_cast<size_t>(depth), ']');
    json s = Statement();
    s["id"] = NewUuid();
    std::string body = s.dump();
    body.insert(body.size() - 1,
                R"(,"result":{"extensions":{"http://example.com/ext":)" + nested + "}}");
    Reply r = lrs().Post("/xapi/statements", body);
    EXPECT_EQ(r.status, 400) << r;
    EXPECT_EQ(GetById(s["id"]).status, 404);
    // A document merge parses JSON too.
    ASSERT_EQ(lrs().Put(StatePath(), R"({"a":1})").status, 204);
    EXPECT_EQ(lrs().Post(StatePath(), R"({"b":)" + nested + "}").status, 400);
    EXPECT_EQ(lrs().Get(StatePath()).Json(), (json{{"a", 1}}));
  }
  EXPECT_TRUE(All().empty());
}

TEST_P(XapiProtocol, DuplicateJsonKeysAre400) {
  const std::string id = NewUuid();
  std::string body = R"({"id":")" + id + R"(","actor":{"mbox":"mailto:a@example.com"},)" +
                     R"("verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},)" +
                     R"("object":{"id":"http://example.com/a"},)" +
                     R"("verb":{"id":"http://adlnet.gov/expapi/verbs/voided"}})";
  Reply r = lrs().Post("/xapi/statements", body);
  EXPECT_EQ(r.status, 400) << r;
  std::string nested =
      R"({"id":")" + id +
      R"(","actor":{"mbox":"mailto:a@example.com","mbox":"mailto:b@example.com"},)" +
      R"("verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},)" +
      R"("object":{"id":"http://example.com/a"}})";
  EXPECT_EQ(lrs().Post("/xapi/statements", nested).status, 400);
  EXPECT_EQ(GetById(id).status, 404);
  ASSERT_EQ(lrs().Put(StatePath(), R"({"a":1})").status, 204);
  EXPECT_EQ(lrs().Post(StatePath(), R"({"b":1,"b":2})").status, 400);
  EXPECT_EQ(lrs().Get(StatePath()).Json(), (json{{"a", 1}}));
  EXPECT_TRUE(All().empty());
}

TEST_P(XapiProtocol, BrokenBodiesAre400AndStoreNothing) {
  const std::string data = "attachment";
  json s = Statement();
  s["id"] = NewUuid();
  s["attachments"] = json::array({TextAttachment(data)});
  const std::string good = Multipart(s.dump(), {{.data = data}});
  struct Case {
    const char* what;
    std::string body;
    std::string type;
  };
  for (const Case& c : std::vector<Case>{
           {"multipart cut inside a part header", good.substr(0, good.find("X-Experience")),
            MultipartType()},
           {"multipart with no blank line after the headers",
            "--" + std::string(kBoundary) + "\r\nContent-Type: application/json\r\n" + s.dump() +
                "\r\n--" + kBoundary + "--\r\n",
            MultipartType()},
           {"multipart with a different boundary", good, MultipartType("some-other-boundary")},
           {"invalid UTF-8",
            R"({"id":")" + s["id"].get<std::string>() +
                "\",\"actor\":{\"mbox\":\"mailto:a@example.com\",\"name\":\"\xff\xfe\"}," +
                R"("verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},)" +
                R"("object":{"id":"http://example.com/a"}})",
            "application/json"},
           {"truncated JSON", s.dump().substr(0, 40), "application/json"},
           {"empty body", "", "application/json"},
           {"empty batch", "[]", "application/json"},
           {"a string", R"("statement")", "application/json"},
           {"text/plain", Statement().dump(), "text/plain"}}) {
    Reply r = lrs().Post("/xapi/statements", c.body, c.type);
    EXPECT_EQ(r.status, 400) << c.what << ": " << r;
    EXPECT_TRUE(r.Json()["error"].is_object()) << c.what << ": a JSON error body";
  }
  EXPECT_EQ(GetById(s["id"]).status, 404);
  EXPECT_TRUE(All().empty());
}

TEST_P(XapiProtocol, HugeLanguageMapWithinTheCapIsKeptWholeAndABadKeyIsNamed) {
  // 20,000 entries (about 0.4 MB), within the default body cap: stored whole, and the canonical
  // format still finds the reader's language in it. Over the cap it is a 413 (see above).
  json map = json::object();
  for (int i = 0; i < 20000; ++i) map["x-k" + std::to_string(i)] = "words " + std::to_string(i);
  json s = Statement();
  s["id"] = NewUuid();
  s["verb"]["display"] = map;
  Reply r = lrs().Post("/xapi/statements", s.dump());
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(GetById(s["id"]).Json()["verb"]["display"], map);
  Reply canonical =
      lrs().Get("/xapi/statements?format=canonical&statementId=" + s["id"].get<std::string>(),
                {{"Accept-Language", "x-k12345"}});
  EXPECT_EQ(canonical.Json()["verb"]["display"], (json{{"x-k12345", "words 12345"}}));
  // One bad key among thousands is refused, and named.
  map["not a tag"] = "x";
  json bad = Statement();
  bad["id"] = NewUuid();
  bad["verb"]["display"] = map;
  Reply refused = lrs().Post("/xapi/statements", bad.dump());
  EXPECT_EQ(refused.status, 400) << refused;
  EXPECT_EQ(refused.Field(), "/verb/display/not a tag");
  EXPECT_EQ(GetById(bad["id"]).status, 404);
}

XAPI_INSTANTIATE(XapiProtocol);

}  // namespace
}  // namespace attune::xapi_conformance
