#include "http/json_views.h"

#include "core/clock.h"

namespace attune {
namespace {
nlohmann::json OptTime(const std::optional<int64_t>& t) {
  return t ? nlohmann::json(FormatIso8601Millis(*t)) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json ToJson(const Organisation& o) {
  return {{"id", o.id},           {"slug", o.slug},
          {"name", o.name},       {"jurisdiction", o.jurisdiction},
          {"is_demo", o.is_demo}, {"created_at", FormatIso8601Millis(o.created_at)}};
}

nlohmann::json ToJson(const Person& p) {
  return {{"id", p.id},
          {"employee_id", p.employee_id},
          {"name", p.name},
          {"email", p.email},
          {"locale", p.locale},
          {"manager_id", p.manager_id ? nlohmann::json(*p.manager_id) : nlohmann::json(nullptr)},
          {"active", p.active},
          {"roles", p.roles},
          {"created_at", FormatIso8601Millis(p.created_at)},
          {"updated_at", FormatIso8601Millis(p.updated_at)}};
}

nlohmann::json ToJson(const Team& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"path", t.path},
          {"parent_id", t.parent_id ? nlohmann::json(*t.parent_id) : nlohmann::json(nullptr)},
          {"created_at", FormatIso8601Millis(t.created_at)}};
}

nlohmann::json ToJson(const TeamDetail& t) {
  nlohmann::json j = ToJson(t.team);
  j["members"] = nlohmann::json::array();
  for (const auto& m : t.members) {
    j["members"].push_back({{"id", m.id}, {"name", m.name}, {"roles", m.roles}});
  }
  return j;
}

nlohmann::json ToJson(const ApiTokenRecord& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"scopes", t.scopes},
          {"created_at", FormatIso8601Millis(t.created_at)},
          {"expires_at", OptTime(t.expires_at)},
          {"revoked_at", OptTime(t.revoked_at)}};
}

nlohmann::json ToJson(const LrsCredential& c) {
  return {{"key", c.key},
          {"name", c.name},
          {"scopes", c.scopes},
          {"created_at", FormatIso8601Millis(c.created_at)},
          {"created_by", c.created_by},
          {"revoked_at", OptTime(c.revoked_at)}};
}

nlohmann::json ToJson(const DataStream& s) {
  return {{"key", s.key},
          {"name", s.name},
          {"purpose", s.purpose},
          {"legal_basis", s.legal_basis},
          {"retention_days", s.retention_days},
          {"biometric", s.biometric},
          {"eu_exception", s.eu_exception},
          {"updated_at", FormatIso8601Millis(s.updated_at)}};
}

nlohmann::json ToJson(const StreamWithConsent& s) {
  nlohmann::json j = ToJson(s.stream);
  j["state"] = s.state.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.state);
  j["processed"] = s.decision.allowed;
  j["reason"] = s.decision.reason;
  return j;
}

nlohmann::json ToJson(const AuditEntry& e) {
  nlohmann::json detail = nlohmann::json::parse(e.detail, nullptr, false);
  return {{"seq", e.seq},
          {"at", FormatIso8601Millis(e.at)},
          {"actor_id", e.actor_id},
          {"action", e.action},
          {"target", e.target},
          {"detail", detail.is_discarded() ? nlohmann::json(e.detail) : detail},
          {"hash", e.hash}};
}

nlohmann::json ToJson(const ImportReport& r) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : r.errors) {
    errors.push_back({{"line", e.line}, {"field", e.field}, {"message", e.message}});
  }
  return {{"dry_run", r.dry_run}, {"valid", r.valid},     {"rows", r.rows},
          {"created", r.created}, {"updated", r.updated}, {"teams_created", r.teams_created},
          {"errors", errors}};
}

namespace {
nlohmann::json Optional(const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }
}  // namespace

nlohmann::json ToJson(const AssessmentRecord& a) {
  auto branch = [](const BranchScore& b) {
    return nlohmann::json{{"theta", Optional(b.theta)}, {"se", Optional(b.se)}};
  };
  return {{"id", a.id},
          {"status", a.status},
          {"started_at", a.started_at},
          {"completed_at", Optional(a.completed_at)},
          {"items", a.items},
          {"overall", branch(a.overall)},
          {"recognition", branch(a.recognition)},
          {"understanding", branch(a.understanding)},
          {"management", branch(a.management)}};
}

nlohmann::json ToJson(const ItemResponseRecord& r) {
  return {{"activity", r.activity_kind},
          {"activity_id", r.activity_id},
          {"item_id", r.item_id},
          {"item_version", r.item_version},
          {"served_at", r.served_at},
          {"answered_at", Optional(r.answered_at)},
          {"option_id", Optional(r.option_id)},
          {"correct", Optional(r.correct)},
          {"key_emotion", r.key_emotion},
          {"chosen_emotion", Optional(r.chosen_emotion)}};
}

nlohmann::json ToJson(const ReviewCardRecord& c) {
  return {{"card", c.card},
          {"state", c.state},
          {"stability_days", Optional(c.stability)},
          {"difficulty", Optional(c.difficulty)},
          {"due", c.due},
          {"last_review", Optional(c.last_review)},
          {"reviews", c.reviews},
          {"lapses", c.lapses}};
}

nlohmann::json ToJson(const practice::PracticeExport& e) {
  return {{"profile", e.profile ? nlohmann::json{{"role", e.profile->role},
                                                 {"seniority", e.profile->seniority}}
                                : nlohmann::json(nullptr)},
          {"assessments", ToJsonArray(e.assessments)},
          {"answers", ToJsonArray(e.answers)},
          {"review_cards", ToJsonArray(e.review_cards)}};
}

nlohmann::json ToJson(const ForwardingStatus& s) {
  const ForwardingRecord& r = s.record;
  nlohmann::json rejections = nlohmann::json::array();
  for (const auto& x : s.recent_rejections) {
    rejections.push_back({{"statement_id", x.statement_id},
                          {"status", x.status},
                          {"error", x.error},
                          {"at", FormatIso8601Millis(x.at)}});
  }
  return {
      {"endpoint", r.endpoint},
      {"username", r.username},
      {"enabled", r.enabled},
      {"pending", s.pending},
      {"delivered", r.delivered},
      {"rejected", r.rejected},
      {"failed_attempts", r.attempts},
      {"next_attempt_at", r.attempts > 0 ? OptTime(r.next_attempt_at) : nlohmann::json(nullptr)},
      {"last_attempt_at", OptTime(r.last_attempt_at)},
      {"last_delivered_at", OptTime(r.last_delivered_at)},
      {"last_error", r.last_error ? nlohmann::json(*r.last_error) : nullptr},
      {"recent_rejections", rejections},
      {"updated_at", FormatIso8601Millis(r.updated_at)},
      {"updated_by", r.updated_by}};
}

}  // namespace attune
