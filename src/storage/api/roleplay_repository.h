#pragma once
// Storage of role-play sessions, their turns and the rubric scores of finished sessions.
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace attune {

struct RoleplaySessionRecord {
  std::string id;
  std::string org_id;
  std::string person_id;
  std::string scenario_id;
  int64_t scenario_version = 1;
  int64_t started_at = 0;
  std::optional<int64_t> ended_at;
  std::optional<std::string> outcome;  // success | partial | failure
  std::optional<double> overall;       // rubric score 0..100
};

struct RoleplayTurnRecord {
  std::string session_id;
  int64_t turn = 0;  // 1-based
  std::string node;  // the node the reply answered
  std::string reply;
  std::string signals;  // JSON: the signals and their evidence spans
  int64_t created_at = 0;
  bool spoken = false;               // the reply is the recognised words of a recording
  std::optional<std::string> voice;  // JSON voice analysis, only when the learner kept it
  // The counterpart's answer to this reply as a language model worded it (absent: the scripted
  // line of the next node).
  std::optional<std::string> counterpart_line;
};

// A kept recording of a spoken reply.
struct TurnAudioRecord {
  std::string session_id;
  int64_t turn = 0;
  std::string media_type;
  std::string audio_base64;
  int64_t created_at = 0;
};

struct CriterionScoreRecord {
  std::string session_id;
  std::string person_id;
  std::string criterion_id;
  std::string criterion;
  double score = 0;  // 0..1
  int64_t completed_at = 0;
  std::string scenario_id;  // filled by queries that join the session
};

class RoleplayRepository {
 public:
  virtual ~RoleplayRepository() = default;
  virtual Status InsertSession(const RoleplaySessionRecord& s) = 0;
  // The text of a scenario version runs were started on: kept once per version.
  virtual Status KeepScenarioVersion(const std::string& scenario_id, int64_t version,
                                     const std::string& text) = 0;
  virtual Result<std::optional<std::string>> FindScenarioVersion(const std::string& scenario_id,
                                                                 int64_t version) = 0;
  virtual Result<std::optional<RoleplaySessionRecord>> FindSession(const std::string& id) = 0;
  // Ends the session unless it already ended; false when it had.
  virtual Result<bool> EndSession(const RoleplaySessionRecord& s) = 0;
  virtual Result<std::vector<RoleplaySessionRecord>> SessionsOf(const std::string& person_id) = 0;
  virtual Status InsertTurn(const RoleplayTurnRecord& t) = 0;
  virtual Result<std::vector<RoleplayTurnRecord>> TurnsOf(const std::string& session_id) = 0;
  virtual Status InsertTurnAudio(const TurnAudioRecord& a) = 0;
  virtual Result<std::optional<TurnAudioRecord>> FindTurnAudio(const std::string& session_id,
                                                               int64_t turn) = 0;
  // Retention: deletes the organisation's kept recordings and clears the kept voice analyses of
  // turns created before `cutoff`; returns {recordings, analyses}.
  virtual Result<std::pair<int64_t, int64_t>> PurgeVoiceBefore(const std::string& org_id,
                                                               int64_t cutoff) = 0;
  // Retention of the replies' text: deletes the turns (with any recordings) of the
  // organisation's runs that ended before `cutoff`, keeping each run's outcome and rubric scores
  // (the learner's progress), and deletes outright runs started before `cutoff` that never ended.
  // Returns the number of turns deleted.
  virtual Result<int64_t> PurgeTextBefore(const std::string& org_id, int64_t cutoff) = 0;
  virtual Status InsertCriterionScore(const CriterionScoreRecord& c) = 0;
  // Oldest first, with the scenario id.
  virtual Result<std::vector<CriterionScoreRecord>> CriterionScoresOf(
      const std::string& person_id) = 0;
};

}  // namespace attune
