#include "storage/sql/sql_practice_repository.h"

#include <nlohmann/json.hpp>

#include "storage/sql/sql_xapi_repositories.h"  // LockName

namespace attune {
namespace {

using nlohmann::json;

constexpr const char* kAssessmentColumns =
    "SELECT id, org_id, person_id, status, started_at, completed_at, items, theta, se, "
    "recognition_theta, recognition_se, understanding_theta, understanding_se, management_theta, "
    "management_se FROM assessments ";

AssessmentRecord AssessmentFromRow(const SqlRow& r) {
  AssessmentRecord a;
  a.id = r.Text(0);
  a.org_id = r.Text(1);
  a.person_id = r.Text(2);
  a.status = r.Text(3);
  a.started_at = r.Int(4);
  a.completed_at = r.OptInt(5);
  a.items = r.Int(6);
  a.overall = {r.OptReal(7), r.OptReal(8)};
  a.recognition = {r.OptReal(9), r.OptReal(10)};
  a.understanding = {r.OptReal(11), r.OptReal(12)};
  a.management = {r.OptReal(13), r.OptReal(14)};
  return a;
}

constexpr const char* kResponseColumns =
    "SELECT id, org_id, person_id, activity_kind, activity_id, position, item_id, item_version, "
    "served_at, answered_at, option_id, correct, key_emotion, chosen_emotion FROM item_responses ";

ItemResponseRecord ResponseFromRow(const SqlRow& r) {
  ItemResponseRecord x;
  x.id = r.Text(0);
  x.org_id = r.Text(1);
  x.person_id = r.Text(2);
  x.activity_kind = r.Text(3);
  x.activity_id = r.Text(4);
  x.position = r.Int(5);
  x.item_id = r.Text(6);
  x.item_version = r.Int(7);
  x.served_at = r.Int(8);
  x.answered_at = r.OptInt(9);
  x.option_id = r.OptText(10);
  if (!r.IsNull(11)) x.correct = r.Int(11) != 0;
  x.key_emotion = r.Text(12);
  x.chosen_emotion = r.OptText(13);
  return x;
}

constexpr const char* kCardColumns =
    "SELECT person_id, card, org_id, state, step, stability, difficulty, due, last_review, "
    "reviews, lapses FROM review_cards ";

ReviewCardRecord CardFromRow(const SqlRow& r) {
  return ReviewCardRecord{r.Text(0),    r.Text(1), r.Text(2),   r.Int(3), r.Int(4), r.OptReal(5),
                          r.OptReal(6), r.Int(7),  r.OptInt(8), r.Int(9), r.Int(10)};
}

SqlValue OptBool(const std::optional<bool>& b) {
  return b ? SqlValue(static_cast<int64_t>(*b)) : SqlValue(std::monostate{});
}

}  // namespace

Status SqlPracticeRepository::LockLearner(const std::string& person_id) {
  return LockName(c_, "practice-learner\n" + person_id);
}

Status SqlPracticeRepository::InsertAssessment(const AssessmentRecord& a) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO assessments (id, org_id, person_id, status, started_at, items) "
              "VALUES (?, ?, ?, ?, ?, ?)",
              {a.id, a.org_id, a.person_id, a.status, a.started_at, a.items}));
  return Ok();
}

Result<std::optional<AssessmentRecord>> SqlPracticeRepository::FindAssessment(
    const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(kAssessmentColumns + std::string("WHERE id = ?"), {id}));
  if (rows.empty()) return std::optional<AssessmentRecord>();
  return std::optional<AssessmentRecord>(AssessmentFromRow(rows[0]));
}

Result<std::optional<AssessmentRecord>> SqlPracticeRepository::ActiveAssessment(
    const std::string& person_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(kAssessmentColumns +
                                           std::string("WHERE person_id = ? AND status = "
                                                       "'active' ORDER BY started_at DESC LIMIT 1"),
                                       {person_id}));
  if (rows.empty()) return std::optional<AssessmentRecord>();
  return std::optional<AssessmentRecord>(AssessmentFromRow(rows[0]));
}

