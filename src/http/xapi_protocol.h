#pragma once
// The xAPI 1.0.3 protocol around every LRS resource (Communication part): the alternate request
// syntax, the X-Experience-API-Version header, HTTP Basic authentication, strict parameters, and
// responses that always carry the version header. Resource handlers see an XapiCall and return an
// XapiResult; they never touch httplib.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "http/api_types.h"
#include "http/http_server.h"
#include "services/xapi/lrs_credentials.h"

namespace attune {

inline constexpr const char* kXapiVersion = "1.0.3";

// One request as the resource sees it, after the alternate syntax has been unfolded.
struct XapiCall {
  std::string method;  // GET, HEAD, PUT, POST, DELETE
  std::map<std::string, std::string> params;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::optional<LrsClient> client;  // set unless the resource is public (About)

  std::string Header(const std::string& lower_name) const;
  std::optional<std::string> Param(const std::string& name) const;
  // kInvalidArgument naming the first parameter outside `allowed`.
  Status OnlyParams(const std::set<std::string>& allowed) const;
};

// A successful response. Errors travel as Error and become JSON bodies with the right status.
struct XapiResult {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

inline XapiResult XapiJson(const nlohmann::json& body, int status = 200) {
  return XapiResult{status,
                    body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json",
                    {}};
}
inline XapiResult XapiNoContent() { return XapiResult{204, "", "", {}}; }

// Strict readers of parameter values; errors name the parameter.
Result<bool> BoolParam(const XapiCall& call, const std::string& name, bool fallback);
Result<std::optional<int64_t>> TimestampParam(const XapiCall& call, const std::string& name);
Result<std::optional<nlohmann::json>> AgentParam(const XapiCall& call, const std::string& name);
Result<std::optional<std::string>> IriParam(const XapiCall& call, const std::string& name);
Result<std::optional<std::string>> UuidParam(const XapiCall& call, const std::string& name);

struct XapiRouteOptions {
  bool public_resource = false;  // About needs neither credentials nor the version header
  // Headers added to every GET/HEAD response, errors included (the Statement resource's
  // X-Experience-API-Consistent-Through).
  std::function<std::vector<std::pair<std::string, std::string>>()> get_headers;
};

using XapiHandler = std::function<Result<XapiResult>(XapiCall&)>;

// Registers `path` (e.g. "/xapi/statements") for GET, PUT, POST and DELETE. Each request is
// unfolded (alternate syntax), checked (version, credentials) and passed to `handler`; any error
// becomes an xAPI error response.
void AddXapiResource(HttpServer& server, LrsCredentialService& credentials, const std::string& path,
                     size_t max_body, XapiRouteOptions options, XapiHandler handler);

}  // namespace attune
