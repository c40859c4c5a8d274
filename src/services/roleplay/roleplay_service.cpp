#include "services/roleplay/roleplay_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/base64.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/utf8.h"
#include "engines/prosody/audio_decoder.h"
#include "engines/speech/voice_analysis.h"
#include "services/permissions.h"
#include "services/practice/emotion_vocabulary.h"
#include "services/practice/learning_events.h"
#include "services/practice/processing_check.h"
#include "services/roleplay/scenario_file.h"
#include "services/roleplay/voice_json.h"
#include "services/xapi/attune_vocabulary.h"

namespace attune::roleplay {

using nlohmann::json;
using scenario::Scenario;

std::string SignalsToJson(const scenario::ReplySignals& s) {
  json present = json::array(), evidence = json::array();
  for (size_t i = 0; i < scenario::kNumSignals; ++i) {
    if (s.present[i]) present.push_back(scenario::kSignalNames[i]);
  }
  for (const auto& e : s.evidence) {
    evidence.push_back({scenario::SignalName(e.signal), e.begin, e.end});
  }
  return json({{"present", present}, {"evidence", evidence}}).dump();
}

scenario::ReplySignals SignalsFromJson(const std::string& text) {
  scenario::ReplySignals s;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return s;
  for (const auto& name : j.value("present", json::array())) {
    if (auto signal =
            name.is_string() ? scenario::SignalFromName(name.get<std::string>()) : std::nullopt) {
      s.present[static_cast<size_t>(*signal)] = true;
    }
  }
  for (const auto& e : j.value("evidence", json::array())) {
    if (!e.is_array() || e.size() != 3 || !e[0].is_string()) continue;
    if (auto signal = scenario::SignalFromName(e[0].get<std::string>())) {
      s.evidence.push_back({*signal, e[1].get<uint32_t>(), e[2].get<uint32_t>()});
    }
  }
  return s;
}

RoleplayService::RoleplayService(ServiceContext ctx, std::vector<Scenario> library,
                                 const AffectService& affect, const GovernanceService& governance,
                                 StatementService& statements,
                                 practice::AssessmentService& assessments,
                                 std::unique_ptr<speech::SpeechRecognizer> recognizer,
                                 std::unique_ptr<CounterpartVoice> counterpart_voice)
    : ctx_(ctx),
      library_(std::move(library)),
      affect_(affect),
      governance_(governance),
      statements_(statements),
      assessments_(assessments),
      recognizer_(std::move(recognizer)),
      counterpart_voice_(std::move(counterpart_voice)) {}

const Scenario* RoleplayService::Find(const std::string& id) const {
  for (const Scenario& s : library_) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

Result<const Scenario*> RoleplayService::VersionOf(StoreTx& tx, const std::string& id,
                                                   int64_t version) const {
  if (const Scenario* current = Find(id); current && current->version == version) return current;
  std::lock_guard lock(earlier_versions_mu_);
  auto cached = earlier_versions_.find({id, version});
  if (cached != earlier_versions_.end()) return cached->second.get();
  ASSIGN_OR_RETURN(auto text, tx.roleplay().FindScenarioVersion(id, version));
  if (!text) {
    // Runs started before versions were kept, on a version the library no longer has.
    return Error(ErrorCode::kConflict,
                 "the scenario has changed since this conversation started; start it again");
  }
  auto parsed = roleplay::ParseScenario(*text, id + " version " + std::to_string(version));
  if (!parsed.ok()) return parsed.error();
  auto kept = std::make_unique<Scenario>(std::move(*parsed));
  const Scenario* out = kept.get();
  earlier_versions_.emplace(std::make_pair(id, version), std::move(kept));
  return out;
}

Result<std::vector<ScenarioChoice>> RoleplayService::Scenarios(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  std::optional<PracticeProfileRecord> profile;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(profile, tx.practice().FindProfile(p.person_id));
    return Ok();
  }));
  ASSIGN_OR_RETURN(practice::ErpsReport report, assessments_.Report(p));
  std::vector<std::string> weak;
  if (report.answers > 0) {
    for (int e : report.map.practice_plan) weak.emplace_back(practice::kEmotions.at(e));
  }
  auto has = [](const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
  };
  std::vector<std::pair<int, ScenarioChoice>> ranked;
  for (const Scenario& s : library_) {
    int score = 0;
    if (profile && profile->role != "any" && has(s.roles, profile->role)) score += 2;
    if (profile && profile->seniority != "any" && has(s.seniority, profile->seniority)) score += 1;
    if (has(weak, s.start_emotion)) score += 1;  // rehearse the emotions they find hardest
    ranked.push_back({score, {&s, score > 0}});
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<ScenarioChoice> out;
  for (auto& [score, choice] : ranked) out.push_back(choice);
  return out;
}

