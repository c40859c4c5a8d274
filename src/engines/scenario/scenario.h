#pragma once
// A role-play scenario (docs/scenarios.md): persona, the counterpart's starting emotional state,
// goals, a visible rubric, and a dialogue graph whose branches depend on signals read from the
// learner's reply. Plain data; loaded from YAML by services/roleplay, run by ScenarioRun.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::scenario {

// What a reply does, as read by the text affect engine (reply_signals.h).
enum class Signal : uint8_t {
  kAcknowledgement,
  kValidation,
  kReflection,
  kOpenQuestion,
  kClosedQuestion,
  kApology,
  kOfferHelp,
  kBlame,
  kAbsolutist,
  kDismissive,
  kHedging,
  kIntense,
  kPositive,
  kNegative,
};
inline constexpr size_t kNumSignals = 14;
inline constexpr std::array<std::string_view, kNumSignals> kSignalNames = {
    "acknowledgement", "validation", "reflection", "open_question", "closed_question",
    "apology",         "offer_help", "blame",      "absolutist",    "dismissive",
    "hedging",         "intense",    "positive",   "negative"};
std::optional<Signal> SignalFromName(std::string_view name);
inline std::string_view SignalName(Signal s) { return kSignalNames[static_cast<size_t>(s)]; }
// The signal in words for feedback: "an open question", "blame".
std::string_view SignalDescription(Signal s);

struct Condition {
  Signal signal = Signal::kAcknowledgement;
  bool negated = false;  // "not_<signal>"
};

struct Branch {
  std::vector<Condition> when;  // all must hold; empty: the fallback
  std::string next;             // node id
  int line = 0;
};

enum class Outcome { kNone, kSuccess, kPartial, kFailure };
std::string_view OutcomeName(Outcome o);

struct Node {
  std::string id;
  std::string says;
  std::optional<std::string> emotion;  // the counterpart's emotion from this node on
  Outcome end = Outcome::kNone;        // kNone: not an end node
  std::string experiment;              // end nodes: one thing to try at work
  std::vector<Branch> branches;
  int line = 0;
};

struct Criterion {
  std::string id;
  std::string criterion;
  std::vector<std::string> behaviours;
  int weight = 1;
  Signal signal = Signal::kAcknowledgement;
  bool avoid = false;  // violated by the signal rather than evidenced by it
  int line = 0;
};

struct Persona {
  std::string name;
  std::string role;
  std::string description;
};

struct Scenario {
  std::string id;
  int version = 1;
  std::string title;
  std::string summary;
  std::vector<std::string> roles;
  std::vector<std::string> seniority;
  std::string theme;
  Persona persona;
  std::string context;
  std::string start_emotion;
  double start_intensity = 0.5;
  std::vector<std::string> goals;
  std::vector<Criterion> rubric;
  std::string start;
  std::vector<Node> nodes;
  std::string source;  // file name, for messages
  std::string text;    // the file's text, kept with each run so the run outlives a new version

  const Node* FindNode(std::string_view node_id) const;
};

}  // namespace attune::scenario
