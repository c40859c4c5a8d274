#include "services/xapi/statement_forwarder.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "services/xapi/external_lrs_client.h"
#include "services/xapi/statement_intake.h"

namespace attune {
namespace {

using nlohmann::json;

// A queued statement with what sending it needs.
struct Outgoing {
  int64_t seq = 0;
  std::string id;
  std::string text;
  AttachmentPayloads attachments;  // the stored payloads it names
};

int64_t BackoffMs(int attempts, const DeliveryOutcome& outcome) {
  int64_t delay = std::min<int64_t>(StatementForwarder::kMaxBackoffMs,
                                    int64_t{1000} << std::min(attempts - 1, 20));
  if (outcome.retry_after_s) {
    delay = std::max<int64_t>(delay, std::min<int64_t>(int64_t{*outcome.retry_after_s} * 1000,
                                                       StatementForwarder::kMaxRetryAfterMs));
  }
  return delay;
}

}  // namespace

Result<ForwardingPass> StatementForwarder::RunDue(int64_t budget_ms) {
  std::vector<std::string> due;
  const int64_t now = ctx_.clock.NowMillis();
  // Statements are queued for forwarding as they are indexed.
  WaitForStatementIndex(ctx_.statement_intake);
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(due, tx.forwarding().Due(now));
    return Ok();
  }));
  ForwardingPass pass;
  for (const auto& org_id : due) {
    Status s = DeliverOrganisation(org_id, budget_ms, pass);
    if (!s.ok()) spdlog::warn("forwarding for {}: {}", org_id, s.error().message);
  }
  return pass;
}

Status StatementForwarder::DeliverOrganisation(const std::string& org_id, int64_t budget_ms,
                                               ForwardingPass& pass) {
  const auto started = std::chrono::steady_clock::now();
  const int64_t now = ctx_.clock.NowMillis();
  // The lease is renewed after every request, so it only has to outlast one (and a server that
  // stops mid-delivery holds the queue up for no longer than this).
  const int64_t lease_ms = 3 * int64_t{timeout_ms_};
  bool leased = false;
  std::optional<ForwardingRecord> settings;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.forwarding().Lock(org_id));
    ASSIGN_OR_RETURN(leased, tx.forwarding().Lease(org_id, now, now + lease_ms));
    if (leased) {
      ASSIGN_OR_RETURN(settings, tx.forwarding().Find(org_id));
    }
    return Ok();
  }));
  if (!leased || !settings) return Ok();  // another server is delivering it
  ++pass.organisations;

  // Records the outcome of one step in the organisation's delivery state.
  auto record = [&](const std::vector<int64_t>& delivered, const std::vector<Outgoing*>& refused,
                    const DeliveryOutcome* refusal, const DeliveryOutcome* failure,
                    bool release) -> Status {
    const int64_t at = ctx_.clock.NowMillis();
    return ctx_.store.Write([&](StoreTx& tx) -> Status {
      RETURN_IF_ERROR(tx.forwarding().Lock(org_id));
      ASSIGN_OR_RETURN(auto r, tx.forwarding().Find(org_id));
      if (!r) return Ok();  // removed meanwhile: its queue is gone too
      RETURN_IF_ERROR(tx.forwarding().Dequeue(delivered));
      for (Outgoing* o : refused) {
        RETURN_IF_ERROR(
            tx.forwarding().Reject(org_id, {o->seq, o->id, refusal->status, refusal->message, at}));
        RETURN_IF_ERROR(tx.forwarding().Dequeue({o->seq}));
      }
      r->delivered += static_cast<int64_t>(delivered.size());
      r->rejected += static_cast<int64_t>(refused.size());
      r->last_attempt_at = at;
      if (!delivered.empty()) r->last_delivered_at = at;
      if (failure) {
        ++r->attempts;
        r->next_attempt_at = at + BackoffMs(r->attempts, *failure);
        r->last_error = failure->message;
      } else {
        r->attempts = 0;
        r->last_error.reset();
      }
      r->lease_until = release || failure ? 0 : at + lease_ms;
      return tx.forwarding().Put(*r);
    });
  };
  auto fail = [&](std::string message) -> Status {
    DeliveryOutcome failure;
    failure.message = std::move(message);
    ++pass.failures;
    return record({}, {}, nullptr, &failure, true);
  };

  auto password = secrets_.Open(settings->sealed_password);
  if (!password.ok()) return fail(password.error().message);
  const ExternalLrsClient client(
      {settings->endpoint, settings->username, std::move(*password), timeout_ms_});

  while (true) {
    std::vector<Outgoing> batch;
    RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto entries, tx.forwarding().Pending(org_id, kBatch));
      for (auto& e : entries) {
        Outgoing o;
        o.seq = e.seq;
        const json stmt = json::parse(e.statement, nullptr, false);
        o.id = stmt.is_object() ? stmt.value("id", "") : "";
        if (stmt.is_object() && stmt.contains("attachments")) {
          for (const auto& a : stmt["attachments"]) {
            const std::string sha2 = a.value("sha2", "");
            ASSIGN_OR_RETURN(auto found, tx.statements().FindAttachment(org_id, sha2));
            if (found) o.attachments[sha2] = {found->content_type, std::move(found->content)};
          }
        }
        o.text = std::move(e.statement);
        batch.push_back(std::move(o));
      }
      return Ok();
    }));
    if (batch.empty()) return record({}, {}, nullptr, nullptr, true);

    std::vector<std::string> texts;
    AttachmentPayloads attachments;
    for (const auto& o : batch) {
      texts.push_back(o.text);
      attachments.insert(o.attachments.begin(), o.attachments.end());
    }
    const DeliveryOutcome outcome = client.Post(texts, attachments);
    if (outcome.kind == DeliveryOutcome::Kind::kRetry) {
      ++pass.failures;
      return record({}, {}, nullptr, &outcome, true);
    }
    if (outcome.kind == DeliveryOutcome::Kind::kStored) {
      std::vector<int64_t> seqs;
      for (const auto& o : batch) seqs.push_back(o.seq);
      RETURN_IF_ERROR(record(seqs, {}, nullptr, nullptr, false));
      pass.delivered += static_cast<int64_t>(seqs.size());
    } else {
      // Refused: find out which statements, one at a time.
      for (auto& o : batch) {
        const DeliveryOutcome one = client.Put(o.id, o.text, o.attachments);
        if (one.kind == DeliveryOutcome::Kind::kRetry) {
          ++pass.failures;
          return record({}, {}, nullptr, &one, true);
        }
        if (one.kind == DeliveryOutcome::Kind::kStored) {
          RETURN_IF_ERROR(record({o.seq}, {}, nullptr, nullptr, false));
          ++pass.delivered;
        } else {
          RETURN_IF_ERROR(record({}, {&o}, &one, nullptr, false));
          ++pass.rejected;
          spdlog::warn("forwarding for {}: statement {} refused: {}", org_id, o.id, one.message);
        }
      }
    }
    const auto spent = std::chrono::steady_clock::now() - started;
    if (spent > std::chrono::milliseconds(budget_ms)) return record({}, {}, nullptr, nullptr, true);
  }
}

}  // namespace attune
