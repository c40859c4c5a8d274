// Login, logout, the caller's own profile, password and API tokens.
#include "http/api_routes.h"
#include "http/json_body.h"
#include "http/json_views.h"

namespace attune {
namespace {

nlohmann::json MeJson(const Person& me, const Principal& p) {
  nlohmann::json j = ToJson(me);
  if (!p.csrf_token.empty()) j["csrf_token"] = p.csrf_token;
  return j;
}

}  // namespace

void AddAuthRoutes(HttpServer& server, ApiServices& s) {
  HttpServer* srv = &server;
  server.AddRoute(
      {"POST", "/api/v1/auth/login", AuthMode::kPublic, BodyKind::kJson, 4096, true,
       [&s, srv](ApiRequest& r) -> Result<ApiResponse> {
         ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"email", "password"}));
         ASSIGN_OR_RETURN(std::string email, body.RequiredString("email", 254));
         ASSIGN_OR_RETURN(std::string password, body.RequiredString("password", 256));
         ASSIGN_OR_RETURN(LoginResult login, s.auth.Login(email, password, r.RemoteAddr()));
         ASSIGN_OR_RETURN(Person me, s.directory.GetMe(login.principal));
         ApiResponse out = JsonResponse(MeJson(me, login.principal));
         out.headers.emplace_back(
             "Set-Cookie",
             srv->SetCookieHeader(login.session_token, int64_t{s.config.session_ttl_minutes} * 60));
         return out;
       }});
  server.AddRoute({"POST", "/api/v1/auth/logout", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s, srv](ApiRequest& r) -> Result<ApiResponse> {
                     RETURN_IF_ERROR(s.auth.Logout(*r.principal));
                     ApiResponse out;
                     out.status = 204;
                     out.headers.emplace_back("Set-Cookie", srv->SetCookieHeader("", 0));
                     return out;
                   }});
  server.AddRoute({"GET", "/api/v1/me", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(Person me, s.directory.GetMe(*r.principal));
                     return JsonResponse(MeJson(me, *r.principal));
                   }});
  server.AddRoute({"POST", "/api/v1/me/password", AuthMode::kRequired, BodyKind::kJson, 4096, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"current_password",
                                                                            "new_password"}));
                     ASSIGN_OR_RETURN(auto current, body.RequiredString("current_password", 256));
                     ASSIGN_OR_RETURN(auto next, body.RequiredString("new_password", 1024));
                     RETURN_IF_ERROR(s.auth.ChangePassword(*r.principal, current, next));
                     return JsonResponse({{"changed", true}});
                   }});
  server.AddRoute({"GET", "/api/v1/me/tokens", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto tokens, s.auth.ListTokens(*r.principal));
                     return JsonResponse({{"tokens", ToJsonArray(tokens)}});
                   }});
  server.AddRoute({"POST", "/api/v1/me/tokens", AuthMode::kRequired, BodyKind::kJson, 4096, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"name", "scopes",
                                                                            "expires_in_days"}));
                     ASSIGN_OR_RETURN(auto name, body.RequiredString("name", 100));
                     ASSIGN_OR_RETURN(auto scopes, body.OptStringArray("scopes", 4));
                     ASSIGN_OR_RETURN(auto days, body.OptInt("expires_in_days"));
                     ASSIGN_OR_RETURN(NewApiToken t,
                                      s.auth.CreateToken(
                                          *r.principal, name,
                                          scopes.value_or(std::vector<std::string>{"read"}), days));
                     nlohmann::json j = ToJson(t.record);
                     j["token"] = t.secret;
                     return JsonResponse(j, 201);
                   }});
  server.AddRoute({"DELETE", "/api/v1/me/tokens/{id}", AuthMode::kRequired, BodyKind::kNone, 0,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     RETURN_IF_ERROR(s.auth.RevokeToken(*r.principal, r.path_params.at(0)));
                     ApiResponse out;
                     out.status = 204;
                     return out;
                   }});
}

}  // namespace attune
