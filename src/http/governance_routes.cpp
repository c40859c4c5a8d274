// Data streams, the caller's consents and data export, and the audit log.
#include "http/api_routes.h"
#include "http/json_body.h"
#include "http/json_views.h"

namespace attune {

void AddGovernanceRoutes(HttpServer& server, ApiServices& s) {
  server.AddRoute({"GET", "/api/v1/governance/streams", AuthMode::kRequired, BodyKind::kNone, 0,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto streams, s.governance.ListStreams(*r.principal));
                     return JsonResponse({{"streams", ToJsonArray(streams)}});
                   }});
  server.AddRoute(
      {"PUT", "/api/v1/governance/streams/{key}", AuthMode::kRequired, BodyKind::kJson, 16384, true,
       [&s](ApiRequest& r) -> Result<ApiResponse> {
         ASSIGN_OR_RETURN(
             auto body, JsonBody::Parse(r.Body(), {"name", "purpose", "legal_basis",
                                                   "retention_days", "biometric", "eu_exception"}));
         DataStream d;
         d.key = r.path_params.at(0);
         ASSIGN_OR_RETURN(d.name, body.RequiredString("name", 200));
         ASSIGN_OR_RETURN(d.purpose, body.RequiredString("purpose", 2000));
         ASSIGN_OR_RETURN(d.legal_basis, body.RequiredString("legal_basis", 32));
         ASSIGN_OR_RETURN(auto days, body.OptInt("retention_days"));
         ASSIGN_OR_RETURN(auto biometric, body.OptBool("biometric"));
         if (!days)
           return Error(ErrorCode::kInvalidArgument, "retention_days is required",
                        "retention_days");
         d.retention_days = *days;
         d.biometric = biometric.value_or(false);
         ASSIGN_OR_RETURN(auto exception, body.OptString("eu_exception", 2000));
         d.eu_exception = exception.value_or("");
         ASSIGN_OR_RETURN(auto saved, s.governance.UpsertStream(*r.principal, d));
         return JsonResponse(ToJson(saved));
       }});
  server.AddRoute({"GET", "/api/v1/me/consents", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto streams, s.governance.MyStreams(*r.principal));
                     return JsonResponse({{"streams", ToJsonArray(streams)}});
                   }});
  server.AddRoute({"PUT", "/api/v1/me/consents/{key}", AuthMode::kRequired, BodyKind::kJson, 1024,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"state"}));
                     ASSIGN_OR_RETURN(auto state, body.RequiredString("state", 16));
                     ASSIGN_OR_RETURN(auto out, s.governance.SetMyConsent(
                                                    *r.principal, r.path_params.at(0), state));
                     return JsonResponse(ToJson(out));
                   }});
  server.AddRoute({"GET", "/api/v1/me/export", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     // Data-subject access: everything Attune holds about the caller.
                     ASSIGN_OR_RETURN(Person me, s.directory.GetMe(*r.principal));
                     ASSIGN_OR_RETURN(auto streams, s.governance.MyStreams(*r.principal));
                     ASSIGN_OR_RETURN(auto tokens, s.auth.ListTokens(*r.principal));
                     ASSIGN_OR_RETURN(auto trail, s.governance.MyAuditTrail(*r.principal));
                     ASSIGN_OR_RETURN(auto practice, s.practice.ExportMine(*r.principal));
                     ASSIGN_OR_RETURN(auto roleplay, s.roleplay.ExportMine(*r.principal));
                     ApiResponse out = JsonResponse({{"format", "attune-subject-export/1"},
                                                     {"person", ToJson(me)},
                                                     {"consents", ToJsonArray(streams)},
                                                     {"api_tokens", ToJsonArray(tokens)},
                                                     {"audit_trail", ToJsonArray(trail)},
                                                     {"practice", ToJson(practice)},
                                                     {"roleplay", roleplay}});
                     out.headers.emplace_back("Content-Disposition",
                                              "attachment; filename=\"attune-export.json\"");
                     return out;
                   }});
  server.AddRoute(
      {"GET", "/api/v1/audit", AuthMode::kRequired, BodyKind::kNone, 0, true,
       [&s](ApiRequest& r) -> Result<ApiResponse> {
         int64_t after = 0;
         int limit = 100;
         try {
           if (r.HasQuery("after")) after = std::stoll(r.Query("after"));
           if (r.HasQuery("limit")) limit = std::stoi(r.Query("limit"));
         } catch (...) {
           return Error(ErrorCode::kInvalidArgument, "after and limit must be integers");
         }
         ASSIGN_OR_RETURN(auto page, s.governance.ListAudit(*r.principal, after, limit));
         return JsonResponse(
             {{"entries", ToJsonArray(page.entries)}, {"next_after", page.next_after}});
       }});
  server.AddRoute({"GET", "/api/v1/audit/verify", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto v, s.governance.VerifyAudit(*r.principal));
                     return JsonResponse({{"intact", v.intact},
                                          {"entries", v.entries},
                                          {"first_bad_seq", v.first_bad_seq},
                                          {"problem", v.problem},
                                          {"head_hash", v.head_hash}});
                   }});
}

}  // namespace attune
