#pragma once
// An HTTP client for another Learning Record Store's Statement resource (xAPI 1.0.3), used to
// forward statements. It reports what the other LRS said in terms the forwarder acts on: stored,
// refused for good, or worth retrying.
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "services/xapi/statement_service.h"

namespace attune {

struct ExternalLrs {
  std::string endpoint;  // xAPI base URL, http(s)://host[:port]/path/ (statements are below it)
  std::string username;
  std::string password;
  int timeout_ms = 10'000;
};

struct DeliveryOutcome {
  enum class Kind {
    kStored,   // 2xx
    kRefused,  // a 4xx that a retry cannot change (bad statement, conflicting id, too large)
    kRetry,    // network error, timeout, 5xx, 408, 429, or refused credentials (401/403)
  };
  Kind kind = Kind::kRetry;
  int status = 0;  // HTTP status; 0 when there was no response
  std::string message;
  std::optional<int> retry_after_s;  // from a Retry-After header in seconds
};

// Checks the syntax of an endpoint and normalises it to end in '/'.
Result<std::string> NormaliseLrsEndpoint(const std::string& endpoint);

class ExternalLrsClient {
 public:
  explicit ExternalLrsClient(ExternalLrs lrs) : lrs_(std::move(lrs)) {}
  // POST /statements with the statements (stored JSON texts) as one array, as multipart/mixed
  // when `attachments` holds payloads the statements name.
  DeliveryOutcome Post(const std::vector<std::string>& statements,
                       const AttachmentPayloads& attachments) const;
  // PUT /statements?statementId= with one statement.
  DeliveryOutcome Put(const std::string& id, const std::string& statement,
                      const AttachmentPayloads& attachments) const;

 private:
  DeliveryOutcome Send(const std::string& method, const std::string& path_and_query,
                       const std::string& json_body, const AttachmentPayloads& attachments) const;
  ExternalLrs lrs_;
};

}  // namespace attune
