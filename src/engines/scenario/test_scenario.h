#pragma once
// A small valid scenario built in code for the engine's tests.
#include "engines/scenario/reply_signals.h"
#include "engines/scenario/scenario.h"

namespace attune::scenario::testing {

inline Branch To(std::string next, std::vector<Condition> when = {}) {
  return Branch{std::move(when), std::move(next), 0};
}
inline Condition If(Signal s, bool negated = false) { return Condition{s, negated}; }

inline Scenario SmallScenario() {
  Scenario s;
  s.id = "test";
  s.start_emotion = "anger";
  s.start_intensity = 0.8;
  s.start = "open";
  s.rubric = {
      {"ack", "Acknowledge the feeling", {"Name the feeling"}, 3, Signal::kAcknowledgement, false},
      {"ask", "Ask before solving", {"Ask an open question"}, 2, Signal::kOpenQuestion, false},
      {"no-blame", "Keep blame out", {"Describe, do not accuse"}, 2, Signal::kBlame, true},
  };
  s.nodes = {
      {"open",
       "Third time!",
       std::nullopt,
       Outcome::kNone,
       "",
       {To("escalated", {If(Signal::kBlame)}),
        To("explains", {If(Signal::kAcknowledgement), If(Signal::kOpenQuestion)}),
        To("softer", {If(Signal::kAcknowledgement)}), To("repeats")}},
      {"escalated",
       "Manager. Now.",
       "anger",
       Outcome::kNone,
       "",
       {To("softer", {If(Signal::kAcknowledgement), If(Signal::kBlame, true)}), To("lost")}},
      {"repeats",
       "Did you hear me?",
       std::nullopt,
       Outcome::kNone,
       "",
       {To("softer", {If(Signal::kAcknowledgement)}), To("lost")}},
      {"softer",
       "Fine. What now?",
       "frustration",
       Outcome::kNone,
       "",
       {To("explains", {If(Signal::kOpenQuestion)}), To("partial")}},
      {"explains",
       "The crew is waiting.",
       "disappointment",
       Outcome::kNone,
       "",
       {To("agreed", {If(Signal::kOfferHelp)}), To("partial")}},
      {"agreed",
       "OK, call me at four.",
       "relief",
       Outcome::kSuccess,
       "Name the feeling first.",
       {}},
      {"partial", "I'll wait, I suppose.", std::nullopt, Outcome::kPartial, "", {}},
      {"lost", "I'm escalating this.", std::nullopt, Outcome::kFailure, "", {}},
  };
  return s;
}

inline ReplySignals With(std::initializer_list<Signal> present) {
  ReplySignals r;
  for (Signal s : present) r.present[static_cast<size_t>(s)] = true;
  return r;
}

}  // namespace attune::scenario::testing
