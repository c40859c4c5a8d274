#pragma once
// Delivers each forwarding organisation's outbox to its external LRS, oldest statement first, in
// batches of up to 100, and only takes a statement off the queue once the other LRS has
// acknowledged it, so a crash or an outage loses nothing (delivery is at least once; resending
// a statement with the same id is harmless to a conformant LRS).
//
// What the other LRS says decides what happens next:
// - 2xx: the batch is delivered.
// - a 4xx a retry cannot change (400, 409, 413, ...): the batch is resent one statement at a time
//   so that only the statements it refuses are set aside (kept, with the reason, for the admin),
//   and the queue moves on.
// - no answer, 5xx, 408, 429, or refused credentials (401/403) or a wrong path (404): the head of
//   the queue waits and is retried with exponential back-off (1 s doubling to 5 minutes, or the
//   Retry-After it asked for, up to an hour). Order is kept: nothing behind it overtakes it.
#include <cstdint>

#include "services/secret_box.h"
#include "services/service_context.h"

namespace attune {

struct ForwardingPass {
  int organisations = 0;  // delivered to (or tried)
  int64_t delivered = 0;
  int64_t rejected = 0;
  int failures = 0;  // organisations whose delivery failed and now waits
};

class StatementForwarder {
 public:
  static constexpr int kBatch = 100;
  static constexpr int64_t kMaxBackoffMs = 5 * 60 * 1000;
  static constexpr int64_t kMaxRetryAfterMs = 60 * 60 * 1000;

  StatementForwarder(ServiceContext ctx, SecretBox& secrets) : ctx_(ctx), secrets_(secrets) {}

  // Delivers what is due for every organisation. One pass spends at most about `budget_ms` per
  // organisation (plus one batch's requests); the server runs passes every second.
  Result<ForwardingPass> RunDue(int64_t budget_ms = 30'000);
  // The HTTP timeout of each request to the other LRS.
  void set_timeout_ms(int ms) { timeout_ms_ = ms; }

 private:
  Status DeliverOrganisation(const std::string& org_id, int64_t budget_ms, ForwardingPass& pass);
  ServiceContext ctx_;
  SecretBox& secrets_;
  int timeout_ms_ = 10'000;
};

}  // namespace attune
