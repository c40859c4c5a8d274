// The xAPI Statement resource: /xapi/statements (Communication 2.1).
#include "core/base64.h"
#include "core/utf8.h"
#include "http/api_routes.h"
#include "http/xapi_protocol.h"
#include "services/xapi/multipart.h"
#include "services/xapi/strict_json.h"

namespace attune {
namespace {

using nlohmann::json;

Error Invalid(std::string message, std::string field = {}) {
  return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

const std::set<std::string> kQueryParams = {
    "agent", "verb",  "activity", "registration", "related_activities", "related_agents",
    "since", "until", "limit",    "format",       "attachments",        "ascending"};

// The statements and attachments of a PUT or POST body.
struct Incoming {
  json statements;
  AttachmentPayloads attachments;
};

Result<Incoming> ReadBody(const XapiCall& call) {
  const std::string type = call.Header("content-type");
  Incoming in;
  const std::string lower = AsciiLower(type);
  if (lower.rfind("multipart/mixed", 0) == 0) {
    ASSIGN_OR_RETURN(auto parts, xapi::ParseXapiMultipart(call.body, type));
    ASSIGN_OR_RETURN(in.statements, xapi::ParseStrictJson(parts.statements_json));
    for (auto& [sha2, data] : parts.attachments) {
      auto ct = parts.content_types.find(sha2);
      in.attachments[sha2] = {
          ct == parts.content_types.end() ? "application/octet-stream" : ct->second,
          std::move(data)};
    }
    return in;
  }
  if (lower.rfind("application/json", 0) != 0) {
    return Error(ErrorCode::kUnsupportedMediaType,
                 "send statements as application/json, or multipart/mixed with attachments");
  }
  ASSIGN_OR_RETURN(in.statements, xapi::ParseStrictJson(call.body));
  return in;
}

// Accept-Language, most preferred first (q-values honoured; ties keep their order).
std::vector<std::string> Languages(const std::string& header) {
  std::vector<std::pair<double, std::string>> ranked;
  size_t pos = 0;
  while (pos < header.size()) {
    size_t comma = header.find(',', pos);
    if (comma == std::string::npos) comma = header.size();
    std::string item = header.substr(pos, comma - pos);
    double q = 1.0;
    if (size_t semi = item.find(';'); semi != std::string::npos) {
      std::string param = item.substr(semi + 1);
      item = item.substr(0, semi);
      if (size_t eq = param.find("q="); eq != std::string::npos) {
        q = std::atof(param.c_str() + eq + 2);
      }
    }
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty() && q > 0) ranked.emplace_back(q, item);
    pos = comma + 1;
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (auto& [q, lang] : ranked) out.push_back(lang);
  return out;
}

Result<StatementFormat> FormatParam(const XapiCall& call) {
  auto f = call.Param("format").value_or("exact");
  if (f == "exact") return StatementFormat::kExact;
  if (f == "ids") return StatementFormat::kIds;
  if (f == "canonical") return StatementFormat::kCanonical;
  return Invalid("format must be ids, exact or canonical", "format");
}

Result<StatementQueryParams> QueryParams(const XapiCall& call) {
  RETURN_IF_ERROR(call.OnlyParams(kQueryParams));
  StatementQueryParams p;
  ASSIGN_OR_RETURN(p.agent, AgentParam(call, "agent"));
  ASSIGN_OR_RETURN(p.verb, IriParam(call, "verb"));
  ASSIGN_OR_RETURN(p.activity, IriParam(call, "activity"));
  ASSIGN_OR_RETURN(p.registration, UuidParam(call, "registration"));
  ASSIGN_OR_RETURN(p.related_activities, BoolParam(call, "related_activities", false));
  ASSIGN_OR_RETURN(p.related_agents, BoolParam(call, "related_agents", false));
  ASSIGN_OR_RETURN(p.since, TimestampParam(call, "since"));
  ASSIGN_OR_RETURN(p.until, TimestampParam(call, "until"));
  if (auto limit = call.Param("limit")) {
    if (limit->empty() || limit->size() > 9 ||
        limit->find_first_not_of("0123456789") != std::string::npos) {
      return Invalid("limit must be a non-negative integer", "limit");
    }
    p.limit = std::stoi(*limit);
  }
  ASSIGN_OR_RETURN(p.format, FormatParam(call));
  ASSIGN_OR_RETURN(p.attachments, BoolParam(call, "attachments", false));
  ASSIGN_OR_RETURN(p.ascending, BoolParam(call, "ascending", false));
  p.languages = Languages(call.Header("accept-language"));
  return p;
}

// The `more` link carries the query and the page's end, opaque to clients.
std::string MoreToken(const XapiCall& call, std::pair<int64_t, int64_t> next) {
  json params = json::object();
  for (const auto& [k, v] : call.params) params[k] = v;
  return Base64UrlEncode(json{{"p", params}, {"a", {next.first, next.second}}}.dump());
}

Result<XapiCall> FromMoreToken(const XapiCall& call, std::pair<int64_t, int64_t>& after) {
  const Error bad = Invalid("more is not a link this server made", "more");
  if (call.params.size() != 1) return Invalid("more must be the only parameter", "more");
  auto text = Base64UrlDecode(*call.Param("more"));
  if (!text) return bad;
  auto token = json::parse(*text, nullptr, false);
  if (token.is_discarded() || !token.is_object() || !token.contains("p") ||
      !token["p"].is_object() || !token.contains("a") || !token["a"].is_array() ||
      token["a"].size() != 2 || !token["a"][0].is_number_integer() ||
      !token["a"][1].is_number_integer()) {
    return bad;
  }
  XapiCall out = call;
  out.params.clear();
  for (const auto& [k, v] : token["p"].items()) {
    if (!v.is_string()) return bad;
    out.params[k] = v.get<std::string>();
  }
  after = {token["a"][0].get<int64_t>(), token["a"][1].get<int64_t>()};
  return out;
}

// A statement result, as JSON or (attachments=true) as multipart/mixed.
XapiResult Respond(const json& body, const AttachmentPayloads& attachments, bool multipart) {
  XapiResult r = XapiJson(body);
  if (!multipart) return r;
  std::vector<xapi::OutgoingAttachment> parts;
  for (const auto& [sha2, a] : attachments) parts.push_back({sha2, a.content_type, a.content});
  const std::string boundary = xapi::ChooseBoundary(r.body, parts);
  r.body = xapi::BuildMultipart(r.body, parts, boundary);
  r.content_type = xapi::MultipartContentType(boundary);
  return r;
}

std::string PathPrefix(const Config& config) {
  // Behind a reverse proxy at a sub-path, `more` links must include that path.
  const std::string& url = config.public_url;
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  size_t slash = url.find('/', scheme + 3);
  if (slash == std::string::npos) return "";
  std::string prefix = url.substr(slash);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return prefix;
}

Result<XapiResult> GetStatements(ApiServices& s, XapiCall& call) {
  std::optional<std::pair<int64_t, int64_t>> after;
  XapiCall query = call;
  if (call.Param("more")) {
    std::pair<int64_t, int64_t> position;
    ASSIGN_OR_RETURN(query, FromMoreToken(call, position));
    after = position;
  }
  XapiResult result;
  const bool single = query.Param("statementId") || query.Param("voidedStatementId");
  if (single) {
    if (query.Param("statementId") && query.Param("voidedStatementId")) {
      return Invalid("give statementId or voidedStatementId, not both", "voidedStatementId");
    }
    RETURN_IF_ERROR(
        query.OnlyParams({"statementId", "voidedStatementId", "format", "attachments"}));
    const bool voided = query.Param("voidedStatementId").has_value();
    ASSIGN_OR_RETURN(auto format, FormatParam(query));
    ASSIGN_OR_RETURN(bool with_attachments, BoolParam(query, "attachments", false));
    AttachmentPayloads attachments;
    ASSIGN_OR_RETURN(
        json stmt,
        s.statements.Get(*call.client, *query.Param(voided ? "voidedStatementId" : "statementId"),
                         voided, format, Languages(call.Header("accept-language")),
                         with_attachments ? &attachments : nullptr));
    result = Respond(stmt, attachments, with_attachments);
    if (auto stored = TimestampMillis(stmt.value("stored", "")); stored.ok()) {
      result.headers.emplace_back("Last-Modified", FormatHttpDate(*stored));
    }
  } else {
    ASSIGN_OR_RETURN(auto params, QueryParams(query));
    params.after = after;
    ASSIGN_OR_RETURN(auto page, s.statements.Query(*call.client, params));
    json body = {{"statements", page.statements}, {"more", ""}};
    if (page.next) {
      body["more"] = PathPrefix(s.config) + "/xapi/statements?more=" + MoreToken(query, *page.next);
    }
    result = Respond(body, page.attachments, params.attachments);
  }
  return result;
}

}  // namespace

void AddXapiStatementRoutes(HttpServer& server, ApiServices& s) {
  AddXapiResource(
      server, s.lrs_credentials, "/xapi/statements", static_cast<size_t>(s.config.max_body_bytes),
      {.get_headers =
           [&s] {
             return std::vector<std::pair<std::string, std::string>>{
                 {"X-Experience-API-Consistent-Through",
                  FormatIso8601Millis(s.statements.ConsistentThrough())}};
           }},
      [&s](XapiCall& call) -> Result<XapiResult> {
        if (call.method == "GET" || call.method == "HEAD") return GetStatements(s, call);
        if (call.method == "PUT") {
          RETURN_IF_ERROR(call.OnlyParams({"statementId"}));
          auto id = call.Param("statementId");
          if (!id) return Invalid("PUT needs the statementId parameter", "statementId");
          ASSIGN_OR_RETURN(auto in, ReadBody(call));
          RETURN_IF_ERROR(
              s.statements.Put(*call.client, *id, std::move(in.statements), in.attachments));
          return XapiNoContent();
        }
        if (call.method == "POST") {
          RETURN_IF_ERROR(call.OnlyParams({}));
          ASSIGN_OR_RETURN(auto in, ReadBody(call));
          ASSIGN_OR_RETURN(
              auto ids, s.statements.Store(*call.client, std::move(in.statements), in.attachments));
          return XapiJson(ids);
        }
        XapiResult refused = XapiJson(
            {{"error",
              {{"code", "method_not_allowed"},
               {"message", "statements cannot be deleted: void them with a voiding statement"}}}},
            405);
        refused.headers.emplace_back("Allow", "GET, HEAD, PUT, POST");
        return refused;
      });
}

}  // namespace attune
