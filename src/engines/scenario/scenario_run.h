#pragma once
// One learner's run through a scenario: the current node, the counterpart's emotional state (which
// falls when they feel heard and rises when blamed, dismissed or shouted at), feedback after each
// reply tied to the reply's words and to a rubric criterion, and the debrief at the end. Nothing is
// hidden: the rubric and the state are the learner's to see. Deterministic for the same signals.
#include <string>
#include <vector>

#include "core/result.h"
#include "engines/scenario/reply_signals.h"
#include "engines/scenario/scenario.h"

namespace attune::scenario {

struct CounterpartState {
  std::string emotion;
  double intensity = 0;  // 0 calm .. 1 very strong
};

struct FeedbackPoint {
  std::string criterion_id;
  std::string criterion;
  std::vector<std::string> words;  // the reply's words it rests on (may be empty)
  std::string note;                // what was seen, or what to try
};

struct Turn {
  std::string reply;
  std::string node;       // the node the learner answered
  std::string next_node;  // where the reply led
  ReplySignals signals;
  std::vector<FeedbackPoint> went_well;
  std::vector<FeedbackPoint> to_try;
  CounterpartState before;
  CounterpartState after;
};

struct CriterionScore {
  std::string id;
  std::string criterion;
  int weight = 1;
  double score = 0;  // 0..1: share of replies that showed it (or, for `avoid`, that did not slip)
};

struct Debrief {
  Outcome outcome = Outcome::kNone;
  std::vector<CriterionScore> rubric;
  double overall = 0;                        // weighted rubric score, 0..100
  std::vector<CounterpartState> trajectory;  // the start, then after every reply
  std::string experiment;
};

class ScenarioRun {
 public:
  // Scenario graphs may loop (a learner can go round an escalation and back); a conversation
  // that has not reached an end after this many replies ends as partial.
  static constexpr size_t kMaxTurns = 30;

  // `scenario` must pass CheckGraph and outlive the run.
  explicit ScenarioRun(const Scenario& scenario);

  const Node& current() const { return *current_; }
  const CounterpartState& state() const { return state_; }
  bool ended() const { return current_->end != Outcome::kNone || turns_.size() >= kMaxTurns; }
  const std::vector<Turn>& turns() const { return turns_; }

  // The learner's reply to the current node. kConflict once the scenario has ended.
  Result<Turn> Reply(const std::string& reply, const ReplySignals& signals);
  Debrief Summarise() const;

 private:
  const Scenario& scenario_;
  const Node* current_;
  CounterpartState state_;
  std::vector<Turn> turns_;
};

// How much a reply moves the counterpart's intensity (negative: calmer).
double IntensityChange(const ReplySignals& signals);

}  // namespace attune::scenario
