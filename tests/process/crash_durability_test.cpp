// SIGKILL in the middle of a stream of acknowledged writes: after a restart every write that got
// a 201 (or, for xAPI statements, a 200) is there. Runs against SQLite and (when available)
// PostgreSQL.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "process/server_process.h"
#include "support/test_env.h"

namespace attune {
namespace {

using nlohmann::json;

// Logs in as the demo admin; returns the Cookie and X-CSRF-Token headers.
httplib::Headers AdminHeaders(int port) {
  httplib::Client login("127.0.0.1", port);
  auto res =
      login.Post("/api/v1/auth/login",
                 json{{"email", "admin@demo.attune.test"}, {"password", "attune-demo-2026"}}.dump(),
                 "application/json");
  if (!res || res->status != 200) return {};
  std::string cookie = res->get_header_value("Set-Cookie");
  return {{"Cookie", cookie.substr(0, cookie.find(';'))},
          {"X-CSRF-Token", json::parse(res->body)["csrf_token"].get<std::string>()}};
}

json Statement(const std::string& id, int n) {
  return {{"id", id},
          {"actor", {{"mbox", "mailto:crash" + std::to_string(n % 7) + "@example.com"}}},
          {"verb", {{"id", "http://adlnet.gov/expapi/verbs/answered"}}},
          {"object", {{"id", "https://example.com/items/" + std::to_string(n % 11)}}}};
}

class CrashDurability : public ::testing::TestWithParam<std::string> {};

TEST_P(CrashDurability, EveryAcknowledgedWriteSurvivesSigkill) {
  ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
  testing::TestDatabase db(GetParam());
  const int port = testing::FreePort();
  std::set<std::string> acknowledged;
  {
    testing::ServerProcess server(db.url(), port, {"--demo"});
    httplib::Client login("127.0.0.1", port);
    auto res = login.Post(
        "/api/v1/auth/login",
        json{{"email", "admin@demo.attune.test"}, {"password", "attune-demo-2026"}}.dump(),
        "application/json");
    ASSERT_TRUE(res && res->status == 200);
    std::string cookie = res->get_header_value("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    std::string csrf = json::parse(res->body)["csrf_token"];

    std::mutex mu;
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
      writers.emplace_back([&, w] {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(5, 0);
        httplib::Headers h = {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
        for (int i = 0; !stop; ++i) {
          std::string id = "W" + std::to_string(w) + "-" + std::to_string(i);
          auto r = c.Post(
              "/api/v1/people", h,
              json{{"employee_id", id}, {"name", "Writer " + id}, {"email", id + "@crash.test"}}
                  .dump(),
              "application/json");
          if (r && r->status == 201) {
            std::lock_guard lock(mu);
            acknowledged.insert(id);
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    server.Signal(SIGKILL);  // mid-stream: requests are in flight right now
    stop = true;
    for (auto& t : writers) t.join();
    EXPECT_EQ(server.Wait(5000), 128 + SIGKILL);
  }
  ASSERT_GT(acknowledged.size(), 10u) << "the test wrote too little to mean anything";

  testing::ServerProcess restarted(db.url(), port);
  httplib::Client c("127.0.0.1", port);
  auto res =
      c.Post("/api/v1/auth/login",
             json{{"email", "admin@demo.attune.test"}, {"password", "attune-demo-2026"}}.dump(),
             "application/json");
  ASSERT_TRUE(res && res->status == 200);
  std::string cookie = res->get_header_value("Set-Cookie");
  auto people = c.Get("/api/v1/people", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
  ASSERT_TRUE(people && people->status == 200);
  std::set<std::string> present;
  json listed = json::parse(people->body);
  for (const auto& p : listed["people"]) present.insert(p["employee_id"].get<std::string>());
  size_t missing = 0;
  for (const auto& id : acknowledged) missing += present.count(id) ? 0 : 1;
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged writes";
}

// On SQLite a statement is acknowledged once it is in the ingest journal and indexed afterwards
// (services/xapi/statement_intake.h); one killed between the two is indexed at the next start.
TEST_P(CrashDurability, EveryAcknowledgedStatementSurvivesSigkill) {
  ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
  testing::TestDatabase db(GetParam());
  const int port = testing::FreePort();
  std::set<std::string> acknowledged;
  std::string basic;
  {
    testing::ServerProcess server(db.url(), port, {"--demo"});
    auto admin = AdminHeaders(port);
    ASSERT_FALSE(admin.empty());
    httplib::Client c("127.0.0.1", port);
    auto cred =
        c.Post("/api/v1/lrs/credentials", admin,
               json{{"name", "crash"}, {"scopes", {"read", "write"}}}.dump(), "application/json");
    ASSERT_TRUE(cred && cred->status == 201);
    json j = json::parse(cred->body);
    basic = j["key"].get<std::string>() + ":" + j["secret"].get<std::string>();

    std::mutex mu;
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
      writers.emplace_back([&, w] {
        httplib::Client lrs("127.0.0.1", port);
        lrs.set_read_timeout(5, 0);
        const auto colon = basic.find(':');
        lrs.set_basic_auth(basic.substr(0, colon), basic.substr(colon + 1));
        httplib::Headers h = {{"X-Experience-API-Version", "1.0.3"}};
        for (int i = 0; !stop; ++i) {
          json batch = json::array();
          std::vector<std::string> ids;
          for (int k = 0; k < 50; ++k) {
            char id[37];
            std::snprintf(id, sizeof id, "%08x-0000-4000-8000-%012x", w, i * 50 + k);
            ids.push_back(id);
            batch.push_back(Statement(id, i * 50 + k));
          }
          auto r = lrs.Post("/xapi/statements", h, batch.dump(), "application/json");
          if (r && r->status == 200) {
            std::lock_guard lock(mu);
            acknowledged.insert(ids.begin(), ids.end());
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    server.Signal(SIGKILL);  // mid-stream, with acknowledged statements not yet indexed
    stop = true;
    for (auto& t : writers) t.join();
    EXPECT_EQ(server.Wait(5000), 128 + SIGKILL);
  }
  ASSERT_GT(acknowledged.size(), 500u) << "the test wrote too little to mean anything";

  testing::ServerProcess restarted(db.url(), port);
  httplib::Client lrs("127.0.0.1", port);
  const auto colon = basic.find(':');
  lrs.set_basic_auth(basic.substr(0, colon), basic.substr(colon + 1));
  std::set<std::string> present;
  std::string next = "/xapi/statements?format=ids&limit=500";
  while (!next.empty()) {
    auto page = lrs.Get(next, {{"X-Experience-API-Version", "1.0.3"}});
    ASSERT_TRUE(page && page->status == 200);
    json body = json::parse(page->body);
    for (const auto& st : body["statements"]) present.insert(st["id"].get<std::string>());
    next = body.value("more", "");
  }
  size_t missing = 0;
  for (const auto& id : acknowledged) missing += present.count(id) ? 0 : 1;
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged statements";
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashDurability, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace attune
