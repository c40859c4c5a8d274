#include "http/xapi_protocol.h"

#include <httplib.h>

#include <algorithm>
#include <ctime>

#include "core/utf8.h"
#include "http/error_mapping.h"
#include "services/xapi/statement_service.h"
#include "services/xapi/statement_validator.h"
#include "services/xapi/strict_json.h"
#include "services/xapi/xapi_formats.h"

namespace attune {
namespace {

using nlohmann::json;

Error Invalid(std::string message, std::string field = {}) {
  return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

// Parses "a=1&b=2" with percent-decoding; a repeated name is an error (which value would win?).
Result<std::map<std::string, std::string>> ParseForm(const std::string& text) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos <= text.size() && !text.empty()) {
    size_t amp = text.find('&', pos);
    if (amp == std::string::npos) amp = text.size();
    std::string pair = text.substr(pos, amp - pos);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string name = httplib::detail::decode_url(pair.substr(0, eq), true);
      std::string value =
          eq == std::string::npos ? "" : httplib::detail::decode_url(pair.substr(eq + 1), true);
      if (!out.emplace(name, value).second) {
        return Invalid("the parameter " + name + " is given twice", name);
      }
    }
    pos = amp + 1;
    if (amp == text.size()) break;
  }
  return out;
}

// Header names the alternate request syntax may carry as form fields (Communication 1.3).
bool IsFormHeader(const std::string& lower) {
  static const std::set<std::string> kHeaders = {"authorization", "x-experience-api-version",
                                                 "content-type",  "content-length",
                                                 "if-match",      "if-none-match"};
  return kHeaders.count(lower) > 0;
}

Result<XapiCall> Unfold(const ApiRequest& r) {
  XapiCall call;
  const std::string& target = r.raw.target;
  const size_t q = target.find('?');
  ASSIGN_OR_RETURN(auto query, ParseForm(q == std::string::npos ? "" : target.substr(q + 1)));
  for (const auto& [name, value] : r.raw.headers) call.headers[AsciiLower(name)] = value;
  call.method = r.raw.method;
  if (call.method != "POST" || !query.count("method")) {
    call.params = std::move(query);
    call.body = r.raw.body;
    return call;
  }
  // Alternate request syntax: POST ?method=X with everything else in a form body.
  if (query.size() != 1) {
    return Invalid("with the alternate request syntax, method must be the only query parameter",
                   "method");
  }
  call.method = query["method"];
  if (call.method != "GET" && call.method != "PUT" && call.method != "POST" &&
      call.method != "DELETE") {
    return Invalid("method must be GET, PUT, POST or DELETE", "method");
  }
  if (AsciiLower(call.Header("content-type")).rfind("application/x-www-form-urlencoded", 0) != 0) {
    return Error(ErrorCode::kUnsupportedMediaType,
                 "the alternate request syntax needs Content-Type "
                 "application/x-www-form-urlencoded");
  }
  ASSIGN_OR_RETURN(auto form, ParseForm(r.raw.body));
  // The content's type is a form field; JSON when none is given.
  call.headers["content-type"] = "application/json";
  call.headers.erase("content-length");
  for (auto& [name, value] : form) {
    const std::string lower = AsciiLower(name);
    if (lower == "content") {
      call.body = std::move(value);
    } else if (IsFormHeader(lower)) {
      call.headers[lower] = std::move(value);
    } else {
      call.params[name] = std::move(value);
    }
  }
  return call;
}

Status CheckVersion(const XapiCall& call) {
  const std::string v = call.Header("x-experience-api-version");
  if (v.empty()) {
    return Invalid("send the X-Experience-API-Version header (1.0.3)", "X-Experience-API-Version");
  }
  // 1.0.x clients, and 2.0.0 clients, whose requests this LRS reads as a superset of 1.0.3.
  const bool ok = v == "1.0" || (v.rfind("1.0.", 0) == 0 && v.size() == 5 && std::isdigit(v[4])) ||
                  v == "2.0.0";
  if (!ok) {
    return Invalid("X-Experience-API-Version " + v + " is not supported; use 1.0.3",
                   "X-Experience-API-Version");
  }
  return Ok();
}

int XapiStatusFor(ErrorCode code) {
  // xAPI answers failed If-Match / If-None-Match with 412, and a wrong Content-Type with 400
  // (Communication 1.5, as the conformance suite reads it).
  if (code == ErrorCode::kFailedPrecondition) return 412;
  if (code == ErrorCode::kUnsupportedMediaType) return 400;
  return HttpStatusFor(code);
}

ApiResponse ToApi(XapiResult r) {
  ApiResponse out;
  out.status = r.status;
  out.raw_body = std::move(r.body);
  out.content_type = r.content_type;
  out.headers = std::move(r.headers);
  out.headers.emplace_back("X-Experience-API-Version", kXapiVersion);
  return out;
}

