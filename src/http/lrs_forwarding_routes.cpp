// Admins' forwarding of the organisation's statements to an external LRS: show the settings and
// delivery status, set them (the password is write-only), retry now, and stop.
#include "http/api_routes.h"
#include "http/json_body.h"
#include "http/json_views.h"

namespace attune {

void AddLrsForwardingRoutes(HttpServer& server, ApiServices& s) {
  server.AddRoute({"GET", "/api/v1/lrs/forwarding", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto status, s.forwarding.Get(*r.principal));
                     if (!status) return JsonResponse({{"configured", false}});
                     nlohmann::json j = ToJson(*status);
                     j["configured"] = true;
                     return JsonResponse(j);
                   }});
  server.AddRoute({"PUT", "/api/v1/lrs/forwarding", AuthMode::kRequired, BodyKind::kJson, 8192,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body,
                                      JsonBody::Parse(r.Body(), {"endpoint", "username", "password",
                                                                 "enabled", "backfill"}));
                     ForwardingSettings settings;
                     ASSIGN_OR_RETURN(settings.endpoint, body.RequiredString("endpoint", 2000));
                     ASSIGN_OR_RETURN(settings.username, body.RequiredString("username", 200));
                     ASSIGN_OR_RETURN(settings.password, body.OptString("password", 500));
                     ASSIGN_OR_RETURN(auto enabled, body.OptBool("enabled"));
                     ASSIGN_OR_RETURN(auto backfill, body.OptBool("backfill"));
                     settings.enabled = enabled.value_or(true);
                     settings.backfill = backfill.value_or(false);
                     ASSIGN_OR_RETURN(auto status, s.forwarding.Set(*r.principal, settings));
                     nlohmann::json j = ToJson(status);
                     j["configured"] = true;
                     j["backfilled"] = status.backfilled;
                     return JsonResponse(j);
                   }});
  server.AddRoute({"POST", "/api/v1/lrs/forwarding/retry", AuthMode::kRequired, BodyKind::kNone, 0,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     RETURN_IF_ERROR(s.forwarding.RetryNow(*r.principal));
                     ApiResponse out;
                     out.status = 204;
                     return out;
                   }});
  server.AddRoute({"DELETE", "/api/v1/lrs/forwarding", AuthMode::kRequired, BodyKind::kNone, 0,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     RETURN_IF_ERROR(s.forwarding.Remove(*r.principal));
                     ApiResponse out;
                     out.status = 204;
                     return out;
                   }});
}

}  // namespace attune