Result<RoleplayView> RoleplayService::Load(StoreTx& tx, const Principal& p,
                                           const std::string& session_id,
                                           std::unique_ptr<scenario::ScenarioRun>& run) {
  ASSIGN_OR_RETURN(auto session, tx.roleplay().FindSession(session_id));
  if (!session || session->person_id != p.person_id) {
    return Error(ErrorCode::kNotFound, "no role-play session " + session_id);
  }
  ASSIGN_OR_RETURN(const Scenario* s,
                   VersionOf(tx, session->scenario_id, session->scenario_version));
  run = std::make_unique<scenario::ScenarioRun>(*s);
  ASSIGN_OR_RETURN(auto turns, tx.roleplay().TurnsOf(session_id));
  for (const RoleplayTurnRecord& t : turns) {
    auto replayed = run->Reply(t.reply, SignalsFromJson(t.signals));
    if (!replayed.ok()) return replayed.error();
  }
  RoleplayView view;
  view.counterpart_says = run->current().says;
  if (!turns.empty() && turns.back().counterpart_line) {
    view.counterpart_says = *turns.back().counterpart_line;
    view.counterpart_voiced = true;
  }
  view.replies_expired = session->ended_at.has_value() && turns.empty();
  view.records = std::move(turns);
  view.session = *session;
  view.scenario = s;
  view.turns = run->turns();
  view.current = &run->current();
  view.state = run->state();
  if (run->ended()) view.debrief = run->Summarise();
  return view;
}

Result<RoleplayView> RoleplayService::Start(const Principal& p, const std::string& scenario_id) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  const Scenario* s = Find(scenario_id);
  if (!s) return Error(ErrorCode::kNotFound, "no scenario " + scenario_id, "scenario_id");
  if (!affect_.available()) {
    return Error(ErrorCode::kUnavailable, "reply analysis is unavailable (no affect model)");
  }
  RoleplaySessionRecord session;
  session.id = NewUuidV7(ctx_.clock, ctx_.random);
  session.org_id = p.org_id;
  session.person_id = p.person_id;
  session.scenario_id = s->id;
  session.scenario_version = s->version;
  session.started_at = ctx_.clock.NowMillis();
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(practice::RequireProcessing(ctx_, tx, p.person_id, "roleplay_text"));
    RETURN_IF_ERROR(tx.roleplay().KeepScenarioVersion(s->id, s->version, s->text));
    return tx.roleplay().InsertSession(session);
  }));
  RoleplayView view;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    std::unique_ptr<scenario::ScenarioRun> run;
    ASSIGN_OR_RETURN(view, Load(tx, p, session.id, run));
    return Ok();
  }));
  return view;
}

Result<RoleplayView> RoleplayService::Get(const Principal& p, const std::string& session_id) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  RoleplayView view;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    std::unique_ptr<scenario::ScenarioRun> run;
    ASSIGN_OR_RETURN(view, Load(tx, p, session_id, run));
    return Ok();
  }));
  return view;
}

Result<RoleplayView> RoleplayService::Reply(const Principal& p, const std::string& session_id,
                                            const std::string& text) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  std::string reply = text;
  while (!reply.empty() && std::isspace(static_cast<unsigned char>(reply.back()))) reply.pop_back();
  reply.erase(0, std::min(reply.size(), reply.find_first_not_of(" \t\r\n")));
  if (reply.empty()) return Error(ErrorCode::kInvalidArgument, "the reply is empty", "text");
  if (!IsValidUtf8(reply)) {
    return Error(ErrorCode::kInvalidArgument, "the reply is not valid UTF-8", "text");
  }
  const size_t chars = std::count_if(reply.begin(), reply.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  if (chars > kMaxReplyChars) {
    return Error(ErrorCode::kInvalidArgument,
                 "the reply is longer than 2,000 characters; say it in fewer words", "text");
  }
  return Record(p, session_id, reply, nullptr);
}

