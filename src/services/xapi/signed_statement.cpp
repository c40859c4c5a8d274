#include "services/xapi/signed_statement.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <utility>

#include "core/base64.h"
#include "services/xapi/statement_validator.h"

namespace attune::xapi {
namespace {

using nlohmann::json;

Error Invalid(std::string message, std::string field = {}) {
  return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view TrimWhitespace(std::string_view s) {
  constexpr std::string_view kWhitespace = " \t\r\n";
  size_t start = s.find_first_not_of(kWhitespace);
  if (start == std::string_view::npos) return {};
  return s.substr(start, s.find_last_not_of(kWhitespace) - start + 1);
}

// ---- JWS (RFC 7515) ----

struct CompactJws {
  std::string_view signing_input;  // BASE64URL(header) "." BASE64URL(payload), as sent
  json header;
  json payload;
  std::string signature;
};

Result<std::string> DecodeSegment(std::string_view segment, std::string_view what) {
  // RFC 7515 section 2: base64url with the trailing "=" omitted.
  auto decoded =
      segment.find('=') == std::string_view::npos ? Base64UrlDecode(segment) : std::nullopt;
  if (!decoded) return Invalid("the JWS " + std::string(what) + " is not valid base64url");
  return *std::move(decoded);
}

Result<CompactJws> ParseCompactJws(std::string_view text) {
  // A signature file written with a trailing newline is still the same signature.
  text = TrimWhitespace(text);
  if (!text.empty() && text.front() == '{') {
    return Invalid(
        "the signature uses the JWS JSON serialization; only the compact serialization "
        "(header.payload.signature) is accepted");
  }
  size_t first_dot = text.find('.');
  size_t second_dot =
      first_dot == std::string_view::npos ? first_dot : text.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos ||
      text.find('.', second_dot + 1) != std::string_view::npos) {
    return Invalid(
        "the signature is not a JWS in compact serialization (three base64url parts joined by "
        "\".\")");
  }
  CompactJws jws;
  jws.signing_input = text.substr(0, second_dot);
  ASSIGN_OR_RETURN(std::string header, DecodeSegment(text.substr(0, first_dot), "header"));
  ASSIGN_OR_RETURN(
      std::string payload,
      DecodeSegment(text.substr(first_dot + 1, second_dot - first_dot - 1), "payload"));
  ASSIGN_OR_RETURN(jws.signature, DecodeSegment(text.substr(second_dot + 1), "signature"));
  jws.header = json::parse(header, nullptr, /*allow_exceptions=*/false);
  if (!jws.header.is_object()) return Invalid("the JWS header is not a JSON object");
  jws.payload = json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (jws.payload.is_discarded()) return Invalid("the JWS payload is not valid JSON");
  return jws;
}

// The digest of an RSASSA-PKCS1-v1_5 JWS algorithm, the only ones Data 2.6 allows.
const EVP_MD* DigestForAlgorithm(std::string_view alg) {
  if (alg == "RS256") return EVP_sha256();
  if (alg == "RS384") return EVP_sha384();
  if (alg == "RS512") return EVP_sha512();
  return nullptr;
}

struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

// Verifies the signature with the public key of the first x5c certificate (RFC 7515 4.1.6: the
// certificate containing the signing key comes first; each entry is base64, not base64url, DER).
Status VerifyWithCertificate(const CompactJws& jws, const EVP_MD* digest) {
  const json& x5c = jws.header["x5c"];
  if (!x5c.is_array() || x5c.empty() ||
      !std::all_of(x5c.begin(), x5c.end(), [](const json& c) { return c.is_string(); })) {
    return Invalid("the JWS header's x5c must be a non-empty array of base64 certificates");
  }
  std::optional<std::string> der = Base64Decode(x5c[0].get_ref<const std::string&>());
  if (!der) return Invalid("the first x5c certificate is not valid base64");
  const auto* cursor = reinterpret_cast<const unsigned char*>(der->data());
  std::unique_ptr<X509, X509Free> cert(d2i_X509(nullptr, &cursor, static_cast<long>(der->size())));
  if (!cert || cursor != reinterpret_cast<const unsigned char*>(der->data()) + der->size()) {
    ERR_clear_error();
    return Invalid("the first x5c certificate is not a DER X.509 certificate");
  }
  EVP_PKEY* key = X509_get0_pubkey(cert.get());  // owned by the certificate
  if (key == nullptr || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
    ERR_clear_error();
    return Invalid("the first x5c certificate does not hold an RSA key, which RS256/384/512 need");
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  const auto* signature = reinterpret_cast<const unsigned char*>(jws.signature.data());
  const auto* input = reinterpret_cast<const unsigned char*>(jws.signing_input.data());
  bool verified = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, digest, nullptr, key) == 1 &&
                  EVP_DigestVerify(ctx.get(), signature, jws.signature.size(), input,
                                   jws.signing_input.size()) == 1;
  // Failures leave entries on OpenSSL's per-thread error queue; other users of it (TLS) would
  // otherwise read them as their own.
  ERR_clear_error();
  if (!verified) {
    return Invalid("the JWS signature does not verify with the key of its x5c certificate");
  }
  return Ok();
}

// ---- Statement comparison (Data 2.3.1) ----
//
// Differences that the exceptions to Statement immutability could have caused are ignored:
// - b1, properties the LRS assigns: "authority", "stored" and "version" are ignored outright.
//   "id" and "timestamp" are ignored when the payload lacks them (the LRS may assign them after
//   signing); when the payload has them the Statement must have the same, since an LRS assigns
//   and never removes or changes them. Timestamps are compared as instants (b4), and to the
//   millisecond, because an LRS may truncate or round them to that precision (Data 4.5).
// - b2, Activity Definitions and b3, Verb "display": not part of the Statement, so ignored.
// - b5, the members of a Group are compared as an unordered list.
// - b6, "attachments": not part of the Statement. This is also what makes comparison possible at
//   all: the signature Attachment cannot be in the payload it signs (see Appendix D).
// - b7, case-insensitive values: the domain of an mbox, mbox_sha1sum hex, language tags; UUIDs
//   are lower-cased by ValidateStatement, which both sides pass through first.
// Everything else, "result.duration" included (b8), must be identical.

// The string value of object[key], or "" when it is absent or not a string.
std::string StringField(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

bool IsActivity(const json& object) {
  return !object.contains("objectType") || object["objectType"] == "Activity";
}

void LowerString(json& v) {
  if (v.is_string()) v = Lower(v.get_ref<const std::string&>());
}

void ComparableAgentOrGroup(json& actor) {
  if (!actor.is_object()) return;
  if (actor.contains("mbox") && actor["mbox"].is_string()) {
    std::string mbox = actor["mbox"].get<std::string>();
    size_t at = mbox.rfind('@');
    if (at != std::string::npos) mbox = mbox.substr(0, at) + Lower(mbox.substr(at));
    actor["mbox"] = mbox;
  }
  if (actor.contains("mbox_sha1sum")) LowerString(actor["mbox_sha1sum"]);
  if (actor.contains("member") && actor["member"].is_array()) {
    json& members = actor["member"];
    for (json& member : members) ComparableAgentOrGroup(member);
    std::sort(members.begin(), members.end(),
              [](const json& a, const json& b) { return a.dump() < b.dump(); });
  }
}

void ComparableBody(json& s);

void ComparableObject(json& object) {
  if (IsActivity(object)) {
    object.erase("definition");
  } else if (object["objectType"] == "SubStatement") {
    object.erase("timestamp");  // compared as an instant by TimestampsMatch
    object.erase("attachments");
    ComparableBody(object);
  } else if (object["objectType"] == "Agent" || object["objectType"] == "Group") {
    ComparableAgentOrGroup(object);
  }
}

void ComparableContext(json& context) {
  if (context.contains("instructor")) ComparableAgentOrGroup(context["instructor"]);
  if (context.contains("team")) ComparableAgentOrGroup(context["team"]);
  if (context.contains("language")) LowerString(context["language"]);
  if (context.contains("contextActivities")) {
    for (auto& [kind, activities] : context["contextActivities"].items()) {
      if (!activities.is_array()) continue;
      for (json& activity : activities) activity.erase("definition");
    }
  }
}

// The properties a Statement shares with a SubStatement.
void ComparableBody(json& s) {
  ComparableAgentOrGroup(s["actor"]);
  s["verb"].erase("display");
  ComparableObject(s["object"]);
  if (s.contains("context")) ComparableContext(s["context"]);
}

json ComparableForm(json statement) {
  for (const char* key : {"id", "timestamp", "authority", "stored", "version", "attachments"}) {
    statement.erase(key);
  }
  ComparableBody(statement);
  return statement;
}

// A normalised timestamp ("YYYY-MM-DDThh:mm:ss[.f...]Z") as seconds and nanoseconds since the
// epoch; nullopt if it is not in that form.
std::optional<std::pair<int64_t, int64_t>> Instant(std::string_view t) {
  int year, month, day, hour, minute, second;
  if (t.size() < 20 || t.back() != 'Z' ||
      std::sscanf(std::string(t).c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &year, &month, &day, &hour,
                  &minute, &second) != 6) {
    return std::nullopt;
  }
  // Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
  int64_t y = month <= 2 ? year - 1 : year;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  int64_t days = era * 146097 + doe - 719468;
  int64_t nanos = 0;
  std::string_view fraction = t.substr(19, t.size() - 20);  // between the seconds and the 'Z'
  if (!fraction.empty()) {
    if (fraction.front() != '.') return std::nullopt;
    fraction.remove_prefix(1);
    for (size_t i = 0; i < 9; ++i) {
      char digit = i < fraction.size() ? fraction[i] : '0';
      if (digit < '0' || digit > '9') return std::nullopt;
      nanos = nanos * 10 + (digit - '0');
    }
  }
  return std::make_pair(((days * 24 + hour) * 60 + minute) * 60 + second, nanos);
}

bool SameInstantToTheMillisecond(const std::string& a, const std::string& b) {
  auto x = Instant(a);
  auto y = Instant(b);
  if (!x || !y) return a == b;
  int64_t seconds = x->first - y->first;
  if (seconds > 1 || seconds < -1) return false;
  int64_t difference = seconds * 1'000'000'000 + x->second - y->second;
  return difference > -1'000'000 && difference < 1'000'000;
}

Status TimestampsMatch(const json& payload, const json& statement, const std::string& path,
                       bool lrs_may_assign) {
  if (!payload.contains("timestamp")) {
    if (lrs_may_assign || !statement.contains("timestamp")) return Ok();
    return Invalid("the JWS payload has no " + path + " but the Statement has one");
  }
  const std::string& signed_time = payload["timestamp"].get_ref<const std::string&>();
  if (!statement.contains("timestamp")) {
    return Invalid("the JWS payload has " + path + " " + signed_time +
                   " but the Statement has none");
  }
  const std::string& time = statement["timestamp"].get_ref<const std::string&>();
  if (!SameInstantToTheMillisecond(signed_time, time)) {
    return Invalid("the JWS payload has " + path + " " + signed_time + " but the Statement has " +
                   time);
  }
  return Ok();
}

Result<json> Normalised(const json& statement, std::string_view what) {
  ValidationOptions options;
  options.allow_lrs_set_properties = true;  // both are ignored, and an LRS may have set them
  auto validated = ValidateStatement(statement, options);
  if (!validated.ok()) {
    const Error& e = validated.error();
    return Invalid(std::string(what) + " is not a valid Statement: " +
                   (e.field.empty() ? "" : e.field + " ") + e.message);
  }
  return std::move(validated->statement);
}

Status PayloadMatchesStatement(const json& payload_json, const json& statement_json) {
  if (!payload_json.is_object()) return Invalid("the JWS payload is not a Statement object");
  ASSIGN_OR_RETURN(json payload, Normalised(payload_json, "the JWS payload"));
  ASSIGN_OR_RETURN(json statement, Normalised(statement_json, "the signed Statement"));

  if (payload.contains("id")) {
    const std::string& signed_id = payload["id"].get_ref<const std::string&>();
    if (!statement.contains("id") || statement["id"] != signed_id) {
      return Invalid("the JWS payload has id " + signed_id + " but the Statement has " +
                     (statement.contains("id") ? statement["id"].get<std::string>() : "none"));
    }
  }
  RETURN_IF_ERROR(TimestampsMatch(payload, statement, "timestamp", /*lrs_may_assign=*/true));
  const json& signed_object = payload["object"];
  const json& object = statement["object"];
  if (StringField(signed_object, "objectType") == "SubStatement" &&
      StringField(object, "objectType") == "SubStatement") {
    RETURN_IF_ERROR(
        TimestampsMatch(signed_object, object, "object/timestamp", /*lrs_may_assign=*/false));
  }

  json signed_form = ComparableForm(std::move(payload));
  json form = ComparableForm(std::move(statement));
  if (signed_form != form) {
    json patch = json::diff(signed_form, form);
    std::string where = patch.empty() ? "" : " at " + patch[0].value("path", "");
    return Invalid("the JWS payload is not the Statement: they differ" + where);
  }
  return Ok();
}

Status VerifySignature(std::string_view jws_text, const json& statement) {
  ASSIGN_OR_RETURN(CompactJws jws, ParseCompactJws(jws_text));
  const json alg = jws.header.value("alg", json());
  const EVP_MD* digest = alg.is_string() ? DigestForAlgorithm(alg.get<std::string>()) : nullptr;
  if (digest == nullptr) {
    return Invalid("the JWS algorithm must be RS256, RS384 or RS512, not " +
                   (alg.is_null() ? std::string("missing") : alg.dump()));
  }
  // RFC 7515 4.1.11: extensions listed in "crit" must be understood, and none are here.
  if (jws.header.contains("crit")) {
    return Invalid("the JWS header lists critical extensions (crit), which are not supported");
  }
  if (jws.signature.empty()) return Invalid("the JWS signature is empty");
  if (jws.header.contains("x5c")) RETURN_IF_ERROR(VerifyWithCertificate(jws, digest));
  return PayloadMatchesStatement(jws.payload, statement);
}

}  // namespace

bool IsSignedStatement(const nlohmann::json& statement) {
  if (!statement.is_object() || !statement.contains("attachments")) return false;
  const json& attachments = statement["attachments"];
  return attachments.is_array() &&
         std::any_of(attachments.begin(), attachments.end(), [](const json& a) {
           return a.is_object() && StringField(a, "usageType") == kSignatureUsageType;
         });
}

Status VerifyStatementSignature(const nlohmann::json& statement,
                                const std::map<std::string, std::string>& attachment_data) {
  if (!IsSignedStatement(statement)) return Ok();
  const json& attachments = statement["attachments"];
  for (size_t i = 0; i < attachments.size(); ++i) {
    const json& attachment = attachments[i];
    if (!attachment.is_object() || StringField(attachment, "usageType") != kSignatureUsageType) {
      continue;
    }
    const std::string field = "/attachments/" + std::to_string(i);
    std::string content_type = StringField(attachment, "contentType");
    if (Lower(TrimWhitespace(content_type.substr(0, content_type.find(';')))) !=
        "application/octet-stream") {
      return Invalid("a signature Attachment must have contentType application/octet-stream, not " +
                         content_type,
                     field + "/contentType");
    }
    std::string sha2 = Lower(StringField(attachment, "sha2"));
    auto data = attachment_data.find(sha2);
    if (data == attachment_data.end()) {
      return Invalid("the signature Attachment's data (sha2 " + sha2 +
                         ") is not in the request, so the signature cannot be checked",
                     field + "/sha2");
    }
    Status verified = VerifySignature(data->second, statement);
    if (!verified.ok()) {
      return Invalid("invalid statement signature: " + verified.error().message, field);
    }
  }
  return Ok();
}

}  // namespace attune::xapi
