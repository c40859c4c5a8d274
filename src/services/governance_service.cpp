#include "services/governance_service.h"

#include <nlohmann/json.hpp>
#include <regex>

#include "core/utf8.h"
#include "services/permissions.h"

namespace attune {

std::vector<DataStream> GovernanceService::DefaultStreams(const std::string& org_id, int64_t now) {
  auto s = [&](const char* key, const char* name, const char* purpose, const char* basis, int days,
               bool biometric) {
    return DataStream{org_id, key, name, purpose, basis, days, biometric, now};
  };
  return {
      s("practice_responses", "Practice and assessment answers",
        "Measure and develop the learner's own emotion-recognition skill (ERPS)", "contract", 730,
        false),
      s("roleplay_text", "Role-play replies",
        "Give the learner feedback on tone, empathy and pacing in simulations", "contract", 365,
        false),
      s("voice_prosody", "Voice prosody in practice",
        "Show the learner their own pace, pauses and pitch range while practising", "consent", 30,
        false),
      s("webcam_expression", "Webcam expression mirror",
        "Show the learner their own facial signals live, in their browser only; never stored",
        "consent", 1, true),
      s("meeting_transcripts", "Meeting transcripts",
        "Post-meeting reflections for the person who imported them", "legitimate_interest", 90,
        false),
      s("pulse_surveys", "Pulse surveys", "Team mood shown only as privacy-protected aggregates",
        "legitimate_interest", 365, false),
      s("learning_records", "Learning records (xAPI)",
        "Record learning activity for the learner's portfolio and programme evaluation", "contract",
        730, false),
  };
}

ProcessingDecision GovernanceService::Decide(const Organisation& org, const DataStream& s,
                                             const std::string& state) const {
  const bool eu = ctx_.config.jurisdiction == "eu" || org.jurisdiction == "eu";
  if (s.biometric && eu && s.eu_exception.empty()) {
    return {false,
            "biometric processing is off under the eu jurisdiction policy (an admin may record a "
            "documented exception)"};
  }
  if (s.legal_basis == "consent") {
    if (state == "granted") return {true, "you gave consent"};
    return {false, state == "withdrawn" ? "you withdrew consent" : "you have not given consent"};
  }
  if (s.legal_basis == "legitimate_interest") {
    if (state == "objected") return {false, "you objected"};
    return {true, "legitimate interest; you may object"};
  }
  return {true, "necessary for the service (" + s.legal_basis + ")"};
}

Result<ProcessingDecision> GovernanceService::MayProcess(StoreTx& tx, const std::string& person_id,
                                                         const std::string& stream_key) const {
  ASSIGN_OR_RETURN(auto person, tx.people().FindById(person_id));
  if (!person) return Error(ErrorCode::kNotFound, "no such person");
  ASSIGN_OR_RETURN(auto org, tx.organisations().FindById(person->org_id));
  ASSIGN_OR_RETURN(auto stream, tx.governance().FindStream(person->org_id, stream_key));
  if (!org || !stream) {
    // An unregistered stream is never processed: registration comes first.
    return ProcessingDecision{false, "the data stream '" + stream_key + "' is not registered"};
  }
  ASSIGN_OR_RETURN(auto consent, tx.governance().FindConsent(person_id, stream_key));
  return Decide(*org, *stream, consent ? consent->state : "");
}

Result<std::vector<DataStream>> GovernanceService::ListStreams(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kGovernanceRead));
  std::vector<DataStream> out;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.governance().ListStreams(p.org_id));
    return Ok();
  }));
  return out;
}

Result<DataStream> GovernanceService::UpsertStream(const Principal& p, DataStream s) {
  RETURN_IF_ERROR(Require(p, Permission::kGovernanceWrite));
  static const std::regex kKey("[a-z][a-z0-9_]{1,63}");
  if (!std::regex_match(s.key, kKey)) {
    return Error(ErrorCode::kInvalidArgument, "key must be 2-64 of a-z, 0-9 and _", "key");
  }
  if (s.name.empty() || s.name.size() > 200 || !IsValidUtf8(s.name)) {
    return Error(ErrorCode::kInvalidArgument, "name must be 1-200 characters", "name");
  }
  if (s.purpose.empty() || s.purpose.size() > 2000 || !IsValidUtf8(s.purpose)) {
    return Error(ErrorCode::kInvalidArgument, "purpose must be 1-2000 characters", "purpose");
  }
  if (s.legal_basis != "consent" && s.legal_basis != "legitimate_interest" &&
      s.legal_basis != "contract" && s.legal_basis != "legal_obligation") {
    return Error(ErrorCode::kInvalidArgument,
                 "legal_basis must be consent, legitimate_interest, contract or legal_obligation",
                 "legal_basis");
  }
  if (s.retention_days < 1 || s.retention_days > 3650) {
    return Error(ErrorCode::kInvalidArgument, "retention_days must be 1 to 3650", "retention_days");
  }
  if (s.eu_exception.size() > 2000 || !IsValidUtf8(s.eu_exception)) {
    return Error(ErrorCode::kInvalidArgument, "eu_exception must be at most 2000 characters",
                 "eu_exception");
  }
  if (!s.eu_exception.empty() && !s.biometric) {
    return Error(ErrorCode::kInvalidArgument,
                 "an eu exception is only for biometric streams (the policy leaves others on)",
                 "eu_exception");
  }
  s.org_id = p.org_id;
  s.updated_at = ctx_.clock.NowMillis();
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.governance().UpsertStream(s));
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "governance.stream_registered", s.key,
                             nlohmann::json{{"legal_basis", s.legal_basis},
                                            {"retention_days", s.retention_days},
                                            {"biometric", s.biometric},
                                            {"eu_exception", s.eu_exception}}
                                 .dump());
  }));
  return s;
}