Status SqlPracticeRepository::UpdateAssessment(const AssessmentRecord& a) {
  RETURN_IF_ERROR(c_.Exec(
      "UPDATE assessments SET status = ?, completed_at = ?, items = ?, theta = ?, se = ?, "
      "recognition_theta = ?, recognition_se = ?, understanding_theta = ?, understanding_se = ?, "
      "management_theta = ?, management_se = ? WHERE id = ?",
      {a.status, SqlNullable(a.completed_at), a.items, SqlNullable(a.overall.theta),
       SqlNullable(a.overall.se), SqlNullable(a.recognition.theta), SqlNullable(a.recognition.se),
       SqlNullable(a.understanding.theta), SqlNullable(a.understanding.se),
       SqlNullable(a.management.theta), SqlNullable(a.management.se), a.id}));
  return Ok();
}

Result<std::vector<AssessmentRecord>> SqlPracticeRepository::CompletedAssessments(
    const std::string& person_id) {
  ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(kAssessmentColumns + std::string("WHERE person_id = ? AND status = 'completed' "
                                                "ORDER BY completed_at, id"),
               {person_id}));
  std::vector<AssessmentRecord> out;
  for (const auto& r : rows) out.push_back(AssessmentFromRow(r));
  return out;
}

Result<int64_t> SqlPracticeRepository::CountAssessments(const std::string& org_id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("SELECT COUNT(*) FROM assessments WHERE org_id = ?", {org_id}));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Status SqlPracticeRepository::InsertResponse(const ItemResponseRecord& r) {
  RETURN_IF_ERROR(c_.Exec(
      "INSERT INTO item_responses (id, org_id, person_id, activity_kind, activity_id, position, "
      "item_id, item_version, served_at, key_emotion) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.id, r.org_id, r.person_id, r.activity_kind, r.activity_id, r.position, r.item_id,
       r.item_version, r.served_at, r.key_emotion}));
  return Ok();
}

Result<std::vector<ItemResponseRecord>> SqlPracticeRepository::ResponsesOf(
    const std::string& activity_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(kResponseColumns + std::string("WHERE activity_id = ? "
                                                                      "ORDER BY position"),
                                       {activity_id}));
  std::vector<ItemResponseRecord> out;
  for (const auto& r : rows) out.push_back(ResponseFromRow(r));
  return out;
}

Result<bool> SqlPracticeRepository::RecordAnswer(const ItemResponseRecord& a) {
  ASSIGN_OR_RETURN(int64_t n, c_.Exec("UPDATE item_responses SET answered_at = ?, option_id = ?, "
                                      "correct = ?, chosen_emotion = ? WHERE id = ? AND "
                                      "answered_at IS NULL",
                                      {SqlNullable(a.answered_at), SqlNullable(a.option_id),
                                       OptBool(a.correct), SqlNullable(a.chosen_emotion), a.id}));
  return n > 0;
}

Result<std::vector<ItemResponseRecord>> SqlPracticeRepository::AnsweredBy(
    const std::string& person_id, int64_t limit) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query(kResponseColumns + std::string("WHERE person_id = ? AND answered_at "
                                                           "IS NOT NULL ORDER BY answered_at "
                                                           "DESC, id DESC LIMIT ?"),
                            {person_id, limit}));
  std::vector<ItemResponseRecord> out;
  for (const auto& r : rows) out.push_back(ResponseFromRow(r));
  return out;
}

Result<std::vector<EmotionAccuracyRow>> SqlPracticeRepository::EmotionAccuracy(
    const std::string& org_id, const std::string& except_person_id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("SELECT key_emotion, COUNT(*), SUM(correct), COUNT(DISTINCT "
                            "person_id) FROM item_responses WHERE org_id = ? AND person_id <> ? "
                            "AND answered_at IS NOT NULL AND chosen_emotion IS NOT NULL GROUP BY "
                            "key_emotion ORDER BY key_emotion",
                            {org_id, except_person_id}));
  std::vector<EmotionAccuracyRow> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Int(1), r.Int(2), r.Int(3)});
  return out;
}