Status RoleplayService::CheckStreams(StoreTx& tx, const Principal& p, bool spoken) const {
  for (const char* stream : {"roleplay_text", "voice_prosody"}) {
    if (!spoken && std::string_view(stream) == "voice_prosody") continue;
    ASSIGN_OR_RETURN(ProcessingDecision decision, governance_.MayProcess(tx, p.person_id, stream));
    if (!decision.allowed) return Error(ErrorCode::kFailedPrecondition, decision.reason);
  }
  return Ok();
}

Result<RoleplayView> RoleplayService::Record(const Principal& p, const std::string& session_id,
                                             const std::string& reply, const SpokenTurn* spoken) {
  if (!affect_.available()) {
    return Error(ErrorCode::kUnavailable, "reply analysis is unavailable (no affect model)");
  }
  // 1. Replay the conversation and check it may go on (a read: no write lock is held while the
  //    reply is analysed or the language model answers).
  std::unique_ptr<scenario::ScenarioRun> run;
  RoleplayView before;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(before, Load(tx, p, session_id, run));
    if (before.ended()) {
      return Error(ErrorCode::kConflict, "this conversation has ended; start it again to retry");
    }
    return CheckStreams(tx, p, spoken != nullptr);
  }));
  // 2. Read the reply. Empathy is judged against the scenario's own line, so scoring never
  //    depends on how a language model worded it.
  const affect::AffectEngine& engine = affect_.engine();
  ASSIGN_OR_RETURN(auto analysis, engine.Analyze(reply, {.explain = false}));
  ASSIGN_OR_RETURN(auto empathy, engine.AssessEmpathy(run->current().says, reply));
  const scenario::ReplySignals signals =
      scenario::ReadSignals(reply, analysis, empathy, engine.schema());
  const std::string node = run->current().id;
  if (auto taken = run->Reply(reply, signals); !taken.ok()) return taken.error();
  // 3. The counterpart's next line in the persona's words, when a language model is configured.
  std::optional<std::string> voiced;
  if (counterpart_voice_) {
    voiced = counterpart_voice_->Voice({before.scenario, run->state(), run->current().says, reply});
  }
  // 4. Store the turn and its statements.
  RoleplayView view;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(CheckStreams(tx, p, spoken != nullptr));
    ASSIGN_OR_RETURN(auto stored, tx.roleplay().TurnsOf(session_id));
    if (stored.size() != before.turns.size()) {
      return Error(ErrorCode::kConflict,
                   "another reply to this conversation was recorded meanwhile; reload it");
    }
    const int64_t now = ctx_.clock.NowMillis();
    const int64_t turn_number = static_cast<int64_t>(before.turns.size()) + 1;
    RoleplayTurnRecord record{session_id, turn_number, node, reply, SignalsToJson(signals), now};
    record.counterpart_line = voiced;
    if (spoken) {
      record.spoken = true;
      record.voice = spoken->voice_json;
    }
    RETURN_IF_ERROR(tx.roleplay().InsertTurn(record));
    if (spoken && spoken->audio) {
      TurnAudioRecord audio = *spoken->audio;
      audio.session_id = session_id;
      audio.turn = turn_number;
      audio.created_at = now;
      RETURN_IF_ERROR(tx.roleplay().InsertTurnAudio(audio));
    }
    // The LRS records what the reply showed, never its words.
    namespace v = xapi::vocabulary;
    const std::string base = ctx_.config.IdentityBaseUrl();
    ASSIGN_OR_RETURN(Person person, practice::PersonOf(tx, p));
    json shown = json::array();
    for (size_t i = 0; i < scenario::kNumSignals; ++i) {
      if (signals.present[i]) shown.push_back(scenario::kSignalNames[i]);
    }
    const json scenario_activity = {
        {"objectType", "Activity"},
        {"id", v::ActivityIri(base, "scenarios", before.scenario->id)},
        {"definition", {{"type", v::kSimulation}, {"name", {{"en-US", before.scenario->title}}}}}};
    std::vector<json> statements = {
        {{"id", NewUuidV7(ctx_.clock, ctx_.random)},
         {"actor", v::PersonAgent(person, base)},
         {"verb", {{"id", v::kResponded}, {"display", {{"en-US", "responded"}}}}},
         {"object", scenario_activity},
         {"result", {{"extensions", {{base + "/xapi/extensions/signals", shown}}}}},
         {"context", {{"registration", session_id}}},
         {"timestamp", FormatIso8601Millis(now)}}};
    RoleplaySessionRecord ended = before.session;
    if (run->ended()) {
      const scenario::Debrief debrief = run->Summarise();
      ended.ended_at = now;
      ended.outcome = std::string(scenario::OutcomeName(debrief.outcome));
      ended.overall = debrief.overall;
      ASSIGN_OR_RETURN(bool ended_now, tx.roleplay().EndSession(ended));
      if (!ended_now) return Error(ErrorCode::kConflict, "this conversation has already ended");
      for (const scenario::CriterionScore& c : debrief.rubric) {
        RETURN_IF_ERROR(tx.roleplay().InsertCriterionScore(
            {session_id, p.person_id, c.id, c.criterion, c.score, now, ""}));
      }
      statements.push_back(
          {{"id", NewUuidV7(ctx_.clock, ctx_.random)},
           {"actor", v::PersonAgent(person, base)},
           {"verb", {{"id", v::kCompleted}, {"display", {{"en-US", "completed"}}}}},
           {"object", scenario_activity},
           {"result",
            {{"completion", true},
             {"success", debrief.outcome == scenario::Outcome::kSuccess},
             {"score",
              {{"scaled", debrief.overall / 100},
               {"raw", debrief.overall},
               {"min", 0},
               {"max", 100}}}}},
           {"context", {{"registration", session_id}}},
           {"timestamp", FormatIso8601Millis(now)}});
    }
    RETURN_IF_ERROR(practice::RecordLearningEvents(ctx_, statements_, tx, p, statements));
    view = before;
    view.session = ended;
    view.records.push_back(std::move(record));
    view.turns = run->turns();
    view.current = &run->current();
    view.state = run->state();
    view.counterpart_says = voiced ? *voiced : run->current().says;
    view.counterpart_voiced = voiced.has_value();
    if (run->ended()) view.debrief = run->Summarise();
    return Ok();
  }));
  return view;
}

