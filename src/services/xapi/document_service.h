#pragma once
// The document resources of the Learning Record Store (xAPI 1.0.3 Communication 2.3-2.6): State,
// Activity Profile and Agent Profile. Documents are opaque bytes with a content type, except that
// POST merges JSON objects. Writes honour If-Match / If-None-Match; the profiles also refuse a
// blind overwrite (a PUT without either header) of a document that exists.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "services/service_context.h"
#include "services/xapi/lrs_credentials.h"

namespace attune {

enum class DocumentKind { kState, kActivityProfile, kAgentProfile };

// Which documents: State needs activity and agent (and may have a registration); Activity Profile
// needs the activity; Agent Profile needs the agent.
struct DocumentScope {
  DocumentKind kind = DocumentKind::kState;
  std::string activity_id;
  std::optional<nlohmann::json> agent;
  std::optional<std::string> registration;
};

struct DocumentWrite {
  std::string content_type;
  std::string content;
  bool merge = false;  // POST: merge into an existing JSON document
  std::optional<std::string> if_match;
  std::optional<std::string> if_none_match;
};

class DocumentService {
 public:
  static constexpr size_t kMaxIdBytes = 1024;

  explicit DocumentService(ServiceContext ctx) : ctx_(ctx) {}

  // kNotFound when absent.
  Result<DocumentRecord> Get(const LrsClient& client, const DocumentScope& scope,
                             const std::string& doc_id);
  Result<std::vector<std::string>> ListIds(const LrsClient& client, const DocumentScope& scope,
                                           std::optional<int64_t> since);
  // Returns the new ETag. kFailedPrecondition (HTTP 412) when a precondition fails; kConflict
  // (409) for a blind overwrite of a profile.
  Result<std::string> Write(const LrsClient& client, const DocumentScope& scope,
                            const std::string& doc_id, const DocumentWrite& write);
  // Deletes one document (`doc_id` set) or, for State only, every document in the scope.
  // Deleting what does not exist succeeds (the result is the same).
  Status Delete(const LrsClient& client, const DocumentScope& scope,
                const std::optional<std::string>& doc_id,
                const std::optional<std::string>& if_match);

  // Erasure: every document of the organisation held about any of `agent_keys`.
  static Result<int64_t> EraseInTx(StoreTx& tx, const std::string& org_id,
                                   const std::vector<std::string>& agent_keys);

 private:
  Result<DocumentKey> KeyFor(const LrsClient& client, const DocumentScope& scope,
                             const std::string& doc_id) const;
  ServiceContext ctx_;
};

// The ETag of a document's content: the quoted lower-case SHA-1 hex.
std::string DocumentEtag(std::string_view content);

}  // namespace attune