ApiResponse ErrorResponse(const Error& e, const std::string& request_id) {
  XapiResult r;
  r.status = XapiStatusFor(e.code);
  r.body = ErrorBody(ErrorCodeName(e.code), e.message, request_id, e.field);
  if (e.code == ErrorCode::kUnauthenticated) {
    r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"xAPI\"");
  }
  return ToApi(std::move(r));
}

}  // namespace

std::string XapiCall::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

std::optional<std::string> XapiCall::Param(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return it->second;
}

Status XapiCall::OnlyParams(const std::set<std::string>& allowed) const {
  for (const auto& [name, value] : params) {
    if (!allowed.count(name)) return Invalid("unknown parameter " + name, name);
  }
  return Ok();
}

Result<bool> BoolParam(const XapiCall& call, const std::string& name, bool fallback) {
  auto v = call.Param(name);
  if (!v) return fallback;
  if (*v == "true") return true;
  if (*v == "false") return false;
  return Invalid(name + " must be true or false", name);
}

Result<std::optional<int64_t>> TimestampParam(const XapiCall& call, const std::string& name) {
  auto v = call.Param(name);
  if (!v) return std::optional<int64_t>();
  auto ms = TimestampMillis(*v);
  if (!ms.ok()) return Invalid(name + " must be an ISO 8601 timestamp with a time zone", name);
  return std::optional<int64_t>(*ms);
}

Result<std::optional<json>> AgentParam(const XapiCall& call, const std::string& name) {
  auto v = call.Param(name);
  if (!v) return std::optional<json>();
  auto parsed = xapi::ParseStrictJson(*v);
  if (!parsed.ok() || !parsed->is_object()) {
    return Invalid(name + " must be an Agent as a JSON object", name);
  }
  // The statement validator knows every Agent rule: borrow it with a minimal statement.
  json probe = {{"actor", *parsed},
                {"verb", {{"id", "http://adlnet.gov/expapi/verbs/experienced"}}},
                {"object", {{"id", "http://example.com/probe"}}}};
  auto checked = xapi::ValidateStatement(probe);
  if (!checked.ok()) {
    return Invalid(name + " is not a valid Agent: " + checked.error().field.substr(6) + " " +
                       checked.error().message,
                   name);
  }
  return std::optional<json>(checked->statement["actor"]);
}

Result<std::optional<std::string>> IriParam(const XapiCall& call, const std::string& name) {
  auto v = call.Param(name);
  if (v && !xapi::IsIri(*v)) return Invalid(name + " must be an IRI", name);
  return v;
}

Result<std::optional<std::string>> UuidParam(const XapiCall& call, const std::string& name) {
  auto v = call.Param(name);
  if (!v) return v;
  if (!xapi::IsUuid(*v)) return Invalid(name + " must be a UUID", name);
  return std::optional<std::string>(AsciiLower(*v));
}

void AddXapiResource(HttpServer& server, LrsCredentialService& credentials, const std::string& path,
                     size_t max_body, XapiRouteOptions options, XapiHandler handler) {
  auto respond = [&credentials, options, handler](ApiRequest& r) -> ApiResponse {
    auto call = Unfold(r);
    if (!call.ok()) return ErrorResponse(call.error(), r.request_id);
    if (!options.public_resource) {
      if (Status v = CheckVersion(*call); !v.ok()) return ErrorResponse(v.error(), r.request_id);
      auto client = credentials.Authenticate(call->Header("authorization"));
      if (!client.ok()) return ErrorResponse(client.error(), r.request_id);
      call->client = std::move(*client);
    }
    auto out = handler(*call);
    if (!out.ok()) return ErrorResponse(out.error(), r.request_id);
    return ToApi(std::move(*out));
  };
  auto wrapped = [respond, options](ApiRequest& r) -> Result<ApiResponse> {
    ApiResponse out = respond(r);
    if (options.get_headers && (r.raw.method == "GET" || r.raw.method == "HEAD" ||
                                r.raw.get_param_value("method") == "GET")) {
      for (auto& h : options.get_headers()) out.headers.push_back(std::move(h));
    }
    return out;
  };
  for (const char* method : {"GET", "PUT", "POST", "DELETE"}) {
    RouteSpec spec;
    spec.method = method;
    spec.path = path;
    spec.auth = AuthMode::kPublic;  // HTTP Basic with LRS credentials, checked above
    spec.body = std::string(method) == "GET" ? BodyKind::kNone : BodyKind::kAny;
    spec.max_body_bytes = max_body;
    // The xAPI specification documents these (docs/xapi.md), not openapi.json.
    spec.documented = false;
    spec.handler = wrapped;
    server.AddRoute(std::move(spec));
  }
}

}  // namespace attune
