#include "services/xapi/statement_forwarding.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "services/permissions.h"
#include "services/xapi/external_lrs_client.h"
#include "services/xapi/statement_intake.h"

namespace attune {

namespace {

constexpr const char* kNotForwarding = "this organisation does not forward statements";

// The organisation's forwarding, locked for this transaction; kNotFound when there is none.
Result<ForwardingRecord> LockedRecord(StoreTx& tx, const std::string& org_id) {
  RETURN_IF_ERROR(tx.forwarding().Lock(org_id));
  ASSIGN_OR_RETURN(auto record, tx.forwarding().Find(org_id));
  if (!record) return Error(ErrorCode::kNotFound, kNotForwarding);
  return std::move(*record);
}

}  // namespace

Result<ForwardingStatus> ForwardingService::StatusIn(StoreTx& tx, const std::string& org_id) {
  ASSIGN_OR_RETURN(auto record, tx.forwarding().Find(org_id));
  if (!record) return Error(ErrorCode::kNotFound, kNotForwarding);
  ForwardingStatus out;
  out.record = std::move(*record);
  out.record.sealed_password.clear();
  ASSIGN_OR_RETURN(out.pending, tx.forwarding().CountPending(org_id));
  ASSIGN_OR_RETURN(out.recent_rejections, tx.forwarding().Rejected(org_id, kRecentRejections));
  return out;
}

Result<std::optional<ForwardingStatus>> ForwardingService::Get(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kLrsCredentialsRead));
  std::optional<ForwardingStatus> out;
  WaitForStatementIndex(ctx_.statement_intake);  // "pending" counts what was acknowledged
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto record, tx.forwarding().Find(p.org_id));
    if (!record) return Ok();
    ASSIGN_OR_RETURN(out, StatusIn(tx, p.org_id));
    return Ok();
  }));
  return out;
}

Result<ForwardingStatus> ForwardingService::Set(const Principal& p, const ForwardingSettings& s) {
  RETURN_IF_ERROR(Require(p, Permission::kLrsCredentialsWrite));
  ASSIGN_OR_RETURN(std::string endpoint, NormaliseLrsEndpoint(s.endpoint));
  if (s.username.empty() || s.username.size() > 200 || !IsValidUtf8(s.username) ||
      s.username.find(':') != std::string::npos) {
    return Error(ErrorCode::kInvalidArgument,
                 "username must be 1 to 200 characters without ':' (HTTP Basic)", "username");
  }
  if (s.password && (s.password->empty() || s.password->size() > 500)) {
    return Error(ErrorCode::kInvalidArgument, "password must be 1 to 500 characters", "password");
  }
  std::optional<std::string> sealed;
  if (s.password) {
    ASSIGN_OR_RETURN(sealed, secrets_.Seal(*s.password));
  }
  const int64_t now = ctx_.clock.NowMillis();
  ForwardingStatus out;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.forwarding().Lock(p.org_id));
    ASSIGN_OR_RETURN(auto current, tx.forwarding().Find(p.org_id));
    if (!current && !sealed) {
      return Error(ErrorCode::kInvalidArgument, "password is required to set up forwarding",
                   "password");
    }
    ForwardingRecord r = current ? *current : ForwardingRecord{};
    const bool target_changed = !current || current->endpoint != endpoint ||
                                current->username != s.username || sealed.has_value();
    r.org_id = p.org_id;
    r.endpoint = endpoint;
    r.username = s.username;
    if (sealed) r.sealed_password = *sealed;
    r.enabled = s.enabled;
    r.updated_by = p.person_id;
    r.updated_at = now;
    if (target_changed || !current->enabled) {
      // New credentials or a resumed queue: try at once rather than after the old back-off.
      r.attempts = 0;
      r.next_attempt_at = 0;
      r.last_error.reset();
    }
    RETURN_IF_ERROR(tx.forwarding().Put(r));
    int64_t backfilled = 0;
    if (s.backfill) {
      ASSIGN_OR_RETURN(backfilled, tx.forwarding().EnqueueAll(p.org_id));
    }
    ASSIGN_OR_RETURN(out, StatusIn(tx, p.org_id));
    out.backfilled = backfilled;
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "lrs.forwarding_set", endpoint,
                             nlohmann::json{{"username", s.username},
                                            {"enabled", s.enabled},
                                            {"password_changed", sealed.has_value()},
                                            {"backfilled", backfilled}}
                                 .dump());
  }));
  return out;
}

Status ForwardingService::Remove(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kLrsCredentialsWrite));
  return ctx_.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto current, LockedRecord(tx, p.org_id));
    ASSIGN_OR_RETURN(int64_t pending, tx.forwarding().CountPending(p.org_id));
    RETURN_IF_ERROR(tx.forwarding().Delete(p.org_id));
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "lrs.forwarding_removed", current.endpoint,
                             nlohmann::json{{"dropped_from_queue", pending}}.dump());
  });
}

Status ForwardingService::RetryNow(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kLrsCredentialsWrite));
  return ctx_.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto current, LockedRecord(tx, p.org_id));
    current.next_attempt_at = 0;
    return tx.forwarding().Put(current);
  });
}

}  // namespace attune
