#pragma once
// Role-play simulations for the signed-in learner: choose a scenario (ordered for their role,
// seniority and development map), reply turn by turn with feedback tied to their words and the
// visible rubric, and get a debrief. Replies are read by the text affect engine; a run is replayed
// from its stored turns, so the server keeps no session state in memory. Finished runs store their
// rubric scores (progress per criterion over time) and every reply and completion is an xAPI
// statement. Replies are processed under the `roleplay_text` data stream.
#include <optional>
#include <string>
#include <vector>

#include "engines/scenario/scenario_run.h"
#include "services/affect_service.h"
#include "services/governance_service.h"
#include "services/practice/assessment_service.h"
#include "services/principal.h"
#include "services/service_context.h"
#include "services/xapi/statement_service.h"

namespace attune::roleplay {

struct RoleplayView {
  RoleplaySessionRecord session;
  const scenario::Scenario* scenario = nullptr;
  std::vector<scenario::Turn> turns;
  const scenario::Node* current = nullptr;
  scenario::CounterpartState state;
  std::optional<scenario::Debrief> debrief;  // once ended
};

struct ScenarioChoice {
  const scenario::Scenario* scenario = nullptr;
  bool recommended = false;  // fits the learner's role, seniority or practice plan
};

class RoleplayService {
 public:
  static constexpr size_t kMaxReplyChars = 2000;

  RoleplayService(ServiceContext ctx, std::vector<scenario::Scenario> library,
                  const AffectService& affect, const GovernanceService& governance,
                  StatementService& statements, practice::AssessmentService& assessments);

  Result<std::vector<ScenarioChoice>> Scenarios(const Principal& p);
  Result<RoleplayView> Start(const Principal& p, const std::string& scenario_id);
  Result<RoleplayView> Get(const Principal& p, const std::string& session_id);
  Result<RoleplayView> Reply(const Principal& p, const std::string& session_id,
                             const std::string& text);
  // The rubric scores of the learner's finished runs, oldest first.
  Result<std::vector<CriterionScoreRecord>> History(const Principal& p);

  // Everything role-play holds about the caller (their data-subject export): sessions with every
  // reply and the signals read from it, and their rubric scores.
  Result<nlohmann::json> ExportMine(const Principal& p);

  size_t library_size() const { return library_.size(); }

 private:
  const scenario::Scenario* Find(const std::string& id) const;
  Result<RoleplayView> Load(StoreTx& tx, const Principal& p, const std::string& session_id,
                            std::unique_ptr<scenario::ScenarioRun>& run);

  ServiceContext ctx_;
  std::vector<scenario::Scenario> library_;
  const AffectService& affect_;
  const GovernanceService& governance_;
  StatementService& statements_;
  practice::AssessmentService& assessments_;
};

// The signals of a reply as stored JSON, and back.
std::string SignalsToJson(const scenario::ReplySignals& s);
scenario::ReplySignals SignalsFromJson(const std::string& json);

}  // namespace attune::roleplay