Result<SpokenReply> RoleplayService::ReplyBySpeech(const Principal& p,
                                                   const std::string& session_id,
                                                   std::string_view audio_bytes,
                                                   const std::string& media_type, bool keep) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  if (!recognizer_) {
    return Error(
        ErrorCode::kUnavailable,
        "spoken replies are unavailable on this server (no speech model); type your reply");
  }
  // Consent and the conversation's state are checked before any audio is processed.
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    std::unique_ptr<scenario::ScenarioRun> run;
    ASSIGN_OR_RETURN(RoleplayView before, Load(tx, p, session_id, run));
    if (before.ended()) {
      return Error(ErrorCode::kConflict, "this conversation has ended; start it again to retry");
    }
    ASSIGN_OR_RETURN(ProcessingDecision decision,
                     governance_.MayProcess(tx, p.person_id, "voice_prosody"));
    if (!decision.allowed) {
      return Error(
          ErrorCode::kFailedPrecondition,
          "spoken replies need your consent to voice_prosody (Privacy page): " + decision.reason);
    }
    return Ok();
  }));
  ASSIGN_OR_RETURN(prosody::Audio audio,
                   prosody::DecodeAudio(audio_bytes, {.max_duration_s = kMaxSpokenReplySeconds}));
  ASSIGN_OR_RETURN(speech::VoiceAnalysis voice, speech::AnalyzeVoice(audio, recognizer_.get()));
  if (voice.transcript->text.empty()) {
    return Error(ErrorCode::kInvalidArgument,
                 "no words were recognised in the recording; speak closer to the microphone or "
                 "type your reply",
                 "audio");
  }
  SpokenReply out;
  out.voice = VoiceToJson(voice);
  out.kept = keep;
  scenario::PacingFigures figures;
  figures.speaking_time_s = voice.prosody.speaking_time_s;
  figures.speech_rate_syl_s = voice.prosody.speech_rate_syl_s;
  figures.words_per_minute = voice.words_per_minute;
  figures.long_pauses = voice.prosody.long_pauses;
  figures.longest_pause_s = voice.prosody.longest_pause_s;
  for (const auto& w : voice.transcript->words) {
    if (w.filler) {
      figures.filler_words.push_back(w.word);
    } else {
      ++figures.words;
    }
  }
  out.pacing = scenario::GivePacingFeedback(figures);

  SpokenTurn spoken;
  if (keep) {
    json kept = out.voice;
    kept["pacing_went_well"] = json::array();
    kept["pacing_to_try"] = json::array();
    for (const auto& f : out.pacing.went_well) kept["pacing_went_well"].push_back(f.note);
    for (const auto& f : out.pacing.to_try) kept["pacing_to_try"].push_back(f.note);
    spoken.voice_json = kept.dump();
    spoken.audio = TurnAudioRecord{"", 0, media_type, Base64Encode(audio_bytes), 0};
  }
  ASSIGN_OR_RETURN(out.view, Record(p, session_id, voice.transcript->text, &spoken));
  return out;
}

