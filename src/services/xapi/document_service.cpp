#include "services/xapi/document_service.h"

#include <openssl/sha.h>

#include "core/utf8.h"
#include "services/xapi/statement_index.h"
#include "services/xapi/strict_json.h"
#include "services/xapi/xapi_formats.h"

namespace attune {
namespace {

using nlohmann::json;

Error Invalid(std::string message, std::string field) {
  return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

const char* KindName(DocumentKind k) {
  switch (k) {
    case DocumentKind::kState:
      return "state";
    case DocumentKind::kActivityProfile:
      return "activity_profile";
    case DocumentKind::kAgentProfile:
      return "agent_profile";
  }
  return "state";
}

bool IsJsonType(const std::string& content_type) {
  return content_type.rfind("application/json", 0) == 0;
}

// An If-Match / If-None-Match header: "*" or a list of (possibly weak) entity tags.
bool EtagListMatches(const std::string& header, const std::string& etag) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t comma = header.find(',', pos);
    if (comma == std::string::npos) comma = header.size();
    std::string item = header.substr(pos, comma - pos);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item.rfind("W/", 0) == 0) item = item.substr(2);
    if (item == "*" || item == etag) return true;
    // Clients also send the hash unquoted.
    if ("\"" + item + "\"" == etag) return true;
    pos = comma + 1;
  }
  return false;
}

Status CheckPreconditions(const std::optional<DocumentRecord>& current,
                          const std::optional<std::string>& if_match,
                          const std::optional<std::string>& if_none_match) {
  if (if_match && (!current || !EtagListMatches(*if_match, current->etag))) {
    return Error(ErrorCode::kFailedPrecondition,
                 current ? "If-Match does not match the document's current ETag " + current->etag
                         : "If-Match was given but there is no such document");
  }
  if (if_none_match && current && EtagListMatches(*if_none_match, current->etag)) {
    return Error(ErrorCode::kFailedPrecondition,
                 "If-None-Match: the document exists (ETag " + current->etag + ")");
  }
  return Ok();
}

}  // namespace

std::string DocumentEtag(std::string_view content) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(content.data()), content.size(), digest);
  static const char* kHex = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out + "\"";
}

Result<DocumentKey> DocumentService::KeyFor(const LrsClient& client, const DocumentScope& scope,
                                            const std::string& doc_id) const {
  DocumentKey key;
  key.org_id = client.org_id;
  key.kind = KindName(scope.kind);
  key.doc_id = doc_id;
  if (doc_id.size() > kMaxIdBytes || !IsValidUtf8(doc_id)) {
    return Invalid("the document id must be valid UTF-8 of at most 1024 bytes", "id");
  }
  if (scope.kind != DocumentKind::kAgentProfile) {
    if (scope.activity_id.empty()) return Invalid("activityId is required", "activityId");
    if (!xapi::IsIri(scope.activity_id)) return Invalid("activityId must be an IRI", "activityId");
    key.activity_id = scope.activity_id;
  }
  if (scope.kind != DocumentKind::kActivityProfile) {
    if (!scope.agent) return Invalid("agent is required", "agent");
    auto agent_key = xapi::AgentKey(*scope.agent);
    if (!agent_key) return Invalid("agent must be an Agent or an identified Group", "agent");
    key.agent = *agent_key;
  }
  if (scope.registration) {
    if (scope.kind != DocumentKind::kState) {
      return Invalid("registration applies to State only", "registration");
    }
    if (!xapi::IsUuid(*scope.registration)) {
      return Invalid("registration must be a UUID", "registration");
    }
    key.registration = AsciiLower(*scope.registration);
  }
  return key;
}

Result<DocumentRecord> DocumentService::Get(const LrsClient& client, const DocumentScope& scope,
                                            const std::string& doc_id) {
  if (!client.can_read) {
    return Error(ErrorCode::kPermissionDenied, "this LRS credential lacks the 'read' scope");
  }
  ASSIGN_OR_RETURN(DocumentKey key, KeyFor(client, scope, doc_id));
  std::optional<DocumentRecord> found;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(found, tx.documents().Find(key));
    return Ok();
  }));
  if (!found) return Error(ErrorCode::kNotFound, "no document '" + doc_id + "'");
  return *found;
}

