#include "http/http_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <regex>
#include <thread>

#include "core/clock.h"
#include "core/random.h"
#include "http/error_mapping.h"
#include "services/secrets.h"

namespace attune {
namespace {

// Per-request state shared by the pre-routing hook, the route wrapper and the logger, which
// httplib runs on the same worker thread for one request.
struct RequestState {
  std::chrono::steady_clock::time_point start;
  std::string client_addr;
  int slot = 0;
  std::string request_id;
  std::string person_id;
};
thread_local RequestState tl_request;

std::string NewRequestId() {
  thread_local SeededRandom random([] {
    SecureRandom seed;
    return seed.NextU64();
  }());
  return random.Hex(8);
}

void WriteError(httplib::Response& res, int status, std::string_view code,
                const std::string& message, const std::string& field = {}) {
  res.status = status;
  res.set_content(ErrorBody(code, message, tl_request.request_id, field), "application/json");
}

void WriteError(httplib::Response& res, const Error& e) {
  WriteError(res, HttpStatusFor(e.code), ErrorCodeName(e.code), e.message, e.field);
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    part.erase(0, part.find_first_not_of(' '));
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

std::string RegexFor(const std::string& path_template) {
  std::string out;
  for (size_t i = 0; i < path_template.size(); ++i) {
    char c = path_template[i];
    if (c == '{') {
      i = path_template.find('}', i);
      out += "([^/]+)";
    } else if (std::string_view(".+*?^$()[]|\\").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

bool IsMutating(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// Debian's libcpp-httplib is compiled with a listen backlog of 5: a burst of new connections
// overflows it and clients wait a whole SYN retransmit (1 s). Calling listen() again on the bound
// socket raises the backlog; svr_sock_ is protected, hence this subclass.
class BacklogServer final : public httplib::Server {
 public:
  bool SetBacklog(int backlog) { return ::listen(svr_sock_, backlog) == 0; }
};

// Tracks how many workers are busy, for /metrics.
class CountingPool final : public httplib::TaskQueue {
 public:
  CountingPool(size_t n, std::atomic<int>& busy) : pool_(n), busy_(busy) {}
  void enqueue(std::function<void()> fn) override {
    pool_.enqueue([this, fn = std::move(fn)] {
      busy_.fetch_add(1);
      fn();
      busy_.fetch_sub(1);
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  std::atomic<int>& busy_;
};

}  // namespace

class HttpServer::Impl {
 public:
  Impl(const Config& config, AuthService& auth, HttpMetrics& metrics,
       std::shared_ptr<spdlog::logger> access_log)
      : config_(config), auth_(auth), metrics_(metrics), access_log_(std::move(access_log)) {
    trusted_proxies_ = CommaList(config.trusted_proxies);
    xapi_cors_origins_ = CommaList(config.xapi_cors_origins);
  }

  static std::vector<std::string> CommaList(const std::string& list) {
    std::vector<std::string> out;
    for (size_t start = 0; start < list.size();) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      std::string item = list.substr(start, comma - start);
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      if (!item.empty()) out.push_back(item);
      start = comma + 1;
    }
    return out;
  }

  // CORS for the LRS only (config.xapi_cors_origins), so xAPI content running in a browser on
  // another origin (a cmi5 unit on a CDN, an authoring tool's player) can reach /xapi/. Those
  // clients authenticate with an explicit Authorization header, never with cookies, so no
  // credentials mode is offered; the web UI and /api/ stay same-origin. Returns true when it
  // answered a preflight.
  bool ApplyXapiCors(const httplib::Request& req, httplib::Response& res) {
    if (xapi_cors_origins_.empty() || req.path.rfind("/xapi/", 0) != 0) return false;
    const std::string origin = req.get_header_value("Origin");
    if (origin.empty()) return false;
    const bool any = std::find(xapi_cors_origins_.begin(), xapi_cors_origins_.end(), "*") !=
                     xapi_cors_origins_.end();
    res.set_header("Vary", "Origin");
    if (!any && std::find(xapi_cors_origins_.begin(), xapi_cors_origins_.end(), origin) ==
                    xapi_cors_origins_.end()) {
      return false;  // no CORS headers: the browser keeps the response from the page
    }
    res.set_header("Access-Control-Allow-Origin", any ? "*" : origin);
    if (req.method != "OPTIONS") {
      res.set_header("Access-Control-Expose-Headers",
                     "ETag, Last-Modified, Content-Type, X-Experience-API-Version, "
                     "X-Experience-API-Consistent-Through");
      return false;
    }
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", "GET, HEAD, PUT, POST, DELETE");
    res.set_header("Access-Control-Allow-Headers",
                   "Authorization, Content-Type, X-Experience-API-Version, If-Match, "
                   "If-None-Match");
    res.set_header("Access-Control-Max-Age", "600");
    return true;
  }

  struct CompiledRoute {
    std::regex pattern;
    std::string method;
    size_t max_body;
  };

  const Config& config_;
  AuthService& auth_;
  HttpMetrics& metrics_;
  std::shared_ptr<spdlog::logger> access_log_;
  BacklogServer server_;
  std::vector<CompiledRoute> compiled_;
  std::vector<std::string> trusted_proxies_;
  std::vector<std::string> xapi_cors_origins_;
  size_t smallest_cap_ = SIZE_MAX;
  struct PrefixHeader {
    std::string prefix, name, value;
  };
  std::vector<PrefixHeader> prefix_headers_;

  void AddPrefixHeaders(const httplib::Request& req, httplib::Response& res) const {
    for (const auto& h : prefix_headers_) {
      if (req.path.rfind(h.prefix, 0) == 0 && !res.has_header(h.name))
        res.set_header(h.name, h.value);
    }
  }

  void Configure() {
    server_.set_tcp_nodelay(true);
    metrics_.SetThreadPool(config_.http_threads);
    server_.new_task_queue = [this] {
      return new CountingPool(static_cast<size_t>(config_.http_threads), metrics_.busy_workers());
    };
    server_.set_keep_alive_timeout(config_.keep_alive_timeout_s);
    server_.set_keep_alive_max_count(static_cast<size_t>(config_.keep_alive_max_requests));
    server_.set_read_timeout(config_.read_timeout_s, 0);
    server_.set_write_timeout(config_.write_timeout_s, 0);
    server_.set_payload_max_length(static_cast<size_t>(config_.max_body_bytes));
    server_.set_default_headers({
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
        {"Content-Security-Policy",
         "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"},
        {"Cache-Control", "no-store"},
    });
    server_.set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { return PreRoute(req, res); });
    server_.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "unknown exception";
          try {
            if (ep) std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          spdlog::error("request {} failed: {}", tl_request.request_id, what);
          WriteError(
              res, 500, "internal",
              "internal error; quote request id " + tl_request.request_id + " when reporting it");
        });
    server_.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
      AddPrefixHeaders(req, res);
      if (!res.body.empty()) return;
      if (tl_request.request_id.empty()) tl_request.request_id = NewRequestId();
      switch (res.status) {
        case 404:
          WriteError(res, 404, "not_found", "no such resource");
          break;
        case 413:
          WriteError(res, 413, "payload_too_large", "the request body is too large");
          break;
        case 414:
          WriteError(res, 414, "uri_too_long", "the request target is too long");
          break;
        default:
          WriteError(res, res.status, "invalid_request", "the request could not be served");
      }
    });
    server_.set_logger(
        [this](const httplib::Request& req, const httplib::Response& res) { Log(req, res); });
  }

  httplib::Server::HandlerResponse PreRoute(const httplib::Request& req, httplib::Response& res) {
    tl_request.start = std::chrono::steady_clock::now();
    tl_request.slot = metrics_.unmatched();
    tl_request.request_id = NewRequestId();
    tl_request.person_id.clear();
    tl_request.client_addr = HttpServer::ClientAddress(
        req.remote_addr, req.get_header_value("X-Forwarded-For"), trusted_proxies_);
    res.set_header("X-Request-Id", tl_request.request_id);
    // RFC 9110 6.6.1: an origin server with a clock sends Date (xAPI clients compare it with
    // X-Experience-API-Consistent-Through).
    res.set_header("Date", FormatHttpDate(std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::system_clock::now().time_since_epoch())
                                              .count()));
    using HR = httplib::Server::HandlerResponse;
    auto refuse = [&](int status, std::string_view code, const std::string& msg) {
      WriteError(res, status, code, msg);
      AddPrefixHeaders(req, res);
      // The unread body would otherwise be parsed as the next request on this connection.
      res.set_header("Connection", "close");
      return HR::Handled;
    };
    if (ApplyXapiCors(req, res)) return HR::Handled;
    if (req.target.size() > static_cast<size_t>(config_.max_path_bytes)) {
      return refuse(
          414, "uri_too_long",
          "the request target exceeds " + std::to_string(config_.max_path_bytes) + " bytes");
    }
    if (req.has_header("Transfer-Encoding")) {
      return refuse(411, "length_required",
                    "chunked request bodies are not accepted; send Content-Length");
    }
    const std::string encoding = req.get_header_value("Content-Encoding");
    if (!encoding.empty() && encoding != "identity") {
      return refuse(415, "unsupported_media_type", "compressed request bodies are not accepted");
    }
    if (!req.has_header("Content-Length")) return HR::Unhandled;
    const std::string length_text = req.get_header_value("Content-Length");
    size_t length = 0;
    try {
      length = std::stoull(length_text);
    } catch (...) {
      return refuse(400, "invalid_argument", "Content-Length is not a number");
    }
    if (length > static_cast<size_t>(config_.max_body_bytes)) {
      return refuse(413, "payload_too_large",
                    "the body exceeds the server's limit of " +
                        std::to_string(config_.max_body_bytes) + " bytes");
    }
    // Per-route caps: only bodies larger than the smallest cap need the (slower) route lookup.
    if (length > smallest_cap_) {
      for (const auto& r : compiled_) {
        if (r.method == req.method && std::regex_match(req.path, r.pattern) &&
            length > r.max_body) {
          return refuse(
              413, "payload_too_large",
              "the body exceeds this endpoint's limit of " + std::to_string(r.max_body) + " bytes");
        }
      }
    }
    return HR::Unhandled;
  }

  Result<Principal> Authenticate(const httplib::Request& req) {
    const std::string authz = req.get_header_value("Authorization");
    if (!authz.empty()) {
      if (authz.rfind("Bearer ", 0) != 0) {
        return Error(ErrorCode::kUnauthenticated, "use 'Authorization: Bearer <token>'");
      }
      return auth_.AuthenticateToken(authz.substr(7));
    }
    const std::string cookie = CookieValue(req, kSessionCookie);
    if (cookie.empty()) return Error(ErrorCode::kUnauthenticated, "not logged in");
    ASSIGN_OR_RETURN(Principal p, auth_.AuthenticateSession(cookie));
    // Browser sessions must echo the CSRF token on every state-changing request; a cross-site
    // page cannot read it, so it cannot forge the request even though the cookie rides along.
    if (IsMutating(req.method) &&
        !ConstantTimeEquals(req.get_header_value(kCsrfHeader), p.csrf_token)) {
      return Error(ErrorCode::kPermissionDenied,
                   std::string("missing or wrong ") + kCsrfHeader + " header");
    }
    return p;
  }

  void Dispatch(const RouteSpec& spec, int slot, const httplib::Request& req,
                httplib::Response& res) {
    tl_request.slot = slot;
    ApiRequest api{req, tl_request.request_id, tl_request.client_addr, std::nullopt, {}};
    for (size_t i = 1; i < req.matches.size(); ++i) api.path_params.push_back(req.matches[i]);
    if (spec.auth == AuthMode::kRequired) {
      auto principal = Authenticate(req);
      if (!principal.ok()) return WriteError(res, principal.error());
      tl_request.person_id = principal->person_id;
      api.principal = std::move(*principal);
    }
    if ((spec.body == BodyKind::kJson || spec.body == BodyKind::kCsv ||
         spec.body == BodyKind::kAudio) &&
        IsMutating(req.method)) {
      const std::string type = req.get_header_value("Content-Type");
      const char* want = spec.body == BodyKind::kJson  ? "application/json"
                         : spec.body == BodyKind::kCsv ? "text/csv"
                                                       : "audio/";
      if (type.rfind(want, 0) != 0) {
        return WriteError(
            res, 415, "unsupported_media_type",
            spec.body == BodyKind::kAudio
                ? std::string("send the recording as audio/wav, audio/flac or audio/ogg")
                : std::string("send the body as ") + want);
      }
    }
    Result<ApiResponse> out = spec.handler(api);
    if (!out.ok()) return WriteError(res, out.error());
    res.status = out->status;
    for (const auto& [k, v] : out->headers) res.set_header(k, v);
    if (out->raw_body) {
      res.set_content(*out->raw_body, out->content_type);
    } else if (out->status != 204) {
      res.set_content(out->body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                      "application/json");
    }
  }

  void Log(const httplib::Request& req, const httplib::Response& res) {
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - tl_request.start).count();
    metrics_.Record(tl_request.slot, res.status, seconds);
    if (!access_log_) return;
    nlohmann::json line = {{"request_id", tl_request.request_id},
                           {"remote", tl_request.client_addr},
                           {"method", req.method},
                           {"path", req.path},
                           {"status", res.status},
                           {"ms", std::round(seconds * 1e5) / 100},
                           {"bytes", res.body.size()}};
    if (!tl_request.person_id.empty()) line["person_id"] = tl_request.person_id;
    access_log_->info(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
};

HttpServer::HttpServer(const Config& config, AuthService& auth, HttpMetrics& metrics,
                       std::shared_ptr<spdlog::logger> access_log)
    : impl_(std::make_unique<Impl>(config, auth, metrics, std::move(access_log))) {
  impl_->Configure();
}

HttpServer::~HttpServer() = default;

void HttpServer::AddRoute(RouteSpec spec) {
  const std::string regex = RegexFor(spec.path);
  int slot = impl_->metrics_.AddRoute(spec.method + " " + spec.path);
  impl_->compiled_.push_back({std::regex(regex), spec.method, spec.max_body_bytes});
  // Routes that take no body keep their cap of 0 but do not lower the threshold, so a request
  // with a small body is never routed twice.
  if (spec.body != BodyKind::kNone) {
    impl_->smallest_cap_ = std::min(impl_->smallest_cap_, spec.max_body_bytes);
  }
  routes_.push_back(spec);
  Impl* impl = impl_.get();
  auto handler = [impl, spec, slot](const httplib::Request& req, httplib::Response& res) {
    impl->Dispatch(spec, slot, req, res);
  };
  auto& s = impl_->server_;
  if (spec.method == "GET")
    s.Get(regex, handler);
  else if (spec.method == "POST")
    s.Post(regex, handler);
  else if (spec.method == "PUT")
    s.Put(regex, handler);
  else if (spec.method == "PATCH")
    s.Patch(regex, handler);
  else if (spec.method == "DELETE")
    s.Delete(regex, handler);
}

void HttpServer::AddPrefixHeader(const std::string& path_prefix, const std::string& name,
                                 const std::string& value) {
  impl_->prefix_headers_.push_back({path_prefix, name, value});
}

Result<int> HttpServer::Bind(const std::string& host, int port) {
  int bound = port == 0 ? impl_->server_.bind_to_any_port(host)
                        : (impl_->server_.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return Error(ErrorCode::kUnavailable,
                 "cannot listen on " + host + ":" + std::to_string(port) + " (in use?)");
  }
  if (!impl_->server_.SetBacklog(impl_->config_.listen_backlog)) {
    return Error(ErrorCode::kUnavailable, "cannot set the listen backlog");
  }
  return bound;
}

void HttpServer::Serve() {
  serving_ = true;
  if (!stop_requested_) impl_->server_.listen_after_bind();
  serving_ = false;
}

void HttpServer::Stop() {
  stop_requested_ = true;
  // httplib ignores stop() until its listen loop runs: wait for it rather than lose the request.
  while (serving_ && !impl_->server_.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->server_.stop();
}

std::string HttpServer::ClientAddress(const std::string& peer, const std::string& forwarded_for,
                                      const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](const std::string& a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  if (!trusted(peer) || forwarded_for.empty()) return peer;
  // Walk the hops right to left: each trusted proxy vouches for the hop before it.
  std::string address = peer;
  size_t end = forwarded_for.size();
  while (trusted(address)) {
    if (end == 0) break;
    size_t comma = forwarded_for.rfind(',', end - 1);
    size_t begin = comma == std::string::npos ? 0 : comma + 1;
    std::string hop = forwarded_for.substr(begin, end - begin);
    hop.erase(0, hop.find_first_not_of(' '));
    hop.erase(hop.find_last_not_of(' ') + 1);
    if (hop.empty() || hop.size() > 64) break;  // malformed: keep the last address we trust
    address = hop;
    if (comma == std::string::npos) break;
    end = comma;
  }
  return address;
}

std::string HttpServer::SetCookieHeader(const std::string& token, int64_t max_age_s) const {
  std::string c = std::string(kSessionCookie) + "=" + token +
                  "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_s);
  if (impl_->config_.SecureCookies()) c += "; Secure";
  return c;
}

}  // namespace attune
