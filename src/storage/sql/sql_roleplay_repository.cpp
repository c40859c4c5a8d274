#include "storage/sql/sql_roleplay_repository.h"

namespace attune {
namespace {

constexpr const char* kSessionColumns =
    "SELECT id, org_id, person_id, scenario_id, scenario_version, started_at, ended_at, outcome, "
    "overall FROM roleplay_sessions ";

RoleplaySessionRecord SessionFromRow(const SqlRow& r) {
  return RoleplaySessionRecord{r.Text(0), r.Text(1),   r.Text(2),    r.Text(3),   r.Int(4),
                               r.Int(5),  r.OptInt(6), r.OptText(7), r.OptReal(8)};
}

}  // namespace

Status SqlRoleplayRepository::InsertSession(const RoleplaySessionRecord& s) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO roleplay_sessions (id, org_id, person_id, scenario_id, "
              "scenario_version, started_at) VALUES (?, ?, ?, ?, ?, ?)",
              {s.id, s.org_id, s.person_id, s.scenario_id, s.scenario_version, s.started_at}));
  return Ok();
}

Status SqlRoleplayRepository::KeepScenarioVersion(const std::string& scenario_id, int64_t version,
                                                  const std::string& text) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO roleplay_scenario_versions (scenario_id, version, text) VALUES (?, ?, "
              "?) ON CONFLICT (scenario_id, version) DO NOTHING",
              {scenario_id, version, text}));
  return Ok();
}

Result<std::optional<std::string>> SqlRoleplayRepository::FindScenarioVersion(
    const std::string& scenario_id, int64_t version) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT text FROM roleplay_scenario_versions WHERE "
                                       "scenario_id = ? AND version = ?",
                                       {scenario_id, version}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Result<std::optional<RoleplaySessionRecord>> SqlRoleplayRepository::FindSession(
    const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(kSessionColumns + std::string("WHERE id = ?"), {id}));
  if (rows.empty()) return std::optional<RoleplaySessionRecord>();
  return std::optional<RoleplaySessionRecord>(SessionFromRow(rows[0]));
}

Result<bool> SqlRoleplayRepository::EndSession(const RoleplaySessionRecord& s) {
  ASSIGN_OR_RETURN(int64_t n, c_.Exec("UPDATE roleplay_sessions SET ended_at = ?, outcome = ?, "
                                      "overall = ? WHERE id = ? AND ended_at IS NULL",
                                      {SqlNullable(s.ended_at), SqlNullable(s.outcome),
                                       SqlNullable(s.overall), s.id}));
  return n > 0;
}

Result<std::vector<RoleplaySessionRecord>> SqlRoleplayRepository::SessionsOf(
    const std::string& person_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(kSessionColumns + std::string("WHERE person_id = ? ORDER BY "
                                                                     "started_at, id"),
                                       {person_id}));
  std::vector<RoleplaySessionRecord> out;
  for (const auto& r : rows) out.push_back(SessionFromRow(r));
  return out;
}

Status SqlRoleplayRepository::InsertTurn(const RoleplayTurnRecord& t) {
  RETURN_IF_ERROR(c_.Exec(
      "INSERT INTO roleplay_turns (session_id, turn, node, reply, signals, created_at, "
      "spoken, voice, counterpart_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {t.session_id, t.turn, t.node, t.reply, t.signals, t.created_at,
       static_cast<int64_t>(t.spoken), SqlNullable(t.voice), SqlNullable(t.counterpart_line)}));
  return Ok();
}

Result<std::vector<RoleplayTurnRecord>> SqlRoleplayRepository::TurnsOf(
    const std::string& session_id) {
  ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT session_id, turn, node, reply, signals, created_at, spoken, "
               "voice, counterpart_line FROM roleplay_turns WHERE session_id = ? ORDER BY turn",
               {session_id}));
  std::vector<RoleplayTurnRecord> out;
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6) != 0,
                   r.OptText(7), r.OptText(8)});
  }
  return out;
}

