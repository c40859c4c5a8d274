// SIGTERM lets a request that is already in flight finish, then the server exits cleanly.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "process/server_process.h"
#include "support/test_env.h"

namespace attune {
namespace {

TEST(GracefulShutdown, InFlightRequestCompletesAfterSigterm) {
  testing::TestDatabase db("sqlite");
  const int port = testing::FreePort();
  testing::ServerProcess server(db.url(), port);
  const std::string body = R"({"email":"nobody@x.test","password":"wrong-password"})";
  int fd = testing::ConnectTcp(port);
  ASSERT_GE(fd, 0);
  std::string head =
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  std::string first = head + body.substr(0, 10);
  send(fd, first.data(), first.size(), MSG_NOSIGNAL);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  server.Signal(SIGTERM);  // the request is half-way through its body
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::string rest = body.substr(10);
  send(fd, rest.data(), rest.size(), MSG_NOSIGNAL);
  std::string response = testing::RecvAll(fd, 5000);
  close(fd);
  EXPECT_EQ(response.rfind("HTTP/1.1 401", 0), 0u) << response;
  EXPECT_EQ(server.Wait(10000), 0) << "the server should exit 0 after draining";
  // New connections are refused once it has stopped.
  EXPECT_LT(testing::ConnectTcp(port), 0);
}

TEST(AccessLog, OneStructuredJsonLinePerRequest) {
  testing::TestDatabase db("sqlite");
  const std::string dir = testing::MakeTempDir();
  const int port = testing::FreePort();
  {
    testing::ServerProcess server(db.url(), port, {}, {"ATTUNE_ACCESS_LOG=" + dir + "/access.log"});
    httplib::Client c("127.0.0.1", port);
    auto res = c.Get("/api/v1/me");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    server.Signal(SIGTERM);
    EXPECT_EQ(server.Wait(10000), 0);
  }
  std::ifstream in(dir + "/access.log");
  std::string line, found;
  while (std::getline(in, line)) {
    if (line.find("/api/v1/me") != std::string::npos) found = line;
  }
  ASSERT_FALSE(found.empty());
  auto j = nlohmann::json::parse(found);
  EXPECT_EQ(j["access"]["method"], "GET");
  EXPECT_EQ(j["access"]["status"], 401);
  EXPECT_EQ(j["access"]["request_id"].get<std::string>().size(), 16u);
  EXPECT_TRUE(j.contains("ts"));
}

}  // namespace
}  // namespace attune
