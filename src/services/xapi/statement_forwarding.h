#pragma once
// An organisation's forwarding of its statements to an external LRS (a customer's), set by an
// admin: the endpoint and credentials, pause/resume, back-fill of what is already stored, and the
// delivery status (queue length, delivered, refused statements, the last error). Delivery itself
// is StatementForwarder's job.
#include <optional>
#include <string>
#include <vector>

#include "services/principal.h"
#include "services/secret_box.h"
#include "services/service_context.h"

namespace attune {

struct ForwardingSettings {
  std::string endpoint;                 // the external LRS's xAPI base URL
  std::string username;                 // its HTTP Basic key
  std::optional<std::string> password;  // required the first time; absent keeps the stored one
  bool enabled = true;                  // false pauses delivery; statements keep queuing
  bool backfill = false;                // also queue every statement stored so far
};

struct ForwardingStatus {
  ForwardingRecord record;  // sealed_password is cleared
  int64_t pending = 0;
  std::vector<RejectedStatement> recent_rejections;  // newest first
  int64_t backfilled = 0;                            // set by Set when it back-filled
};

class ForwardingService {
 public:
  static constexpr int kRecentRejections = 20;

  ForwardingService(ServiceContext ctx, SecretBox& secrets) : ctx_(ctx), secrets_(secrets) {}

  // nullopt when the organisation does not forward.
  Result<std::optional<ForwardingStatus>> Get(const Principal& p);
  // Creates or changes the forwarding; a new endpoint or username resets the retry state.
  Result<ForwardingStatus> Set(const Principal& p, const ForwardingSettings& settings);
  // Stops forwarding and drops the queue (statements stay stored here).
  Status Remove(const Principal& p);
  // Makes the next attempt due now instead of after the back-off.
  Status RetryNow(const Principal& p);

 private:
  Result<ForwardingStatus> StatusIn(StoreTx& tx, const std::string& org_id);
  ServiceContext ctx_;
  SecretBox& secrets_;
};

}  // namespace attune
