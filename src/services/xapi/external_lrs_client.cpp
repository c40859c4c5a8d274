#include "services/xapi/external_lrs_client.h"

#include <httplib.h>

#include "core/base64.h"
#include "core/http_url.h"
#include "core/utf8.h"
#include "services/xapi/multipart.h"

namespace attune {
namespace {

// The origin and the path (ending in '/') of an endpoint.
std::optional<HttpUrl> Parse(const std::string& endpoint) {
  auto url = ParseHttpUrl(endpoint);
  if (url && (url->path.empty() || url->path.back() != '/')) url->path += '/';
  return url;
}

// What the other LRS said, shortened for the admin's status page.
std::string Said(const httplib::Result& res) {
  std::string body = res->body.substr(0, 300);
  if (!IsValidUtf8(body)) body = "(a body that is not text)";
  for (char& c : body) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return "the external LRS answered " + std::to_string(res->status) +
         (body.empty() ? "" : ": " + body);
}

}  // namespace

Result<std::string> NormaliseLrsEndpoint(const std::string& endpoint) {
  auto parsed = Parse(endpoint);
  if (!parsed) {
    return Error(ErrorCode::kInvalidArgument,
                 "endpoint must be the other LRS's xAPI base URL, http(s)://host[:port]/path/",
                 "endpoint");
  }
  // The scheme and host as given (not the normalised port), with the path ending in '/'.
  std::string out = endpoint;
  if (out.back() != '/') out += '/';
  return out;
}

DeliveryOutcome ExternalLrsClient::Post(const std::vector<std::string>& statements,
                                        const AttachmentPayloads& attachments) const {
  std::string body = "[";
  for (size_t i = 0; i < statements.size(); ++i) {
    if (i) body += ',';
    body += statements[i];
  }
  body += ']';
  return Send("POST", "statements", body, attachments);
}

DeliveryOutcome ExternalLrsClient::Put(const std::string& id, const std::string& statement,
                                       const AttachmentPayloads& attachments) const {
  return Send("PUT", "statements?statementId=" + id, statement, attachments);
}

DeliveryOutcome ExternalLrsClient::Send(const std::string& method,
                                        const std::string& path_and_query,
                                        const std::string& json_body,
                                        const AttachmentPayloads& attachments) const {
  DeliveryOutcome out;
  auto parsed = Parse(lrs_.endpoint);
  if (!parsed) {
    out.message = "the endpoint " + lrs_.endpoint + " is not a URL";
    return out;
  }
  httplib::Client client(parsed->origin);  // certificates are verified for https
  const auto timeout = std::chrono::milliseconds(lrs_.timeout_ms);
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  httplib::Headers headers = {
      {"X-Experience-API-Version", "1.0.3"},
      {"Authorization", "Basic " + Base64Encode(lrs_.username + ":" + lrs_.password)},
  };
  std::string body = json_body, content_type = "application/json";
  if (!attachments.empty()) {
    std::vector<xapi::OutgoingAttachment> parts;
    for (const auto& [sha2, payload] : attachments) {
      parts.push_back({sha2, payload.content_type, payload.content});
    }
    const std::string boundary = xapi::ChooseBoundary(json_body, parts);
    body = xapi::BuildMultipart(json_body, parts, boundary);
    content_type = xapi::MultipartContentType(boundary);
  }
  const std::string path = parsed->path + path_and_query;
  auto res = method == "PUT" ? client.Put(path, headers, body, content_type)
                             : client.Post(path, headers, body, content_type);
  if (!res) {
    out.message = "could not reach the external LRS: " + httplib::to_string(res.error());
    return out;
  }
  out.status = res->status;
  out.message = Said(res);
  if (res->status >= 200 && res->status < 300) {
    out.kind = DeliveryOutcome::Kind::kStored;
  } else if (res->status >= 400 && res->status < 500 && res->status != 401 && res->status != 403 &&
             res->status != 404 && res->status != 408 && res->status != 429) {
    // 404 is retried too: it means a wrong endpoint path, which the admin will fix, not a bad
    // statement.
    out.kind = DeliveryOutcome::Kind::kRefused;
  }
  if (res->has_header("Retry-After")) {
    const std::string v = res->get_header_value("Retry-After");
    if (!v.empty() && v.size() < 7 && v.find_first_not_of("0123456789") == std::string::npos) {
      out.retry_after_s = std::stoi(v);
    }
  }
  return out;
}

}  // namespace attune
