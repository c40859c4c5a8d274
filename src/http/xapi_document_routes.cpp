// The xAPI document resources (State, Activity Profile, Agent Profile) and the read-only
// Activities, Agents and About resources (Communication 2.3-2.8).
#include "http/api_routes.h"
#include "http/xapi_protocol.h"
#include "services/xapi/statement_index.h"

namespace attune {
namespace {

using nlohmann::json;

Error Invalid(std::string message, std::string field = {}) {
  return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

struct DocumentResource {
  DocumentKind kind;
  const char* path;
  const char* id_param;  // stateId or profileId
};

std::optional<std::string> Header(const XapiCall& call, const char* name) {
  std::string v = call.Header(name);
  if (v.empty()) return std::nullopt;
  return v;
}

Result<XapiResult> HandleDocument(DocumentService& documents, const DocumentResource& res,
                                  XapiCall& call) {
  std::set<std::string> allowed = {res.id_param};
  if (res.kind != DocumentKind::kAgentProfile) allowed.insert("activityId");
  if (res.kind != DocumentKind::kActivityProfile) allowed.insert("agent");
  if (res.kind == DocumentKind::kState) allowed.insert("registration");
  const bool listing = !call.Param(res.id_param);
  if (listing && (call.method == "GET" || call.method == "HEAD")) allowed.insert("since");
  RETURN_IF_ERROR(call.OnlyParams(allowed));
  DocumentScope scope;
  scope.kind = res.kind;
  ASSIGN_OR_RETURN(auto activity, IriParam(call, "activityId"));
  scope.activity_id = activity.value_or("");
  ASSIGN_OR_RETURN(scope.agent, AgentParam(call, "agent"));
  ASSIGN_OR_RETURN(scope.registration, UuidParam(call, "registration"));
  if (res.kind != DocumentKind::kAgentProfile && !activity) {
    return Invalid("activityId is required", "activityId");
  }
  if (res.kind != DocumentKind::kActivityProfile && !scope.agent) {
    return Invalid("agent is required", "agent");
  }
  const std::optional<std::string> id = call.Param(res.id_param);
  if (call.method == "GET" || call.method == "HEAD") {
    if (!id) {
      ASSIGN_OR_RETURN(auto since, TimestampParam(call, "since"));
      ASSIGN_OR_RETURN(auto ids, documents.ListIds(*call.client, scope, since));
      return XapiJson(ids);
    }
    ASSIGN_OR_RETURN(auto doc, documents.Get(*call.client, scope, *id));
    XapiResult r{200, std::move(doc.content), doc.content_type, {}};
    r.headers.emplace_back("ETag", doc.etag);
    r.headers.emplace_back("Last-Modified", FormatHttpDate(doc.updated));
    return r;
  }
  if (call.method == "PUT" || call.method == "POST") {
    if (!id) return Invalid(std::string(res.id_param) + " is required", res.id_param);
    DocumentWrite write;
    write.content_type = call.Header("content-type");
    write.content = call.body;
    write.merge = call.method == "POST";
    write.if_match = Header(call, "if-match");
    write.if_none_match = Header(call, "if-none-match");
    ASSIGN_OR_RETURN(std::string etag, documents.Write(*call.client, scope, *id, write));
    XapiResult r = XapiNoContent();
    r.headers.emplace_back("ETag", etag);
    return r;
  }
  RETURN_IF_ERROR(documents.Delete(*call.client, scope, id, Header(call, "if-match")));
  return XapiNoContent();
}

}  // namespace

void AddXapiDocumentRoutes(HttpServer& server, ApiServices& s) {
  static const DocumentResource kResources[] = {
      {DocumentKind::kState, "/xapi/activities/state", "stateId"},
      {DocumentKind::kActivityProfile, "/xapi/activities/profile", "profileId"},
      {DocumentKind::kAgentProfile, "/xapi/agents/profile", "profileId"},
  };
  const size_t cap = static_cast<size_t>(s.config.max_body_bytes);
  for (const auto& res : kResources) {
    AddXapiResource(server, s.lrs_credentials, res.path, cap, {},
                    [&s, &res](XapiCall& call) { return HandleDocument(s.documents, res, call); });
  }

  AddXapiResource(server, s.lrs_credentials, "/xapi/activities", cap, {},
                  [&s](XapiCall& call) -> Result<XapiResult> {
                    if (call.method != "GET" && call.method != "HEAD") {
                      return Invalid("the Activities resource is read-only");
                    }
                    RETURN_IF_ERROR(call.OnlyParams({"activityId"}));
                    ASSIGN_OR_RETURN(auto id, IriParam(call, "activityId"));
                    if (!id) return Invalid("activityId is required", "activityId");
                    ASSIGN_OR_RETURN(json activity, s.statements.Activity(*call.client, *id));
                    return XapiJson(activity);
                  });

  AddXapiResource(server, s.lrs_credentials, "/xapi/agents", cap, {},
                  [](XapiCall& call) -> Result<XapiResult> {
                    if (call.method != "GET" && call.method != "HEAD") {
                      return Invalid("the Agents resource is read-only");
                    }
                    RETURN_IF_ERROR(call.OnlyParams({"agent"}));
                    ASSIGN_OR_RETURN(auto agent, AgentParam(call, "agent"));
                    if (!agent) return Invalid("agent is required", "agent");
                    if (!xapi::AgentKey(*agent)) {
                      return Invalid("agent must be an Agent or an identified Group", "agent");
                    }
                    // The Person object: every identifier this LRS knows for the agent. Attune
                    // does not merge identities across agents, so it is the agent's own.
                    json person = {{"objectType", "Person"}};
                    if (agent->contains("name")) person["name"] = json::array({(*agent)["name"]});
                    for (const char* ifi : {"mbox", "mbox_sha1sum", "openid", "account"}) {
                      if (agent->contains(ifi)) person[ifi] = json::array({(*agent)[ifi]});
                    }
                    return XapiJson(person);
                  });

  // Errors written before any resource runs (413, 404) carry the version header too.
  server.AddPrefixHeader("/xapi/", "X-Experience-API-Version", kXapiVersion);
  AddXapiResource(server, s.lrs_credentials, "/xapi/about", cap,
                  {.public_resource = true, .get_headers = nullptr},
                  [](XapiCall& call) -> Result<XapiResult> {
                    if (call.method != "GET" && call.method != "HEAD") {
                      return Invalid("the About resource is read-only");
                    }
                    RETURN_IF_ERROR(call.OnlyParams({}));
                    return XapiJson({{"version", {"1.0.0", "1.0.1", "1.0.2", "1.0.3"}},
                                     {"extensions",
                                      {{"https://attune.dev/xapi/about/server",
                                        {{"name", "Attune"}, {"xapi_version", kXapiVersion}}}}}});
                  });
}

}  // namespace attune
