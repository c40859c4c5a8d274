#pragma once
// Reads a learner's reply into the scenario signals (docs/scenarios.md) from the text affect
// engine's analysis of the reply and its empathy assessment against the counterpart's line. Every
// signal keeps the spans of the reply that evidence it, so feedback can point at the words.
#include <array>
#include <string>
#include <vector>

#include "engines/affect/affect_engine.h"
#include "engines/scenario/scenario.h"

namespace attune::scenario {

struct SignalEvidence {
  Signal signal = Signal::kAcknowledgement;
  uint32_t begin = 0;  // byte offsets into the reply
  uint32_t end = 0;
};

struct ReplySignals {
  std::array<bool, kNumSignals> present{};
  std::vector<SignalEvidence> evidence;

  bool Has(Signal s) const { return present[static_cast<size_t>(s)]; }
  bool Holds(const Condition& c) const { return Has(c.signal) != c.negated; }
  // The reply's words that evidence `s` (may be empty for whole-reply signals such as sentiment).
  std::vector<std::string> Words(Signal s, const std::string& reply) const;
};

// `reply` is the text that `analysis` analysed (spans index into it).
ReplySignals ReadSignals(std::string_view reply, const affect::TextAnalysis& analysis,
                         const affect::EmpathyAssessment& empathy,
                         const affect::LabelSchema& schema);

}  // namespace attune::scenario