Result<std::vector<StreamWithConsent>> GovernanceService::MyStreams(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  std::vector<StreamWithConsent> out;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto org, tx.organisations().FindById(p.org_id));
    if (!org) return Error(ErrorCode::kNotFound, "no such organisation");
    ASSIGN_OR_RETURN(auto streams, tx.governance().ListStreams(p.org_id));
    ASSIGN_OR_RETURN(auto consents, tx.governance().ListConsents(p.person_id));
    for (auto& s : streams) {
      std::string state;
      for (const auto& c : consents) {
        if (c.stream_key == s.key) state = c.state;
      }
      ProcessingDecision d = Decide(*org, s, state);
      out.push_back({std::move(s), state, d});
    }
    return Ok();
  }));
  return out;
}

Result<StreamWithConsent> GovernanceService::SetMyConsent(const Principal& p,
                                                          const std::string& stream_key,
                                                          const std::string& state) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  if (state != "granted" && state != "withdrawn" && state != "objected") {
    return Error(ErrorCode::kInvalidArgument, "state must be granted, withdrawn or objected",
                 "state");
  }
  std::optional<StreamWithConsent> out;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto org, tx.organisations().FindById(p.org_id));
    ASSIGN_OR_RETURN(auto stream, tx.governance().FindStream(p.org_id, stream_key));
    if (!org || !stream) return Error(ErrorCode::kNotFound, "no such data stream");
    const std::string& basis = stream->legal_basis;
    if (basis == "consent" && state == "objected") {
      return Error(ErrorCode::kInvalidArgument, "this stream runs on consent: grant or withdraw it",
                   "state");
    }
    if (basis == "legitimate_interest" && state == "withdrawn") {
      return Error(ErrorCode::kInvalidArgument,
                   "this stream runs on legitimate interest: object, or grant to lift an objection",
                   "state");
    }
    if (basis == "contract" || basis == "legal_obligation") {
      return Error(ErrorCode::kFailedPrecondition,
                   "this stream is necessary for the service (" + basis +
                       "); ask your administrator about it",
                   "state");
    }
    ConsentRecord c{p.person_id, stream_key, state, ctx_.clock.NowMillis()};
    RETURN_IF_ERROR(tx.governance().UpsertConsent(c));
    out = StreamWithConsent{*stream, state, Decide(*org, *stream, state)};
    return ctx_.audit.Append(tx, p.org_id, p.person_id, "governance.consent_" + state, stream_key);
  }));
  return *out;
}

}  // namespace attune

namespace attune {

Result<GovernanceService::AuditPage> GovernanceService::ListAudit(const Principal& p, int64_t after,
                                                                  int limit) {
  RETURN_IF_ERROR(Require(p, Permission::kAuditRead));
  if (limit < 1 || limit > 1000) {
    return Error(ErrorCode::kInvalidArgument, "limit must be 1 to 1000", "limit");
  }
  AuditPage page;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    // The chain is shared by all organisations; scan forward, keeping this organisation's entries.
    int64_t cursor = after;
    while (static_cast<int>(page.entries.size()) < limit) {
      ASSIGN_OR_RETURN(auto batch, tx.audit().ListAfter(cursor, 1000));
      if (batch.empty()) return Ok();
      for (auto& e : batch) {
        cursor = e.seq;
        if (e.org_id != p.org_id) continue;
        page.entries.push_back(std::move(e));
        if (static_cast<int>(page.entries.size()) == limit) {
          page.next_after = cursor;
          return Ok();
        }
      }
    }
    return Ok();
  }));
  return page;
}

Result<std::vector<AuditEntry>> GovernanceService::MyAuditTrail(const Principal& p, int limit) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  std::vector<AuditEntry> out;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.audit().ListAbout(p.person_id, limit));
    return Ok();
  }));
  return out;
}

Result<AuditVerification> GovernanceService::VerifyAudit(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kAuditRead));
  return AuditLog::Verify(ctx_.store);
}

}  // namespace attune
