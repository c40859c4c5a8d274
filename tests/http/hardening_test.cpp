// Pins each hardening setting of the HTTP adapter (see src/http/http_server.h) by its effect.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "support/test_env.h"

namespace attune {
namespace {

using testing::ConnectTcp;
using testing::RecvAll;
using testing::TestServer;

std::string Raw(int port, const std::string& request, int timeout_ms = 2000) {
  int fd = ConnectTcp(port);
  EXPECT_GE(fd, 0);
  send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string out = RecvAll(fd, timeout_ms);
  close(fd);
  return out;
}

int StatusOf(const std::string& response) {
  return response.size() > 12 ? std::stoi(response.substr(9, 3)) : 0;
}

void ExpectJsonError(const std::string& response, const std::string& code) {
  size_t body = response.find("\r\n\r\n");
  ASSERT_NE(body, std::string::npos) << response;
  auto j = nlohmann::json::parse(response.substr(body + 4), nullptr, false);
  ASSERT_TRUE(j.is_object()) << response;
  EXPECT_EQ(j["error"]["code"], code);
  EXPECT_FALSE(j["error"]["request_id"].get<std::string>().empty());
}

class Hardening : public ::testing::Test {
 protected:
  TestServer server_{"sqlite", [](Config& c) {
                       c.http_threads = 24;
                       c.keep_alive_timeout_s = 1;
                     }};
};

TEST_F(Hardening, TcpNoDelayKeepsKeepAliveResponsesFast) {
  // With Nagle on, every keep-alive response after the first few waits ~40 ms for a delayed ACK,
  // so 100 sequential requests would take about 4 s. With TCP_NODELAY they take milliseconds.
  auto client = server_.Client();
  client->set_keep_alive(true);
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) {
    auto res = client->Get("/healthz");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 1500);
}

TEST_F(Hardening, WorkerPoolServesAsManyConnectionsAsConfigured) {
  auto metrics = server_.Client()->Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("attune_http_worker_threads 24"), std::string::npos);
  // 23 idle keep-alive connections each hold a worker; the 24th connection must still be served.
  std::vector<int> held;
  for (int i = 0; i < 23; ++i) {
    int fd = ConnectTcp(server_.port());
    std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    send(fd, req.data(), req.size(), MSG_NOSIGNAL);
    EXPECT_EQ(StatusOf(RecvAll(fd, 2000)), 200);
    held.push_back(fd);
  }
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(StatusOf(Raw(server_.port(),
                         "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
            200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(900));
  for (int fd : held) close(fd);
}

TEST_F(Hardening, ListenBacklogIsRaisedFromThePackagedFive) {
  // For a listening socket, ss reports the backlog in the Send-Q column.
  std::string cmd = "ss -Hltn 'sport = :" + std::to_string(server_.port()) + "'";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  char line[512] = {0};
  ASSERT_NE(fgets(line, sizeof line, p), nullptr) << "ss found no listening socket";
  pclose(p);
  std::istringstream fields(line);
  std::string state, recv_q, send_q;
  fields >> state >> recv_q >> send_q;
  EXPECT_EQ(send_q, "1024") << line;
}

TEST_F(Hardening, IdleKeepAliveConnectionsAreClosedAfterTheTimeout) {
  int fd = ConnectTcp(server_.port());
  std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  EXPECT_EQ(StatusOf(RecvAll(fd, 2000)), 200);
  // Still open well inside the 1 s timeout...
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  EXPECT_EQ(StatusOf(RecvAll(fd, 2000)), 200);
  // ...and closed by the server once idle past it.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  char c;
  EXPECT_EQ(recv(fd, &c, 1, MSG_DONTWAIT), 0);
  close(fd);
}

TEST_F(Hardening, GlobalBodyCapIsEnforcedBeforeTheBodyIsRead) {
  std::string resp = Raw(server_.port(),
                         "POST /api/v1/imports/people HTTP/1.1\r\nHost: x\r\n"
                         "Content-Type: text/csv\r\nContent-Length: 999999999\r\n\r\n");
  EXPECT_EQ(StatusOf(resp), 413);
  ExpectJsonError(resp, "payload_too_large");
}

TEST_F(Hardening, PerRouteBodyCapIsSmallerForLogin) {
  std::string body(5000, 'x');
  std::string resp = Raw(server_.port(),
                         "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                         "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n" +
                             body);
  EXPECT_EQ(StatusOf(resp), 413);
  ExpectJsonError(resp, "payload_too_large");
}

TEST_F(Hardening, ChunkedAndCompressedBodiesAreRefused) {
  std::string chunked = Raw(server_.port(),
                            "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "2\r\n{}\r\n0\r\n\r\n");
  EXPECT_EQ(StatusOf(chunked), 411);
  ExpectJsonError(chunked, "length_required");
  std::string gzip = Raw(server_.port(),
                         "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                         "Content-Type: application/json\r\nContent-Encoding: gzip\r\n"
                         "Content-Length: 2\r\n\r\n{}");
  EXPECT_EQ(StatusOf(gzip), 415);
  ExpectJsonError(gzip, "unsupported_media_type");
}

TEST_F(Hardening, OverlongPathsAreRefused) {
  std::string resp =
      Raw(server_.port(), "GET /api/v1/" + std::string(3000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(StatusOf(resp), 414);
  ExpectJsonError(resp, "uri_too_long");
}

TEST(HardeningExceptions, AnExceptionBecomesJson500WithRequestId) {
  // Routes can be added until the server is bound: build one with an extra route that throws.
  Config c;
  c.access_log = "off";
  testing::TestDatabase db("sqlite");
  c.db = db.url();
  auto app = AttuneApp::Create(c, PasswordCost::kMinimum);
  ASSERT_TRUE(app.ok());
  (*app)->server().AddRoute(
      {"GET", "/api/v1/test-throws", AuthMode::kPublic, BodyKind::kNone, 0, false,
       [](ApiRequest&) -> Result<ApiResponse> { throw std::runtime_error("boom"); }});
  auto port = (*app)->server().Bind("127.0.0.1", 0);
  ASSERT_TRUE(port.ok());
  std::thread t([&] { (*app)->Serve(); });
  httplib::Client client("127.0.0.1", *port);
  auto res = client.Get("/api/v1/test-throws");
  (*app)->Stop();
  t.join();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["error"]["code"], "internal");
  EXPECT_EQ(j["error"]["request_id"], res->get_header_value("X-Request-Id"));
  EXPECT_EQ(j["error"]["message"].get<std::string>().find("boom"), std::string::npos)
      << "exception details must not leak to clients";
}

TEST(ClientAddress, ForwardedForIsBelievedOnlyFromTrustedProxies) {
  const std::vector<std::string> proxies = {"10.0.0.2", "10.0.0.3"};
  // Not from a proxy: the header is the client's own claim and is ignored.
  EXPECT_EQ(HttpServer::ClientAddress("203.0.113.9", "1.2.3.4", proxies), "203.0.113.9");
  // From a proxy: the hop it saw.
  EXPECT_EQ(HttpServer::ClientAddress("10.0.0.2", "198.51.100.7", proxies), "198.51.100.7");
  // Through two proxies, with a spoofed first entry from the client: the nearest untrusted hop.
  EXPECT_EQ(HttpServer::ClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.3", proxies),
            "198.51.100.7");
  EXPECT_EQ(HttpServer::ClientAddress("10.0.0.2", "", proxies), "10.0.0.2");
  EXPECT_EQ(HttpServer::ClientAddress("10.0.0.2", "198.51.100.7", {}), "10.0.0.2");
}

TEST(ClientAddress, LoginRateLimitFollowsTheRealClientBehindAProxy) {
  TestServer server("sqlite", [](Config& c) { c.trusted_proxies = "127.0.0.1"; });
  auto c = server.Client();
  nlohmann::json bad = {{"email", "nobody@x.test"}, {"password", "wrong-password"}};
  // 20 failures (4 x the per-e-mail limit) from one client behind the proxy exhaust its
  // allowance...
  for (int i = 0; i < 20; ++i) {
    nlohmann::json body = {{"email", "u" + std::to_string(i) + "@x.test"}, {"password", "nope"}};
    c->Post("/api/v1/auth/login", {{"X-Forwarded-For", "198.51.100.7"}}, body.dump(),
            "application/json");
  }
  auto limited = c->Post("/api/v1/auth/login", {{"X-Forwarded-For", "198.51.100.7"}}, bad.dump(),
                         "application/json");
  EXPECT_EQ(limited->status, 429);
  // ...while another client behind the same proxy can still log in.
  nlohmann::json good = {{"email", "liam@demo.attune.test"}, {"password", "attune-demo-2026"}};
  auto other = c->Post("/api/v1/auth/login", {{"X-Forwarded-For", "198.51.100.8"}}, good.dump(),
                       "application/json");
  EXPECT_EQ(other->status, 200);
}

TEST_F(Hardening, EveryResponseHasRequestIdAndSecurityHeaders) {
  auto res = server_.Client()->Get("/api/v1/no-such-route");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->get_header_value("X-Request-Id").size(), 16u);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["error"]["code"], "not_found");
}

TEST_F(Hardening, MetricsCountRequestsPerRouteWithLatencyHistograms) {
  auto c = server_.Client();
  auto count = [&](const std::string& series) -> long {
    auto m = c->Get("/metrics");
    EXPECT_TRUE(m);
    EXPECT_EQ(m->get_header_value("Content-Type").rfind("text/plain", 0), 0u);
    size_t at = m->body.find(series);
    return at == std::string::npos ? 0 : std::stol(m->body.substr(at + series.size() + 1));
  };
  const std::string requests = "attune_http_requests_total{route=\"GET /healthz\",status=\"2xx\"}";
  const std::string histogram =
      "attune_http_request_duration_seconds_count{route=\"GET /healthz\"}";
  // A request is counted just after its response is sent, so the server's own start-up health
  // check may land a moment late: start from a count that has settled.
  long before = count(requests);
  for (int i = 0; i < 50; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const long again = count(requests);
    if (again == before) break;
    before = again;
  }
  long before_hist = count(histogram);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(c->Get("/healthz"));
  EXPECT_EQ(count(requests), before + 3);
  EXPECT_EQ(count(histogram), before_hist + 3);
}

}  // namespace
}  // namespace attune
