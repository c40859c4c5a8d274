#pragma once
// The only place that knows cpp-httplib. It applies the hardening every deployment relies on
// (each pinned by tests/http_hardening_test.cpp):
//  - TCP_NODELAY, so keep-alive responses are not held back ~40 ms by Nagle + delayed ACK;
//  - a fixed worker pool (config http_threads, default 64) and keep-alive timeout (default 2 s);
//  - a listen backlog of 1024 (the packaged library's is 5: bursts of connects stalled 1 s);
//  - read/write timeouts against slow clients;
//  - a global body cap and per-route caps, enforced from Content-Length before the body is read;
//  - chunked or compressed request bodies refused (they would bypass the caps in httplib 0.11);
//  - a cap on the request-target length;
//  - any exception becomes a JSON 500 carrying the request id.
// It also authenticates (session cookie + CSRF header, or bearer token), records metrics and writes
// the access log.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/config.h"
#include "http/api_types.h"
#include "http/metrics.h"
#include "services/auth_service.h"

namespace spdlog {
class logger;
}

namespace attune {

class HttpServer {
 public:
  static constexpr const char* kSessionCookie = "attune_session";
  static constexpr const char* kCsrfHeader = "X-CSRF-Token";

  HttpServer(const Config& config, AuthService& auth, HttpMetrics& metrics,
             std::shared_ptr<spdlog::logger> access_log);
  ~HttpServer();

  // Routes are added before Bind.
  void AddRoute(RouteSpec spec);
  // A header every response under `path_prefix` carries, including the errors this class writes
  // before any route runs (e.g. 413): xAPI requires X-Experience-API-Version on all of them.
  void AddPrefixHeader(const std::string& path_prefix, const std::string& name,
                       const std::string& value);
  const std::vector<RouteSpec>& routes() const { return routes_; }

  // Binds `host:port` (port 0 picks a free one); returns the bound port or an error.
  Result<int> Bind(const std::string& host, int port);
  // Serves until Stop(); returns after in-flight requests have finished.
  void Serve();
  // Safe from any thread at any time, even before Serve has started listening.
  void Stop();

  std::string SetCookieHeader(const std::string& token, int64_t max_age_s) const;

  // The client's address: the socket peer, unless the peer is a trusted proxy, in which case the
  // nearest X-Forwarded-For hop that is not itself a trusted proxy.
  static std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                                   const std::vector<std::string>& trusted_proxies);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<RouteSpec> routes_;
  std::atomic<bool> serving_{false};
  std::atomic<bool> stop_requested_{false};
};

}  // namespace attune
