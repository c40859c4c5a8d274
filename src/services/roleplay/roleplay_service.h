#pragma once
// Role-play simulations for the signed-in learner: choose a scenario (ordered for their role,
// seniority and development map), reply turn by turn with feedback tied to their words and the
// visible rubric, and get a debrief. Replies are read by the text affect engine; a run is replayed
// from its stored turns, so the server keeps no session state in memory. Finished runs store their
// rubric scores (progress per criterion over time) and every reply and completion is an xAPI
// statement. Replies are processed under the `roleplay_text` data stream.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engines/scenario/pacing_feedback.h"
#include "engines/scenario/scenario_run.h"
#include "engines/speech/speech_recognizer.h"
#include "services/affect_service.h"
#include "services/governance_service.h"
#include "services/practice/assessment_service.h"
#include "services/principal.h"
#include "services/roleplay/counterpart_voice.h"
#include "services/service_context.h"
#include "services/xapi/statement_service.h"

namespace attune::roleplay {

struct RoleplayView {
  RoleplaySessionRecord session;
  const scenario::Scenario* scenario = nullptr;
  std::vector<scenario::Turn> turns;
  const scenario::Node* current = nullptr;
  scenario::CounterpartState state;
  std::optional<scenario::Debrief> debrief;  // once ended, while its replies are kept
  // The run ended and retention has since deleted its replies (roleplay_text): the outcome and
  // rubric scores remain, the transcript and debrief do not.
  bool replies_expired = false;
  bool ended() const { return debrief.has_value() || session.ended_at.has_value(); }
  std::vector<RoleplayTurnRecord> records;  // the stored turns, parallel to `turns`
  // The counterpart's current line as shown: the scenario's, or the LLM's rewording of it.
  std::string counterpart_says;
  bool counterpart_voiced = false;  // true when a language model worded it
};

// A spoken reply's outcome: the run after it, and the voice analysis and pacing feedback, which are
// returned to the learner and stored only when they keep the recording.
struct SpokenReply {
  RoleplayView view;
  nlohmann::json voice;
  scenario::PacingFeedback pacing;
  bool kept = false;
};

struct ScenarioChoice {
  const scenario::Scenario* scenario = nullptr;
  bool recommended = false;  // fits the learner's role, seniority or practice plan
};

class RoleplayService {
 public:
  static constexpr size_t kMaxReplyChars = 2000;

  static constexpr double kMaxSpokenReplySeconds = 60;

  // `recognizer` may be null: spoken replies are then refused as unavailable.
  RoleplayService(ServiceContext ctx, std::vector<scenario::Scenario> library,
                  const AffectService& affect, const GovernanceService& governance,
                  StatementService& statements, practice::AssessmentService& assessments,
                  std::unique_ptr<speech::SpeechRecognizer> recognizer = nullptr,
                  std::unique_ptr<CounterpartVoice> counterpart_voice = nullptr);

  Result<std::vector<ScenarioChoice>> Scenarios(const Principal& p);
  Result<RoleplayView> Start(const Principal& p, const std::string& scenario_id);
  Result<RoleplayView> Get(const Principal& p, const std::string& session_id);
  Result<RoleplayView> Reply(const Principal& p, const std::string& session_id,
                             const std::string& text);
  // A spoken reply: the recording (WAV, FLAC or Ogg, at most a minute) is decoded and analysed in
  // memory; its recognised words are scored exactly as a typed reply. The recording and its voice
  // analysis are kept only when `keep` is true. Needs consent to the `voice_prosody` stream.
  Result<SpokenReply> ReplyBySpeech(const Principal& p, const std::string& session_id,
                                    std::string_view audio, const std::string& media_type,
                                    bool keep);
  // The kept recording of one of the learner's spoken replies.
  Result<TurnAudioRecord> TurnAudio(const Principal& p, const std::string& session_id,
                                    int64_t turn);
  bool speech_available() const { return recognizer_ != nullptr; }

  // Loads the speech model ahead of the first spoken reply (no-op without a recogniser).
  void WarmUpSpeech();

  // The rubric scores of the learner's finished runs, oldest first.
  Result<std::vector<CriterionScoreRecord>> History(const Principal& p);

  // Everything role-play holds about the caller (their data-subject export): sessions with every
  // reply and the signals read from it, and their rubric scores.
  Result<nlohmann::json> ExportMine(const Principal& p);

  size_t library_size() const { return library_.size(); }

 private:
  const scenario::Scenario* Find(const std::string& id) const;
  // The scenario a run was started on: the library's when it is that version, else the kept text
  // of that version (parsed once and cached).
  Result<const scenario::Scenario*> VersionOf(StoreTx& tx, const std::string& id,
                                              int64_t version) const;
  Result<RoleplayView> Load(StoreTx& tx, const Principal& p, const std::string& session_id,
                            std::unique_ptr<scenario::ScenarioRun>& run);
  // What a spoken reply adds to its stored turn.
  struct SpokenTurn {
    std::optional<std::string> voice_json;
    std::optional<TurnAudioRecord> audio;
  };
  // The data streams a reply is processed under must allow it (voice_prosody too when spoken).
  Status CheckStreams(StoreTx& tx, const Principal& p, bool spoken) const;
  // Scores and stores a reply (already checked) and emits its statements. The reply is analysed
  // and the counterpart's line voiced outside the write transaction; the write is refused if
  // another reply to the conversation was stored meanwhile.
  Result<RoleplayView> Record(const Principal& p, const std::string& session_id,
                              const std::string& reply, const SpokenTurn* spoken);

  ServiceContext ctx_;
  std::vector<scenario::Scenario> library_;
  // Earlier scenario versions that runs in the database were started on, by (id, version).
  mutable std::mutex earlier_versions_mu_;
  mutable std::map<std::pair<std::string, int64_t>, std::unique_ptr<scenario::Scenario>>
      earlier_versions_;
  const AffectService& affect_;
  const GovernanceService& governance_;
  StatementService& statements_;
  practice::AssessmentService& assessments_;
  std::unique_ptr<speech::SpeechRecognizer> recognizer_;
  std::unique_ptr<CounterpartVoice> counterpart_voice_;
};

// The signals of a reply as stored JSON, and back.
std::string SignalsToJson(const scenario::ReplySignals& s);
scenario::ReplySignals SignalsFromJson(const std::string& json);

}  // namespace attune::roleplay
