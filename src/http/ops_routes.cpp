// Liveness, readiness, metrics and the API description.
#include <map>
#include <string_view>

#include "http/api_routes.h"

namespace attune_docs {
const std::map<std::string_view, std::string_view>& Files();
}

namespace attune {

void AddOpsRoutes(HttpServer& server, ApiServices& s) {
  server.AddRoute({"GET", "/healthz", AuthMode::kPublic, BodyKind::kNone, 0, true,
                   [](ApiRequest&) -> Result<ApiResponse> {
                     return JsonResponse({{"status", "ok"}});
                   }});
  server.AddRoute({"GET", "/readyz", AuthMode::kPublic, BodyKind::kNone, 0, true,
                   [&s](ApiRequest&) -> Result<ApiResponse> {
                     Status ping = s.store.Ping();
                     if (!ping.ok()) {
                       return Error(ErrorCode::kUnavailable,
                                    "database unreachable: " + ping.error().message);
                     }
                     return JsonResponse({{"status", "ready"}, {"database", s.store.Backend()}});
                   }});
  server.AddRoute({"GET", "/metrics", AuthMode::kPublic, BodyKind::kNone, 0, true,
                   [&s](ApiRequest&) -> Result<ApiResponse> {
                     ApiResponse r;
                     r.raw_body = s.metrics.Render();
                     r.content_type = "text/plain; version=0.0.4";
                     return r;
                   }});
  server.AddRoute({"GET", "/api/v1/openapi.json", AuthMode::kPublic, BodyKind::kNone, 0, true,
                   [](ApiRequest&) -> Result<ApiResponse> {
                     ApiResponse r;
                     r.raw_body = std::string(attune_docs::Files().at("openapi.json"));
                     return r;
                   }});
}

}  // namespace attune
