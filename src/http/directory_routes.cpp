// The organisation, people, teams and the HRIS CSV import.
#include "http/api_routes.h"
#include "http/json_body.h"
#include "http/json_views.h"

namespace attune {
namespace {

constexpr std::initializer_list<const char*> kPersonFields = {
    "employee_id", "name", "email", "locale", "team", "manager_id", "roles", "active"};

Result<PersonInput> ReadPersonInput(const JsonBody& body) {
  PersonInput in;
  ASSIGN_OR_RETURN(in.employee_id, body.OptString("employee_id", 64));
  ASSIGN_OR_RETURN(in.name, body.OptString("name", 200));
  ASSIGN_OR_RETURN(in.email, body.OptString("email", 254));
  ASSIGN_OR_RETURN(in.locale, body.OptString("locale", 35));
  ASSIGN_OR_RETURN(in.team, body.OptString("team", 900));
  ASSIGN_OR_RETURN(in.manager_id, body.NullableString("manager_id"));
  ASSIGN_OR_RETURN(in.roles, body.OptStringArray("roles", 8));
  ASSIGN_OR_RETURN(in.active, body.OptBool("active"));
  return in;
}

}  // namespace

void AddDirectoryRoutes(HttpServer& server, ApiServices& s) {
  server.AddRoute({"GET", "/api/v1/organisation", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(*r.principal));
                     return JsonResponse(ToJson(org));
                   }});
  server.AddRoute({"PATCH", "/api/v1/organisation", AuthMode::kRequired, BodyKind::kJson, 4096,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"jurisdiction"}));
                     ASSIGN_OR_RETURN(auto j, body.RequiredString("jurisdiction", 16));
                     ASSIGN_OR_RETURN(auto org, s.directory.SetJurisdiction(*r.principal, j));
                     return JsonResponse(ToJson(org));
                   }});
  server.AddRoute({"GET", "/api/v1/people", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto people, s.directory.ListPeople(*r.principal));
                     return JsonResponse({{"people", ToJsonArray(people)}});
                   }});
  server.AddRoute({"POST", "/api/v1/people", AuthMode::kRequired, BodyKind::kJson, 16384, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), kPersonFields));
                     ASSIGN_OR_RETURN(PersonInput in, ReadPersonInput(body));
                     ASSIGN_OR_RETURN(auto person, s.directory.CreatePerson(*r.principal, in));
                     return JsonResponse(ToJson(person), 201);
                   }});
  server.AddRoute({"GET", "/api/v1/people/{id}", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto person,
                                      s.directory.GetPerson(*r.principal, r.path_params.at(0)));
                     return JsonResponse(ToJson(person));
                   }});
  server.AddRoute({"PATCH", "/api/v1/people/{id}", AuthMode::kRequired, BodyKind::kJson, 16384,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), kPersonFields));
                     ASSIGN_OR_RETURN(PersonInput in, ReadPersonInput(body));
                     ASSIGN_OR_RETURN(auto person, s.directory.UpdatePerson(
                                                       *r.principal, r.path_params.at(0), in));
                     return JsonResponse(ToJson(person));
                   }});
  server.AddRoute({"PUT", "/api/v1/people/{id}/password", AuthMode::kRequired, BodyKind::kJson,
                   4096, true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"new_password"}));
                     ASSIGN_OR_RETURN(auto pw, body.RequiredString("new_password", 1024));
                     RETURN_IF_ERROR(s.auth.SetPassword(*r.principal, r.path_params.at(0), pw));
                     ApiResponse out;
                     out.status = 204;
                     return out;
                   }});
  server.AddRoute({"GET", "/api/v1/teams", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto teams, s.directory.ListTeams(*r.principal));
                     return JsonResponse({{"teams", ToJsonArray(teams)}});
                   }});
  server.AddRoute({"POST", "/api/v1/teams", AuthMode::kRequired, BodyKind::kJson, 4096, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"path"}));
                     ASSIGN_OR_RETURN(auto path, body.RequiredString("path", 900));
                     ASSIGN_OR_RETURN(auto team, s.directory.CreateTeam(*r.principal, path));
                     return JsonResponse(ToJson(team), 201);
                   }});
  server.AddRoute({"GET", "/api/v1/teams/{id}", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto team,
                                      s.directory.GetTeam(*r.principal, r.path_params.at(0)));
                     return JsonResponse(ToJson(team));
                   }});
  server.AddRoute(
      {"POST", "/api/v1/imports/people", AuthMode::kRequired, BodyKind::kCsv, 8 * 1024 * 1024, true,
       [&s](ApiRequest& r) -> Result<ApiResponse> {
         const std::string dry = r.Query("dry_run");
         if (!dry.empty() && dry != "true" && dry != "false") {
           return Error(ErrorCode::kInvalidArgument, "dry_run must be true or false", "dry_run");
         }
         ASSIGN_OR_RETURN(auto report, s.people_import.Run(*r.principal, r.Body(), dry == "true"));
         // Invalid rows: 422 with the full report so a UI can list every bad line.
         return JsonResponse(ToJson(report), report.valid ? 200 : 422);
       }});
}

}  // namespace attune
