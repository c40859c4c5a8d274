// Emotion-recognition assessment (the ERPS) for the signed-in learner, and item calibration for
// admins. Handlers parse and shape JSON; the rules are in services/practice.
#include "http/api_routes.h"
#include "http/json_body.h"
#include "services/practice/emotion_vocabulary.h"

namespace attune {
namespace {

using nlohmann::json;
using practice::AssessmentView;
using practice::BranchResult;

json ItemJson(const practice::ServedItem& served) {
  const practice::Item& item = *served.item;
  json options = json::array();
  for (const auto& o : item.options) options.push_back({{"id", o.id}, {"text", o.text}});
  return {{"position", served.position}, {"item_id", item.id},
          {"version", item.version},     {"modality", practice::ModalityName(item.modality)},
          {"setting", item.setting},     {"stem", item.stem},
          {"question", item.question},   {"options", options}};
}

json BranchJson(const BranchResult& b) {
  return {{"branch", b.branch},
          {"theta", b.theta},
          {"se", b.se},
          {"erps", std::round(b.erps.score)},
          {"erps_low", std::round(b.erps.low)},
          {"erps_high", std::round(b.erps.high)}};
}

json ResultsJson(const std::vector<BranchResult>& results) {
  json out = json::array();
  for (const auto& b : results) out.push_back(BranchJson(b));
  return out;
}

json AssessmentJson(const AssessmentView& v) {
  json out = {{"id", v.record.id},
              {"status", v.record.status},
              {"started_at", v.record.started_at},
              {"items_answered", v.record.items},
              {"item", v.current ? ItemJson(*v.current) : json(nullptr)},
              {"results", ResultsJson(v.results)}};
  if (v.record.completed_at) out["completed_at"] = *v.record.completed_at;
  return out;
}

json FeedbackJson(const practice::AnswerFeedback& f) {
  json out = {{"item_id", f.item_id},
              {"correct", f.correct},
              {"chosen_option", f.chosen_option},
              {"key", f.key},
              {"key_text", f.key_text},
              {"explanation", f.explanation},
              {"key_emotion", f.key_emotion}};
  if (!f.option_feedback.empty()) out["option_feedback"] = f.option_feedback;
  if (f.chosen_emotion) out["chosen_emotion"] = *f.chosen_emotion;
  return out;
}

std::string EmotionName(int e) { return std::string(practice::kEmotions.at(e)); }

json ReportJson(const practice::ErpsReport& r) {
  json history = json::array();
  for (const auto& [record, results] : r.history) {
    history.push_back({{"assessment_id", record.id},
                       {"completed_at", record.completed_at.value_or(0)},
                       {"items", record.items},
                       {"results", ResultsJson(results)}});
  }
  json emotions = json::array();
  for (const auto& s : r.map.emotions) {
    emotions.push_back({{"emotion", EmotionName(s.emotion)},
                        {"shown", s.shown},
                        {"chosen", s.chosen},
                        {"hits", s.hits},
                        {"accuracy", s.raw_accuracy},
                        {"shrunk_accuracy", s.shrunk_accuracy},
                        {"unbiased_hit_rate", s.unbiased_hit_rate},
                        {"chance_hit_rate", s.chance_hit_rate},
                        {"response_bias", s.response_bias}});
  }
  json confusions = json::array();
  for (const auto& c : r.map.top_confusions) {
    confusions.push_back({{"target", EmotionName(c.target)},
                          {"chosen", EmotionName(c.chosen)},
                          {"count", c.count},
                          {"rate", c.rate}});
  }
  json labels = json::array();
  for (auto e : practice::kEmotions) labels.push_back(e);
  json plan = json::array();
  for (int e : r.map.practice_plan) plan.push_back(EmotionName(e));
  return {{"scale", {{"mean", 500}, {"sd", 100}, {"interval", 0.9}}},
          {"latest", ResultsJson(r.latest)},
          {"history", history},
          {"development_map",
           {{"answers", r.answers},
            {"emotions", emotions},
            {"labels", labels},
            {"confusion_matrix", r.map.matrix},
            {"top_confusions", confusions},
            {"practice_plan", plan}}}};
}

json SessionJson(const practice::PracticeView& v) {
  json out = {{"id", v.session.id},
              {"started_at", v.session.started_at},
              {"planned_items", v.session.planned_items},
              {"answered", v.answered},
              {"correct", v.correct},
              {"ended", v.session.ended_at.has_value()},
              {"item", v.current ? ItemJson(*v.current) : json(nullptr)}};
  if (v.session.ended_at) out["ended_at"] = *v.session.ended_at;
  return out;
}

json ProfileJson(const PracticeProfileRecord& p) {
  return {{"role", p.role}, {"seniority", p.seniority}};
}

}  // namespace

void AddPracticeRoutes(HttpServer& server, ApiServices& s) {
  server.AddRoute({"POST", "/api/v1/me/assessments", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto view, s.assessments.Start(*r.principal));
                     return JsonResponse(AssessmentJson(view));
                   }});
  server.AddRoute({"GET", "/api/v1/me/assessments/{id}", AuthMode::kRequired, BodyKind::kNone, 0,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto view,
                                      s.assessments.Get(*r.principal, r.path_params.at(0)));
                     return JsonResponse(AssessmentJson(view));
                   }});
  server.AddRoute({"POST", "/api/v1/me/assessments/{id}/next", AuthMode::kRequired, BodyKind::kNone,
                   0, true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto view,
                                      s.assessments.Next(*r.principal, r.path_params.at(0)));
                     return JsonResponse(AssessmentJson(view));
                   }});
  server.AddRoute(
      {"POST", "/api/v1/me/assessments/{id}/answers", AuthMode::kRequired, BodyKind::kJson, 2048,
       true, [&s](ApiRequest& r) -> Result<ApiResponse> {
         ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"item_id", "option_id"}));
         ASSIGN_OR_RETURN(auto item_id, body.RequiredString("item_id", 100));
         ASSIGN_OR_RETURN(auto option_id, body.RequiredString("option_id", 100));
         ASSIGN_OR_RETURN(auto outcome, s.assessments.Answer(*r.principal, r.path_params.at(0),
                                                             item_id, option_id));
         return JsonResponse({{"feedback", FeedbackJson(outcome.feedback)},
                              {"assessment", AssessmentJson(outcome.assessment)}});
       }});
  server.AddRoute({"GET", "/api/v1/me/erps", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto report, s.assessments.Report(*r.principal));
                     return JsonResponse(ReportJson(report));
                   }});
  server.AddRoute({"GET", "/api/v1/me/practice/profile", AuthMode::kRequired, BodyKind::kNone, 0,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto profile, s.practice.Profile(*r.principal));
                     return JsonResponse(ProfileJson(profile));
                   }});
  server.AddRoute({"PUT", "/api/v1/me/practice/profile", AuthMode::kRequired, BodyKind::kJson, 1024,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"role", "seniority"}));
                     ASSIGN_OR_RETURN(auto role, body.RequiredString("role", 32));
                     ASSIGN_OR_RETURN(auto seniority, body.RequiredString("seniority", 32));
                     ASSIGN_OR_RETURN(auto profile,
                                      s.practice.SetProfile(*r.principal, role, seniority));
                     return JsonResponse(ProfileJson(profile));
                   }});
  server.AddRoute({"POST", "/api/v1/me/practice/sessions", AuthMode::kRequired, BodyKind::kJson,
                   1024, true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     int items = practice::PracticeService::kDefaultItems;
                     if (!r.Body().empty()) {
                       ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"items"}));
                       ASSIGN_OR_RETURN(auto n, body.OptInt("items"));
                       if (n) items = static_cast<int>(*n);
                     }
                     ASSIGN_OR_RETURN(auto view, s.practice.Start(*r.principal, items));
                     return JsonResponse(SessionJson(view), 201);
                   }});
  server.AddRoute({"GET", "/api/v1/me/practice/sessions/{id}", AuthMode::kRequired, BodyKind::kNone,
                   0, true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto view, s.practice.Get(*r.principal, r.path_params.at(0)));
                     return JsonResponse(SessionJson(view));
                   }});
  server.AddRoute(
      {"POST", "/api/v1/me/practice/sessions/{id}/answers", AuthMode::kRequired, BodyKind::kJson,
       2048, true, [&s](ApiRequest& r) -> Result<ApiResponse> {
         ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"item_id", "option_id"}));
         ASSIGN_OR_RETURN(auto item_id, body.RequiredString("item_id", 100));
         ASSIGN_OR_RETURN(auto option_id, body.RequiredString("option_id", 100));
         ASSIGN_OR_RETURN(auto out,
                          s.practice.Answer(*r.principal, r.path_params.at(0), item_id, option_id));
         return JsonResponse({{"feedback", FeedbackJson(out.feedback)},
                              {"item_review_due", out.item_review_due},
                              {"emotion_review_due", out.emotion_review_due},
                              {"session", SessionJson(out.session)}});
       }});
  server.AddRoute({"GET", "/api/v1/me/practice/reviews", AuthMode::kRequired, BodyKind::kNone, 0,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto queue, s.practice.Reviews(*r.principal));
                     json due = json::array();
                     for (const auto& e : queue.due) {
                       due.push_back({{"card", e.card.card},
                                      {"due", e.card.due},
                                      {"state", e.card.state},
                                      {"reviews", e.card.reviews},
                                      {"lapses", e.card.lapses},
                                      {"stability_days", e.card.stability.value_or(0)},
                                      {"retrievability", e.retrievability}});
                     }
                     return JsonResponse({{"due_count", queue.due_count}, {"due", due}});
                   }});
  auto calibration_json = [](const practice::CalibrationStatus& c) {
    return json{
        {"items", c.items},
        {"calibrated", c.calibrated},
        {"with_option_model", c.with_option_model},
        {"last_calibrated_at", c.last_calibrated_at ? json(*c.last_calibrated_at) : json(nullptr)},
        {"min_answers", c.min_answers}};
  };
  server.AddRoute({"GET", "/api/v1/items/calibration", AuthMode::kRequired, BodyKind::kNone, 0,
                   true, [&s, calibration_json](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto status, s.assessments.Calibration(*r.principal));
                     return JsonResponse(calibration_json(status));
                   }});
  server.AddRoute({"POST", "/api/v1/items/calibrate", AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s, calibration_json](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(int refitted, s.assessments.Calibrate(*r.principal));
                     ASSIGN_OR_RETURN(auto status, s.assessments.Calibration(*r.principal));
                     json out = calibration_json(status);
                     out["items_refitted"] = refitted;
                     return JsonResponse(out);
                   }});
}

}  // namespace attune
