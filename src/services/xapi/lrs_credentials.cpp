#include "services/xapi/lrs_credentials.h"

#include <algorithm>

#include "core/base64.h"
#include "core/utf8.h"
#include "services/permissions.h"
#include "services/secrets.h"

namespace attune {
namespace {

constexpr std::string_view kKeyPrefix = "lrs_";
const char* kBadCredentials = "send 'Authorization: Basic' with an LRS key and secret";

bool Has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

Result<NewLrsCredential> LrsCredentialService::Create(const Principal& p, const std::string& name,
                                                      const std::vector<std::string>& scopes) {
  RETURN_IF_ERROR(Require(p, Permission::kLrsCredentialsWrite));
  if (name.empty() || name.size() > 100 || !IsValidUtf8(name)) {
    return Error(ErrorCode::kInvalidArgument, "name must be 1 to 100 characters", "name");
  }
  if (scopes.empty()) {
    return Error(ErrorCode::kInvalidArgument, "give at least one scope: read, write", "scopes");
  }
  std::vector<std::string> sorted;
  for (const auto& s : scopes) {
    if (s != "read" && s != "write") {
      return Error(ErrorCode::kInvalidArgument, "unknown scope '" + s + "'; use read or write",
                   "scopes");
    }
    if (!Has(sorted, s)) sorted.push_back(s);
  }
  std::sort(sorted.begin(), sorted.end());
  NewLrsCredential out;
  out.secret = ctx_.random.Hex(24);
  out.record.key = std::string(kKeyPrefix) + ctx_.random.Hex(10);
  out.record.org_id = p.org_id;
  out.record.name = name;
  out.record.secret_hash = Sha256Hex(out.secret);
  out.record.scopes = sorted;
  out.record.created_by = p.person_id;
  out.record.created_at = ctx_.clock.NowMillis();
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.lrs_credentials().Insert(out.record));
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "lrs.credential_created", out.record.key,
                             nlohmann::json{{"name", name}, {"scopes", sorted}}.dump());
  }));
  return out;
}

Result<std::vector<LrsCredential>> LrsCredentialService::List(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kLrsCredentialsRead));
  std::vector<LrsCredential> out;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.lrs_credentials().ListByOrg(p.org_id));
    return Ok();
  }));
  for (auto& c : out) c.secret_hash.clear();
  return out;
}

Status LrsCredentialService::Revoke(const Principal& p, const std::string& key) {
  RETURN_IF_ERROR(Require(p, Permission::kLrsCredentialsWrite));
  return ctx_.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(bool revoked,
                     tx.lrs_credentials().Revoke(p.org_id, key, ctx_.clock.NowMillis()));
    if (!revoked) return Error(ErrorCode::kNotFound, "no live LRS credential " + key);
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "lrs.credential_revoked", key);
  });
}

Result<LrsClient> LrsCredentialService::Authenticate(const std::string& authorization) const {
  const Error bad(ErrorCode::kUnauthenticated, kBadCredentials);
  if (authorization.size() < 7 || authorization.size() > 512) return bad;
  std::string scheme = authorization.substr(0, 6);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), ::tolower);
  if (scheme != "basic ") return bad;
  std::string_view encoded(authorization);
  encoded.remove_prefix(6);
  while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
  auto decoded = Base64Decode(encoded);
  if (!decoded) return bad;
  size_t colon = decoded->find(':');
  if (colon == std::string::npos) return bad;
  const std::string key = decoded->substr(0, colon);
  const std::string secret_hash = Sha256Hex(decoded->substr(colon + 1));
  std::optional<LrsCredential> found;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(found, tx.lrs_credentials().Find(key));
    return Ok();
  }));
  if (!found || found->revoked_at || !ConstantTimeEquals(found->secret_hash, secret_hash)) {
    return bad;
  }
  LrsClient client;
  client.org_id = found->org_id;
  client.key = found->key;
  client.can_read = Has(found->scopes, "read");
  client.can_write = Has(found->scopes, "write");
  client.authority = AuthorityFor(*found);
  return client;
}

nlohmann::json LrsCredentialService::AuthorityFor(const LrsCredential& c) const {
  const std::string home = ctx_.config.IdentityBaseUrl();
  return {{"objectType", "Agent"},
          {"name", c.name},
          {"account", {{"homePage", home + "/xapi"}, {"name", c.key}}}};
}

}  // namespace attune
