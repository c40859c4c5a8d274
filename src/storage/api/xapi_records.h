#pragma once
// Records of the xAPI Learning Record Store (services/xapi). Times are Unix epoch milliseconds.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attune {

struct LrsCredential {
  std::string key;  // the Basic-auth user name; public
  std::string org_id;
  std::string name;
  std::string secret_hash;          // SHA-256 hex of the secret
  std::vector<std::string> scopes;  // "read", "write"
  std::string created_by;           // person id or "cli"
  int64_t created_at = 0;
  std::optional<int64_t> revoked_at;
};

// One value a statement can be found by (see the xapi_statement_refs table): the hash of the
// organisation and "verb:<IRI>", "agent:<inverse functional identifier>", "activity:<IRI>" or
// "registration:<UUID>" (xapi::RefKey). `broad` refs match only under related_agents /
// related_activities.
struct StatementRef {
  int64_t key = 0;
  bool broad = false;
  bool operator==(const StatementRef&) const = default;
};

// A statement as the repository stores it.
struct StatementRecord {
  int64_t seq = 0;  // assigned on insert
  std::string org_id;
  std::string id;
  int64_t stored = 0;
  bool voided = false;
  std::optional<std::string> voids;       // the target, when this is a voiding statement
  std::optional<std::string> ref_target;  // the target of a StatementRef object (voids included)
  std::string statement;                  // JSON text
  std::vector<StatementRef> refs;         // written on insert; not read back by Query
  // The SHA-2 of each attachment the statement names; written on insert (xapi_attachment_uses),
  // so attachment contents that no statement names any more can be deleted.
  std::vector<std::string> attachment_hashes;
};

// The filters of GET /statements, already resolved to refs. A filter with broad == true also
// matches broad refs.
struct StatementQuery {
  std::string org_id;
  std::vector<StatementRef> filters;
  std::optional<int64_t> since;  // stored > since
  std::optional<int64_t> until;  // stored <= until
  bool ascending = false;
  int limit = 100;
  // Keyset position: the (stored, seq) of the last statement of the previous page.
  std::optional<std::pair<int64_t, int64_t>> after;
};

struct ActivityRecord {
  std::string org_id;
  std::string id;
  std::string definition;  // JSON text
  int64_t updated = 0;
};

struct AttachmentRecord {
  std::string org_id;
  std::string sha2;
  std::string content_type;
  std::string content;  // raw bytes
};

// A State, Activity Profile or Agent Profile document. Keys that do not apply are "".
struct DocumentKey {
  std::string org_id;
  std::string kind;  // state | activity_profile | agent_profile
  std::string activity_id;
  std::string agent;  // agent key
  std::string registration;
  std::string doc_id;
};

struct DocumentRecord {
  DocumentKey key;
  std::string content_type;
  std::string content;  // raw bytes
  std::string etag;     // quoted SHA-1 hex
  int64_t updated = 0;
};

// An organisation's forwarding of statements to an external LRS, with its delivery state
// (services/xapi/statement_forwarder.h).
struct ForwardingRecord {
  std::string org_id;
  std::string endpoint;  // the external LRS's xAPI base URL, ending in '/'
  std::string username;
  std::string sealed_password;  // services/secret_box.h
  bool enabled = true;          // false: paused (statements still queue)
  std::string updated_by;
  int64_t updated_at = 0;
  int64_t delivered = 0;
  int64_t rejected = 0;
  int attempts = 0;  // consecutive failures of the head of the queue
  int64_t next_attempt_at = 0;
  std::optional<int64_t> last_attempt_at;
  std::optional<int64_t> last_delivered_at;
  std::optional<std::string> last_error;
  int64_t lease_until = 0;
};

// A statement waiting in the outbox.
struct OutboxEntry {
  int64_t seq = 0;
  std::string statement;  // the stored JSON
};

// A statement the external LRS refused for good.
struct RejectedStatement {
  int64_t seq = 0;
  std::string statement_id;
  int status = 0;  // the external LRS's HTTP status
  std::string error;
  int64_t at = 0;
};

}  // namespace attune
