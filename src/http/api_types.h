#pragma once
// What route handlers receive and return. Handlers are thin: parse input, call one service,
// map the result to JSON. Access decisions live in the services.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "services/principal.h"

namespace httplib {
struct Request;
}

namespace attune {

struct ApiRequest {
  const httplib::Request& raw;
  std::string request_id;
  std::string client_addr;  // the socket peer, or the nearest untrusted X-Forwarded-For hop
  std::optional<Principal> principal;  // set for routes that require authentication
  std::vector<std::string> path_params;
  std::string Query(const std::string& name) const;
  bool HasQuery(const std::string& name) const;
  std::string Header(const std::string& name) const;
  const std::string& Body() const;
  const std::string& RemoteAddr() const { return client_addr; }
};

struct ApiResponse {
  int status = 200;
  nlohmann::json body;  // sent as JSON unless raw_body is set
  std::optional<std::string> raw_body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

enum class AuthMode { kPublic, kRequired };
// kAny: the handler reads the Content-Type itself (the xAPI resources). kAudio: any audio/* type.
enum class BodyKind { kNone, kJson, kCsv, kAudio, kAny };

struct RouteSpec {
  std::string method;  // GET, POST, PUT, PATCH, DELETE
  std::string path;    // OpenAPI template, e.g. /api/v1/people/{id}
  AuthMode auth = AuthMode::kRequired;
  BodyKind body = BodyKind::kNone;
  size_t max_body_bytes = 64 * 1024;
  bool documented = true;  // in docs/api/openapi.json (false for the web UI's files)
  std::function<Result<ApiResponse>(ApiRequest&)> handler;
};

inline ApiResponse JsonResponse(nlohmann::json body, int status = 200) {
  ApiResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

}  // namespace attune