Result<std::vector<std::string>> SqlPracticeRepository::ItemsAnsweredBy(
    const std::string& person_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT DISTINCT item_id FROM item_responses WHERE "
                                       "person_id = ? AND answered_at IS NOT NULL",
                                       {person_id}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

Result<std::vector<CalibrationRow>> SqlPracticeRepository::CalibrationData(
    const std::string& org_id) {
  ASSIGN_OR_RETURN(auto rows,
                   c_.Query("SELECT person_id, item_id, item_version, correct, option_id FROM "
                            "item_responses WHERE org_id = ? AND activity_kind = 'assessment' "
                            "AND answered_at IS NOT NULL ORDER BY person_id, position",
                            {org_id}));
  std::vector<CalibrationRow> out;
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Int(3) != 0, r.OptText(4)});
  }
  return out;
}

Result<std::map<std::string, int64_t>> SqlPracticeRepository::Exposure(const std::string& org_id) {
  ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT item_id, served FROM item_exposure WHERE org_id = ?", {org_id}));
  std::map<std::string, int64_t> out;
  for (const auto& r : rows) out[r.Text(0)] = r.Int(1);
  return out;
}

Status SqlPracticeRepository::AddExposure(const std::string& org_id, const std::string& item_id) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO item_exposure (org_id, item_id, served) VALUES (?, ?, 1) "
              "ON CONFLICT (org_id, item_id) DO UPDATE SET served = "
              "item_exposure.served + 1",
              {org_id, item_id}));
  return Ok();
}

Result<int64_t> SqlPracticeRepository::PurgeAnswersBefore(const std::string& org_id,
                                                          int64_t cutoff) {
  return c_.Exec(
      "DELETE FROM item_responses WHERE org_id = ? AND served_at < ? AND activity_id NOT IN "
      "(SELECT id FROM assessments WHERE org_id = ? AND status = 'active')",
      {org_id, cutoff, org_id});
}

Result<std::vector<ItemCalibrationRecord>> SqlPracticeRepository::Calibrations(
    const std::string& org_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT org_id, item_id, item_version, a, b, responses, "
                                       "calibrated_at, nominal FROM item_calibrations WHERE "
                                       "org_id = ? ORDER BY item_id",
                                       {org_id}));
  std::vector<ItemCalibrationRecord> out;
  for (const auto& r : rows) {
    ItemCalibrationRecord c;
    c.org_id = r.Text(0);
    c.item_id = r.Text(1);
    c.item_version = r.Int(2);
    c.a = r.Real(3);
    c.b = r.Real(4);
    c.responses = r.Int(5);
    c.calibrated_at = r.Int(6);
    if (auto nominal = r.OptText(7)) {
      const json parsed = json::parse(*nominal);
      c.option_slopes = parsed.at("slopes").get<std::vector<double>>();
      c.option_intercepts = parsed.at("intercepts").get<std::vector<double>>();
    }
    out.push_back(std::move(c));
  }
  return out;
}

Status SqlPracticeRepository::PutCalibration(const ItemCalibrationRecord& c) {
  RETURN_IF_ERROR(c_.Exec(
      "INSERT INTO item_calibrations (org_id, item_id, item_version, a, b, responses, "
      "calibrated_at, nominal) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, item_id) DO "
      "UPDATE SET item_version = excluded.item_version, a = excluded.a, b = excluded.b, "
      "responses = excluded.responses, calibrated_at = excluded.calibrated_at, nominal = "
      "excluded.nominal",
      {c.org_id, c.item_id, c.item_version, c.a, c.b, c.responses, c.calibrated_at,
       c.option_slopes.empty()
           ? SqlValue()
           : SqlValue(json({{"slopes", c.option_slopes}, {"intercepts", c.option_intercepts}})
                          .dump())}));
  return Ok();
}

