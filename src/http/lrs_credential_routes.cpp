// Admins' HTTP Basic credentials for xAPI clients (the LRS at /xapi/): list, create (the secret is
// shown once, with the endpoint to give the client) and revoke. The service decides who may.
#include <algorithm>
#include <cctype>

#include "http/api_routes.h"
#include "http/json_body.h"
#include "http/json_views.h"

namespace attune {
namespace {

// A Host header we are willing to echo back as a URL: a host name or address and an optional port.
bool PlausibleHost(const std::string& host) {
  if (host.empty() || host.size() > 255) return false;
  return std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
}

// The xAPI base URL a client should use: public_url when configured (it may carry a path prefix),
// otherwise the origin this request reached.
std::string XapiEndpoint(const Config& config, const ApiRequest& r) {
  std::string base = config.public_url;
  if (base.empty()) {
    std::string host = r.Header("Host");
    if (!PlausibleHost(host)) host = config.bind + ":" + std::to_string(config.port);
    base = "http://" + host;
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/xapi/";  // with the slash most xAPI clients expect
}

}  // namespace

void AddLrsCredentialRoutes(HttpServer& server, ApiServices& s) {
  server.AddRoute({"GET", "/api/v1/lrs/credentials", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto list, s.lrs_credentials.List(*r.principal));
                     return JsonResponse({{"credentials", ToJsonArray(list)}});
                   }});
  server.AddRoute({"POST", "/api/v1/lrs/credentials", AuthMode::kRequired, BodyKind::kJson, 4096,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"name", "scopes"}));
                     ASSIGN_OR_RETURN(auto name, body.RequiredString("name", 100));
                     ASSIGN_OR_RETURN(auto scopes, body.OptStringArray("scopes", 2));
                     if (!scopes) {
                       return Error(ErrorCode::kInvalidArgument,
                                    "scopes is required: read and/or write", "scopes");
                     }
                     ASSIGN_OR_RETURN(NewLrsCredential c,
                                      s.lrs_credentials.Create(*r.principal, name, *scopes));
                     nlohmann::json j = ToJson(c.record);
                     j["secret"] = c.secret;
                     j["endpoint"] = XapiEndpoint(s.config, r);
                     return JsonResponse(j, 201);
                   }});
  server.AddRoute({"DELETE", "/api/v1/lrs/credentials/{key}", AuthMode::kRequired, BodyKind::kNone,
                   0, true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     RETURN_IF_ERROR(s.lrs_credentials.Revoke(*r.principal, r.path_params.at(0)));
                     ApiResponse out;
                     out.status = 204;
                     return out;
                   }});
}

}  // namespace attune
