#include "engines/scenario/scenario_run.h"

#include <algorithm>

namespace attune::scenario {

double IntensityChange(const ReplySignals& s) {
  double change = 0;
  if (s.Has(Signal::kAcknowledgement)) change -= 0.15;
  if (s.Has(Signal::kValidation)) change -= 0.10;
  if (s.Has(Signal::kReflection)) change -= 0.10;
  if (s.Has(Signal::kOpenQuestion)) change -= 0.05;
  if (s.Has(Signal::kApology)) change -= 0.05;
  if (s.Has(Signal::kOfferHelp)) change -= 0.05;
  if (s.Has(Signal::kBlame)) change += 0.20;
  if (s.Has(Signal::kDismissive)) change += 0.20;
  if (s.Has(Signal::kAbsolutist)) change += 0.10;
  if (s.Has(Signal::kIntense)) change += 0.10;
  return change;
}

ScenarioRun::ScenarioRun(const Scenario& scenario)
    : scenario_(scenario),
      current_(scenario.FindNode(scenario.start)),
      state_{scenario.start_emotion, scenario.start_intensity} {
  if (current_->emotion) state_.emotion = *current_->emotion;
}

Result<Turn> ScenarioRun::Reply(const std::string& reply, const ReplySignals& signals) {
  if (ended()) return Error(ErrorCode::kConflict, "the conversation has ended");
  Turn turn;
  turn.reply = reply;
  turn.node = current_->id;
  turn.signals = signals;
  turn.before = state_;

  // Feedback against the rubric: evidence first, then the one thing most worth trying.
  const Criterion* missing = nullptr;
  for (const Criterion& c : scenario_.rubric) {
    const bool seen = signals.Has(c.signal);
    if (c.avoid && seen) {
      turn.to_try.push_back(
          {c.id, c.criterion, signals.Words(c.signal, reply),
           "This reads as " + std::string(SignalDescription(c.signal)) +
               ". Try: " + (c.behaviours.empty() ? c.criterion : c.behaviours[0])});
    } else if (!c.avoid && seen) {
      turn.went_well.push_back({c.id, c.criterion, signals.Words(c.signal, reply),
                                "You showed " + std::string(SignalDescription(c.signal)) + "."});
    } else if (!c.avoid && (!missing || c.weight > missing->weight)) {
      missing = &c;
    }
  }
  if (turn.to_try.empty() && missing) {
    turn.to_try.push_back(
        {missing->id,
         missing->criterion,
         {},
         "Try: " + (missing->behaviours.empty() ? missing->criterion : missing->behaviours[0])});
  }

  const Branch* taken = &current_->branches.back();
  for (const Branch& b : current_->branches) {
    if (std::all_of(b.when.begin(), b.when.end(),
                    [&](const Condition& c) { return signals.Holds(c); })) {
      taken = &b;
      break;
    }
  }
  current_ = scenario_.FindNode(taken->next);
  state_.intensity = std::clamp(state_.intensity + IntensityChange(signals), 0.0, 1.0);
  if (current_->emotion) state_.emotion = *current_->emotion;
  turn.after = state_;
  turn.next_node = current_->id;
  turns_.push_back(turn);
  return turn;
}

Debrief ScenarioRun::Summarise() const {
  Debrief d;
  d.outcome = current_->end != Outcome::kNone ? current_->end
              : ended()                       ? Outcome::kPartial
                                              : Outcome::kNone;
  d.trajectory.push_back({scenario_.start_emotion, scenario_.start_intensity});
  if (const Node* start = scenario_.FindNode(scenario_.start); start && start->emotion) {
    d.trajectory.front().emotion = *start->emotion;
  }
  for (const Turn& t : turns_) d.trajectory.push_back(t.after);
  double weighted = 0, weights = 0;
  const CriterionScore* weakest = nullptr;
  for (const Criterion& c : scenario_.rubric) {
    int shown = 0;
    for (const Turn& t : turns_) shown += t.signals.Has(c.signal) ? 1 : 0;
    const double n = std::max<size_t>(turns_.size(), 1);
    CriterionScore score{c.id, c.criterion, c.weight, c.avoid ? 1 - shown / n : shown / n};
    if (turns_.empty()) score.score = 0;
    weighted += c.weight * score.score;
    weights += c.weight;
    d.rubric.push_back(score);
  }
  for (const CriterionScore& s : d.rubric) {
    if (!weakest || s.score < weakest->score ||
        (s.score == weakest->score && s.weight > weakest->weight)) {
      weakest = &s;
    }
  }
  d.overall = weights > 0 ? 100 * weighted / weights : 0;
  d.experiment = current_->experiment;
  if (d.experiment.empty() && weakest) {
    for (const Criterion& c : scenario_.rubric) {
      if (c.id == weakest->id) {
        d.experiment =
            "In your next hard conversation at work, focus on one thing: " + c.criterion +
            (c.behaviours.empty() ? "." : " (" + c.behaviours[0] + ").");
      }
    }
  }
  return d;
}

}  // namespace attune::scenario