void RoleplayService::WarmUpSpeech() {
  if (!recognizer_) return;
  if (Status s = recognizer_->WarmUp(); !s.ok()) {
    spdlog::warn("speech model: {}", s.error().message);
  }
}

Result<TurnAudioRecord> RoleplayService::TurnAudio(const Principal& p,
                                                   const std::string& session_id, int64_t turn) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  std::optional<TurnAudioRecord> audio;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto session, tx.roleplay().FindSession(session_id));
    if (!session || session->person_id != p.person_id) {
      return Error(ErrorCode::kNotFound, "no role-play session " + session_id);
    }
    ASSIGN_OR_RETURN(audio, tx.roleplay().FindTurnAudio(session_id, turn));
    return Ok();
  }));
  if (!audio) return Error(ErrorCode::kNotFound, "no kept recording for this reply");
  return *audio;
}

Result<json> RoleplayService::ExportMine(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  json sessions = json::array(), scores = json::array();
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto mine, tx.roleplay().SessionsOf(p.person_id));
    for (const RoleplaySessionRecord& s : mine) {
      ASSIGN_OR_RETURN(auto turns, tx.roleplay().TurnsOf(s.id));
      json replies = json::array();
      for (const RoleplayTurnRecord& t : turns) {
        json reply = {
            {"turn", t.turn},
            {"node", t.node},
            {"reply", t.reply},
            {"spoken", t.spoken},
            {"counterpart_line", t.counterpart_line ? json(*t.counterpart_line) : json(nullptr)},
            {"signals", json::parse(t.signals, nullptr, false)},
            {"at", t.created_at}};
        if (t.voice) reply["voice"] = json::parse(*t.voice, nullptr, false);
        ASSIGN_OR_RETURN(auto audio, tx.roleplay().FindTurnAudio(s.id, t.turn));
        if (audio) {
          reply["recording"] = {{"media_type", audio->media_type}, {"base64", audio->audio_base64}};
        }
        replies.push_back(std::move(reply));
      }
      sessions.push_back({{"id", s.id},
                          {"scenario_id", s.scenario_id},
                          {"scenario_version", s.scenario_version},
                          {"started_at", s.started_at},
                          {"ended_at", s.ended_at ? json(*s.ended_at) : json(nullptr)},
                          {"outcome", s.outcome ? json(*s.outcome) : json(nullptr)},
                          {"overall", s.overall ? json(*s.overall) : json(nullptr)},
                          {"turns", replies}});
    }
    ASSIGN_OR_RETURN(auto criterion_scores, tx.roleplay().CriterionScoresOf(p.person_id));
    for (const CriterionScoreRecord& c : criterion_scores) {
      scores.push_back({{"session_id", c.session_id},
                        {"criterion_id", c.criterion_id},
                        {"score", c.score},
                        {"completed_at", c.completed_at}});
    }
    return Ok();
  }));
  return json{{"sessions", sessions}, {"criterion_scores", scores}};
}

Result<std::vector<CriterionScoreRecord>> RoleplayService::History(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  std::vector<CriterionScoreRecord> out;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, tx.roleplay().CriterionScoresOf(p.person_id));
    return Ok();
  }));
  return out;
}

}  // namespace attune::roleplay
