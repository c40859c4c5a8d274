// Role-play simulations for the signed-in learner. Handlers parse and shape JSON; the rules are in
// services/roleplay and the scenario engine.
#include "core/base64.h"
#include "http/api_routes.h"
#include "http/json_body.h"

namespace attune {
namespace {

using nlohmann::json;

json StateJson(const scenario::CounterpartState& s) {
  return {{"emotion", s.emotion}, {"intensity", s.intensity}};
}

json FeedbackJson(const std::vector<scenario::FeedbackPoint>& points) {
  json out = json::array();
  for (const auto& p : points) {
    out.push_back({{"criterion_id", p.criterion_id},
                   {"criterion", p.criterion},
                   {"note", p.note},
                   {"words", p.words}});
  }
  return out;
}

json ScenarioJson(const scenario::Scenario& s, bool full) {
  json out = {{"id", s.id},
              {"version", s.version},
              {"title", s.title},
              {"summary", s.summary},
              {"theme", s.theme},
              {"roles", s.roles},
              {"seniority", s.seniority},
              {"persona", {{"name", s.persona.name}, {"role", s.persona.role}}},
              {"counterpart", {{"emotion", s.start_emotion}, {"intensity", s.start_intensity}}}};
  if (!full) return out;
  json rubric = json::array();
  for (const auto& c : s.rubric) {
    rubric.push_back({{"id", c.id},
                      {"criterion", c.criterion},
                      {"behaviours", c.behaviours},
                      {"weight", c.weight},
                      {"kind", c.avoid ? "avoid" : "show"},
                      {"signal", scenario::SignalName(c.signal)}});
  }
  out["persona"]["description"] = s.persona.description;
  out["context"] = s.context;
  out["goals"] = s.goals;
  out["rubric"] = rubric;
  return out;
}

json SessionJson(const roleplay::RoleplayView& v) {
  json turns = json::array();
  int n = 0;
  for (const auto& t : v.turns) {
    const scenario::Node* answered = v.scenario->FindNode(t.node);
    json signals = json::array();
    for (size_t i = 0; i < scenario::kNumSignals; ++i) {
      if (t.signals.present[i]) signals.push_back(scenario::kSignalNames[i]);
    }
    // What the learner answered: the previous turn's worded line, or the scenario's.
    std::string said = answered ? answered->says : "";
    if (n > 0 && n <= static_cast<int>(v.records.size()) && v.records[n - 1].counterpart_line) {
      said = *v.records[n - 1].counterpart_line;
    }
    const RoleplayTurnRecord* record =
        n < static_cast<int>(v.records.size()) ? &v.records[n] : nullptr;
    json voice = nullptr;
    if (record && record->voice) voice = json::parse(*record->voice, nullptr, false);
    turns.push_back({{"turn", ++n},
                     {"counterpart_said", said},
                     {"reply", t.reply},
                     {"spoken", record && record->spoken},
                     {"voice", voice},
                     {"signals", signals},
                     {"went_well", FeedbackJson(t.went_well)},
                     {"to_try", FeedbackJson(t.to_try)},
                     {"before", StateJson(t.before)},
                     {"after", StateJson(t.after)}});
  }
  json out = {{"id", v.session.id},
              {"scenario", ScenarioJson(*v.scenario, true)},
              {"started_at", v.session.started_at},
              {"ended", v.ended()},
              {"outcome", v.session.outcome ? json(*v.session.outcome) : json(nullptr)},
              {"replies_expired", v.replies_expired},
              {"counterpart",
               {{"says", v.counterpart_says},
                {"scripted", v.current->says},
                {"worded_by", v.counterpart_voiced ? "language_model" : "scenario"},
                {"state", StateJson(v.state)}}},
              {"turns", turns},
              {"debrief", nullptr}};
  if (v.debrief) {
    json rubric = json::array(), trajectory = json::array();
    for (const auto& c : v.debrief->rubric) {
      rubric.push_back(
          {{"id", c.id}, {"criterion", c.criterion}, {"weight", c.weight}, {"score", c.score}});
    }
    for (const auto& s : v.debrief->trajectory) trajectory.push_back(StateJson(s));
    out["debrief"] = {{"outcome", scenario::OutcomeName(v.debrief->outcome)},
                      {"overall", v.debrief->overall},
                      {"rubric", rubric},
                      {"trajectory", trajectory},
                      {"experiment", v.debrief->experiment}};
  }
  return out;
}

}  // namespace

void AddRoleplayRoutes(HttpServer& server, ApiServices& s) {
  server.AddRoute({"GET", "/api/v1/me/roleplay/scenarios", AuthMode::kRequired, BodyKind::kNone, 0,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto choices, s.roleplay.Scenarios(*r.principal));
                     json out = json::array();
                     for (const auto& c : choices) {
                       json j = ScenarioJson(*c.scenario, false);
                       j["recommended"] = c.recommended;
                       out.push_back(j);
                     }
                     return JsonResponse({{"scenarios", out}});
                   }});
  server.AddRoute({"POST", "/api/v1/me/roleplay/sessions", AuthMode::kRequired, BodyKind::kJson,
                   1024, true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"scenario_id"}));
                     ASSIGN_OR_RETURN(auto id, body.RequiredString("scenario_id", 100));
                     ASSIGN_OR_RETURN(auto view, s.roleplay.Start(*r.principal, id));
                     return JsonResponse(SessionJson(view), 201);
                   }});
  server.AddRoute({"GET", "/api/v1/me/roleplay/sessions/{id}", AuthMode::kRequired, BodyKind::kNone,
                   0, true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto view, s.roleplay.Get(*r.principal, r.path_params.at(0)));
                     return JsonResponse(SessionJson(view));
                   }});
  server.AddRoute({"POST", "/api/v1/me/roleplay/sessions/{id}/replies", AuthMode::kRequired,
                   BodyKind::kJson, 16384, true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"text"}));
                     ASSIGN_OR_RETURN(auto text, body.RequiredString("text", 16000));
                     ASSIGN_OR_RETURN(auto view,
                                      s.roleplay.Reply(*r.principal, r.path_params.at(0), text));
                     return JsonResponse(SessionJson(view));
                   }});
  // A spoken reply: the body is the recording itself (audio/wav, audio/flac or audio/ogg, at most
  // a minute); ?keep=true keeps the recording and its voice analysis with the turn.
  server.AddRoute(
      {"POST", "/api/v1/me/roleplay/sessions/{id}/spoken-replies", AuthMode::kRequired,
       BodyKind::kAudio, 8 * 1024 * 1024, true, [&s](ApiRequest& r) -> Result<ApiResponse> {
         const std::string keep = r.Query("keep");
         if (!keep.empty() && keep != "true" && keep != "false") {
           return Error(ErrorCode::kInvalidArgument, "keep must be true or false", "keep");
         }
         std::string media_type = r.Header("Content-Type");
         media_type = media_type.substr(0, std::min<size_t>(100, media_type.find(';')));
         ASSIGN_OR_RETURN(auto spoken,
                          s.roleplay.ReplyBySpeech(*r.principal, r.path_params.at(0), r.Body(),
                                                   media_type, keep == "true"));
         json out = SessionJson(spoken.view);
         out["spoken"] = {{"voice", spoken.voice},
                          {"kept", spoken.kept},
                          {"went_well", FeedbackJson(spoken.pacing.went_well)},
                          {"to_try", FeedbackJson(spoken.pacing.to_try)}};
         return JsonResponse(out);
       }});
  server.AddRoute({"GET", "/api/v1/me/roleplay/sessions/{id}/turns/{turn}/recording",
                   AuthMode::kRequired, BodyKind::kNone, 0, true,
                   [&s](ApiRequest& r) -> Result<ApiResponse> {
                     int64_t turn = 0;
                     const std::string& raw = r.path_params.at(1);
                     if (raw.empty() || raw.size() > 6 ||
                         raw.find_first_not_of("0123456789") != std::string::npos) {
                       return Error(ErrorCode::kInvalidArgument, "turn must be a number", "turn");
                     }
                     turn = std::stoll(raw);
                     ASSIGN_OR_RETURN(
                         auto audio, s.roleplay.TurnAudio(*r.principal, r.path_params.at(0), turn));
                     ApiResponse out;
                     out.raw_body = Base64Decode(audio.audio_base64).value_or(std::string());
                     out.content_type = audio.media_type;
                     out.headers.push_back({"Cache-Control", "private, no-store"});
                     return out;
                   }});
  server.AddRoute({"GET", "/api/v1/me/roleplay/history", AuthMode::kRequired, BodyKind::kNone, 0,
                   true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto scores, s.roleplay.History(*r.principal));
                     json out = json::array();
                     for (const auto& c : scores) {
                       out.push_back({{"session_id", c.session_id},
                                      {"scenario_id", c.scenario_id},
                                      {"criterion_id", c.criterion_id},
                                      {"criterion", c.criterion},
                                      {"score", c.score},
                                      {"completed_at", c.completed_at}});
                     }
                     return JsonResponse({{"criterion_scores", out}});
                   }});
}

}  // namespace attune
