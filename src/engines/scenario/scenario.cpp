#include "engines/scenario/scenario.h"

namespace attune::scenario {

std::optional<Signal> SignalFromName(std::string_view name) {
  for (size_t i = 0; i < kNumSignals; ++i) {
    if (kSignalNames[i] == name) return static_cast<Signal>(i);
  }
  return std::nullopt;
}

std::string_view SignalDescription(Signal s) {
  static constexpr std::array<std::string_view, kNumSignals> kDescriptions = {
      "acknowledgement of their feeling",
      "validation (their feeling makes sense)",
      "a reflection of what they said",
      "an open question",
      "a yes/no question",
      "an apology",
      "a concrete offer of help",
      "blame",
      "an absolute (always, never, nothing)",
      "dismissing their feeling",
      "a lot of hedging",
      "shouting (capitals, exclamation marks)",
      "a positive tone",
      "a negative tone"};
  return kDescriptions[static_cast<size_t>(s)];
}

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kSuccess:
      return "success";
    case Outcome::kPartial:
      return "partial";
    case Outcome::kFailure:
      return "failure";
    case Outcome::kNone:
      break;
  }
  return "none";
}

const Node* Scenario::FindNode(std::string_view node_id) const {
  for (const Node& n : nodes) {
    if (n.id == node_id) return &n;
  }
  return nullptr;
}

}  // namespace attune::scenario