Status SqlPracticeRepository::InsertPracticeSession(const PracticeSessionRecord& s) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO practice_sessions (id, org_id, person_id, started_at, "
              "planned_items) VALUES (?, ?, ?, ?, ?)",
              {s.id, s.org_id, s.person_id, s.started_at, s.planned_items}));
  return Ok();
}

Result<std::optional<PracticeSessionRecord>> SqlPracticeRepository::FindPracticeSession(
    const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT id, org_id, person_id, started_at, ended_at, "
                                       "planned_items FROM practice_sessions WHERE id = ?",
                                       {id}));
  if (rows.empty()) return std::optional<PracticeSessionRecord>();
  const SqlRow& r = rows[0];
  return std::optional<PracticeSessionRecord>(
      PracticeSessionRecord{r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.OptInt(4), r.Int(5)});
}

Status SqlPracticeRepository::EndPracticeSession(const std::string& id, int64_t ended_at) {
  RETURN_IF_ERROR(
      c_.Exec("UPDATE practice_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
              {ended_at, id}));
  return Ok();
}

Result<std::optional<ReviewCardRecord>> SqlPracticeRepository::FindCard(
    const std::string& person_id, const std::string& card) {
  ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(kCardColumns + std::string("WHERE person_id = ? AND card = ?"), {person_id, card}));
  if (rows.empty()) return std::optional<ReviewCardRecord>();
  return std::optional<ReviewCardRecord>(CardFromRow(rows[0]));
}

Status SqlPracticeRepository::PutCard(const ReviewCardRecord& c) {
  RETURN_IF_ERROR(c_.Exec(
      "INSERT INTO review_cards (person_id, card, org_id, state, step, stability, difficulty, "
      "due, last_review, reviews, lapses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
      "(person_id, card) DO UPDATE SET state = excluded.state, step = excluded.step, stability = "
      "excluded.stability, difficulty = excluded.difficulty, due = excluded.due, last_review = "
      "excluded.last_review, reviews = excluded.reviews, lapses = excluded.lapses",
      {c.person_id, c.card, c.org_id, c.state, c.step, SqlNullable(c.stability),
       SqlNullable(c.difficulty), c.due, SqlNullable(c.last_review), c.reviews, c.lapses}));
  return Ok();
}

Result<std::vector<ReviewCardRecord>> SqlPracticeRepository::DueCards(const std::string& person_id,
                                                                      int64_t now, int64_t limit) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(kCardColumns + std::string("WHERE person_id = ? AND due "
                                                                  "<= ? ORDER BY due, card "
                                                                  "LIMIT ?"),
                                       {person_id, now, limit}));
  std::vector<ReviewCardRecord> out;
  for (const auto& r : rows) out.push_back(CardFromRow(r));
  return out;
}

Result<std::optional<PracticeProfileRecord>> SqlPracticeRepository::FindProfile(
    const std::string& person_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT person_id, org_id, role, seniority, updated_at "
                                       "FROM practice_profiles WHERE person_id = ?",
                                       {person_id}));
  if (rows.empty()) return std::optional<PracticeProfileRecord>();
  const SqlRow& r = rows[0];
  return std::optional<PracticeProfileRecord>(
      PracticeProfileRecord{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4)});
}

Status SqlPracticeRepository::PutProfile(const PracticeProfileRecord& p) {
  RETURN_IF_ERROR(c_.Exec(
      "INSERT INTO practice_profiles (person_id, org_id, role, seniority, updated_at) VALUES (?, "
      "?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET role = excluded.role, seniority = "
      "excluded.seniority, updated_at = excluded.updated_at",
      {p.person_id, p.org_id, p.role, p.seniority, p.updated_at}));
  return Ok();
}

}  // namespace attune
