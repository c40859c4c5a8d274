// SIGKILL in the middle of a stream of acknowledged writes: after a restart every write that got
// a 201 is there. Runs against SQLite and (when available) PostgreSQL.
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

INSTANTIATE_TEST_SUITE_P(Backends, CrashDurability, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace attune