Result<std::vector<std::string>> DocumentService::ListIds(const LrsClient& client,
                                                          const DocumentScope& scope,
                                                          std::optional<int64_t> since) {
  if (!client.can_read) {
    return Error(ErrorCode::kPermissionDenied, "this LRS credential lacks the 'read' scope");
  }
  ASSIGN_OR_RETURN(DocumentKey key, KeyFor(client, scope, ""));
  std::vector<std::string> ids;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(ids, tx.documents().ListIds(key, since));
    return Ok();
  }));
  return ids;
}

Result<std::string> DocumentService::Write(const LrsClient& client, const DocumentScope& scope,
                                           const std::string& doc_id, const DocumentWrite& write) {
  if (!client.can_write) {
    return Error(ErrorCode::kPermissionDenied, "this LRS credential lacks the 'write' scope");
  }
  if (doc_id.empty()) return Invalid("the document id is required", "id");
  ASSIGN_OR_RETURN(DocumentKey key, KeyFor(client, scope, doc_id));
  std::optional<json> incoming;
  if (write.merge) {
    if (!IsJsonType(write.content_type)) {
      return Invalid("POST merges JSON documents: send Content-Type application/json",
                     "Content-Type");
    }
    ASSIGN_OR_RETURN(json parsed, xapi::ParseStrictJson(write.content));
    if (!parsed.is_object()) return Invalid("POST merges JSON objects: send an object", "content");
    incoming = std::move(parsed);
  }
  std::string etag;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.documents().Lock(key));
    ASSIGN_OR_RETURN(auto current, tx.documents().Find(key));
    RETURN_IF_ERROR(CheckPreconditions(current, write.if_match, write.if_none_match));
    DocumentRecord doc;
    doc.key = key;
    doc.content_type = write.content_type.empty() ? "application/octet-stream" : write.content_type;
    doc.content = write.content;
    if (write.merge && current) {
      // Merge top-level properties (the posted document's win); both must be JSON objects.
      auto existing = IsJsonType(current->content_type)
                          ? xapi::ParseStrictJson(current->content)
                          : Result<json>(Error(ErrorCode::kInvalidArgument, "not JSON"));
      if (!existing.ok() || !existing->is_object()) {
        return Invalid("the stored document is not a JSON object, so it cannot be merged into",
                       "content");
      }
      json merged = std::move(*existing);
      for (const auto& [k, v] : incoming->items()) merged[k] = v;
      doc.content = merged.dump();
      doc.content_type = "application/json";
    } else if (!write.merge && scope.kind != DocumentKind::kState && !write.if_match &&
               !write.if_none_match) {
      // Profiles are shared between clients: no blind writes (Communication 2.6, 2.7).
      if (current) {
        return Error(ErrorCode::kConflict,
                     "the document exists: send If-Match with its ETag to overwrite it");
      }
      return Invalid("send If-None-Match: * to create a profile document (or If-Match to update)",
                     "If-None-Match");
    }
    doc.etag = DocumentEtag(doc.content);
    doc.updated = ctx_.clock.NowMillis();
    etag = doc.etag;
    return tx.documents().Put(doc);
  }));
  return etag;
}

Status DocumentService::Delete(const LrsClient& client, const DocumentScope& scope,
                               const std::optional<std::string>& doc_id,
                               const std::optional<std::string>& if_match) {
  if (!client.can_write) {
    return Error(ErrorCode::kPermissionDenied, "this LRS credential lacks the 'write' scope");
  }
  if (!doc_id && scope.kind != DocumentKind::kState) {
    return Invalid("profileId is required", "profileId");
  }
  ASSIGN_OR_RETURN(DocumentKey key, KeyFor(client, scope, doc_id.value_or("")));
  return ctx_.store.Write([&](StoreTx& tx) -> Status {
    if (!doc_id) {
      RETURN_IF_ERROR(tx.documents().DeleteAll(key));
      return Ok();
    }
    if (if_match) {
      RETURN_IF_ERROR(tx.documents().Lock(key));
      ASSIGN_OR_RETURN(auto current, tx.documents().Find(key));
      RETURN_IF_ERROR(CheckPreconditions(current, if_match, std::nullopt));
    }
    RETURN_IF_ERROR(tx.documents().Delete(key));
    return Ok();
  });
}

Result<int64_t> DocumentService::EraseInTx(StoreTx& tx, const std::string& org_id,
                                           const std::vector<std::string>& agent_keys) {
  return tx.documents().DeleteForAgents(org_id, agent_keys);
}

}  // namespace attune