Status SqlRoleplayRepository::InsertTurnAudio(const TurnAudioRecord& a) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO roleplay_turn_audio (session_id, turn, media_type, "
              "audio_base64, created_at) VALUES (?, ?, ?, ?, ?)",
              {a.session_id, a.turn, a.media_type, a.audio_base64, a.created_at}));
  return Ok();
}

Result<std::optional<TurnAudioRecord>> SqlRoleplayRepository::FindTurnAudio(
    const std::string& session_id, int64_t turn) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT session_id, turn, media_type, audio_base64, "
                                       "created_at FROM roleplay_turn_audio WHERE session_id = ? "
                                       "AND turn = ?",
                                       {session_id, turn}));
  if (rows.empty()) return std::optional<TurnAudioRecord>();
  const auto& r = rows[0];
  return std::optional<TurnAudioRecord>(
      TurnAudioRecord{r.Text(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4)});
}

Result<std::pair<int64_t, int64_t>> SqlRoleplayRepository::PurgeVoiceBefore(
    const std::string& org_id, int64_t cutoff) {
  ASSIGN_OR_RETURN(int64_t recordings,
                   c_.Exec("DELETE FROM roleplay_turn_audio WHERE created_at < ? AND session_id IN "
                           "(SELECT id FROM roleplay_sessions WHERE org_id = ?)",
                           {cutoff, org_id}));
  ASSIGN_OR_RETURN(int64_t analyses,
                   c_.Exec("UPDATE roleplay_turns SET voice = NULL WHERE voice IS NOT NULL AND "
                           "created_at < ? AND session_id IN (SELECT id FROM roleplay_sessions "
                           "WHERE org_id = ?)",
                           {cutoff, org_id}));
  return std::make_pair(recordings, analyses);
}

Result<int64_t> SqlRoleplayRepository::PurgeTextBefore(const std::string& org_id, int64_t cutoff) {
  constexpr const char* kExpired =
      "(SELECT id FROM roleplay_sessions WHERE org_id = ? AND ((ended_at IS NOT NULL AND ended_at "
      "< ?) OR (ended_at IS NULL AND started_at < ?)))";
  const std::vector<SqlValue> params{org_id, cutoff, cutoff};
  RETURN_IF_ERROR(c_.Exec(
      std::string("DELETE FROM roleplay_turn_audio WHERE session_id IN ") + kExpired, params));
  ASSIGN_OR_RETURN(
      int64_t turns,
      c_.Exec(std::string("DELETE FROM roleplay_turns WHERE session_id IN ") + kExpired, params));
  RETURN_IF_ERROR(c_.Exec(
      "DELETE FROM roleplay_sessions WHERE org_id = ? AND ended_at IS NULL AND started_at < ?",
      {org_id, cutoff}));
  return turns;
}

Status SqlRoleplayRepository::InsertCriterionScore(const CriterionScoreRecord& c) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO roleplay_criterion_scores (session_id, person_id, "
              "criterion_id, criterion, score, completed_at) VALUES (?, ?, ?, ?, ?, ?)",
              {c.session_id, c.person_id, c.criterion_id, c.criterion, c.score, c.completed_at}));
  return Ok();
}

Result<std::vector<CriterionScoreRecord>> SqlRoleplayRepository::CriterionScoresOf(
    const std::string& person_id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("SELECT c.session_id, c.person_id, c.criterion_id, c.criterion, "
                            "c.score, c.completed_at, s.scenario_id FROM "
                            "roleplay_criterion_scores c JOIN roleplay_sessions s ON s.id = "
                            "c.session_id WHERE c.person_id = ? ORDER BY c.completed_at, "
                            "c.session_id, c.criterion_id",
                            {person_id}));
  std::vector<CriterionScoreRecord> out;
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Real(4), r.Int(5), r.Text(6)});
  }
  return out;
}

}  // namespace attune
