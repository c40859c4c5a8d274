#include "services/roleplay/scenario_file.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "engines/scenario/scenario_run.h"

namespace attune::roleplay {
namespace {

std::string SourceDir() {
  const char* dir = std::getenv("ATTUNE_SOURCE_DIR");
  return dir ? dir : ATTUNE_SOURCE_DIR_DEFAULT;
}

constexpr const char* kValid = R"(id: late-delivery
version: 2
title: The third late delivery
summary: A customer calls about a delivery that is late again.
roles: [support]
seniority: [ic, lead]
theme: upset_customer
persona:
  name: Dana Whitfield
  role: Operations manager
  description: Direct and under pressure.
context: |
  The order was promised for Monday; it is Thursday.
counterpart:
  emotion: anger
  intensity: 0.8
goals:
  - Dana feels heard
rubric:
  - id: ack
    criterion: Acknowledge the feeling
    behaviours: [Name the feeling]
    weight: 3
    signal: acknowledgement
  - id: ask
    criterion: Ask before solving
    behaviours: [Ask an open question]
    weight: 2
    signal: open_question
  - id: no-blame
    criterion: Keep blame out
    behaviours: [Describe, do not accuse]
    weight: 2
    avoid: blame
start: open
nodes:
  - id: open
    says: "Third time. THIRD."
    branches:
      - when: [blame]
        next: lost
      - when: [acknowledgement, not_dismissive]
        next: softer
      - next: repeats
  - id: repeats
    says: Did you hear me?
    branches:
      - when: [acknowledgement]
        next: softer
      - next: lost
  - id: softer
    says: Fine. What now?
    emotion: frustration
    branches:
      - when: [offer_help]
        next: agreed
      - next: partial
  - id: agreed
    says: OK, call me at four.
    emotion: relief
    end: success
    experiment: Name the feeling in your first sentence.
  - id: partial
    says: I'll wait, I suppose.
    end: partial
  - id: lost
    says: I'm escalating this.
    end: failure
)";

std::string With(const std::string& from, const std::string& to) {
  std::string text = kValid;
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ScenarioFile, ParsesEveryField) {
  auto s = ParseScenario(kValid, "s.yaml");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->id, "late-delivery");
  EXPECT_EQ(s->version, 2);
  EXPECT_EQ(s->persona.name, "Dana Whitfield");
  EXPECT_EQ(s->start_emotion, "anger");
  EXPECT_DOUBLE_EQ(s->start_intensity, 0.8);
  ASSERT_EQ(s->rubric.size(), 3u);
  EXPECT_TRUE(s->rubric[2].avoid);
  EXPECT_EQ(s->rubric[2].signal, scenario::Signal::kBlame);
  ASSERT_EQ(s->nodes.size(), 6u);
  EXPECT_EQ(s->nodes[0].says, "Third time. THIRD.");
  ASSERT_EQ(s->nodes[0].branches.size(), 3u);
  EXPECT_TRUE(s->nodes[0].branches[1].when[1].negated);
  EXPECT_EQ(s->nodes[0].branches[1].when[1].signal, scenario::Signal::kDismissive);
  EXPECT_EQ(s->nodes[2].emotion, "frustration");
  EXPECT_EQ(s->nodes[3].end, scenario::Outcome::kSuccess);
  EXPECT_EQ(s->nodes[3].experiment, "Name the feeling in your first sentence.");
  EXPECT_EQ(s->nodes[0].line, 37);
}

TEST(ScenarioFile, RefusesBadFilesWithTheLine) {
  const std::vector<std::pair<std::pair<std::string, std::string>, std::string>> cases = {
      {{"        next: lost\n      - when: [acknowledgement, not_dismissive]",
        "        next: nowhere\n      - when: [acknowledgement, not_dismissive]"},
       "s.yaml:40: node \"open\": next \"nowhere\" is not a node"},
      {{"      - when: [acknowledgement, not_dismissive]", "      - when: [acknowledgment]"},
       "s.yaml:42: node \"open\": \"acknowledgment\" is not a signal"},
      {{"      - next: repeats\n", ""}, "s.yaml:37: node \"open\" needs a fallback branch"},
      {{"    avoid: blame", "    avoid: blame\n    signal: apology"},
       "needs exactly one of \"signal\" and \"avoid\""},
      {{"  intensity: 0.8", "  intensity: 1.8"},
       "s.yaml:16: counterpart: \"intensity\" must be a number from 0 to 1"},
      {{"  emotion: anger", "  emotion: rage"}, "\"rage\" is not one of the 14 emotions"},
      {{"theme: upset_customer", "theme: small_talk"}, "\"theme\": \"small_talk\" is not allowed"},
      {{"  - id: partial\n    says: I'll wait, I suppose.\n    end: partial\n", ""},
       "next \"partial\" is not a node"},
      {{"      - when: [offer_help]\n        next: agreed\n", ""},
       "node \"agreed\" cannot be reached from the start"},
      {{"version: 2", "version: 2\nauthor: me"}, "s.yaml:3: \"author\" is not a known field"},
      {{"says: Did you hear me?", "says: [oops"}, "not valid YAML"},
  };
  for (const auto& [edit, expected] : cases) {
    auto s = ParseScenario(With(edit.first, edit.second), "s.yaml");
    ASSERT_FALSE(s.ok()) << edit.second;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(s.error().message.find(expected), std::string::npos)
        << "got: " << s.error().message << "\nexpected: " << expected;
  }
}

// The shipped library is what learners practise with: it must load and span roles and themes.
TEST(ShippedScenarios, AtLeast24ScenariosAcrossEveryThemeRoleAndSeniority) {
  auto library = LoadScenarioLibrary(SourceDir() + "/content/scenarios");
  ASSERT_TRUE(library.ok()) << library.error().message;
  EXPECT_GE(library->size(), 24u);
  std::set<std::string> themes, roles, seniority;
  for (const auto& s : *library) {
    themes.insert(s.theme);
    roles.insert(s.roles.begin(), s.roles.end());
    seniority.insert(s.seniority.begin(), s.seniority.end());
  }
  EXPECT_EQ(themes.size(), 8u);
  for (const char* role : {"sales", "support", "engineering", "manager", "hr", "peer"}) {
    EXPECT_TRUE(roles.count(role)) << role;
  }
  for (const char* level : {"ic", "lead", "manager", "director"}) {
    EXPECT_TRUE(seniority.count(level)) << level;
  }
}

}  // namespace
}  // namespace attune::roleplay

namespace attune::roleplay {
namespace {

scenario::ReplySignals Signals(std::initializer_list<scenario::Signal> present) {
  scenario::ReplySignals r;
  for (auto s : present) r.present[static_cast<size_t>(s)] = true;
  return r;
}

scenario::Outcome RunWith(const scenario::Scenario& s, const scenario::ReplySignals& every_reply,
                          double* final_intensity) {
  scenario::ScenarioRun run(s);
  for (int turn = 0; turn < 40 && !run.ended(); ++turn) (void)run.Reply("reply", every_reply);
  *final_intensity = run.state().intensity;
  return run.ended() ? run.current().end : scenario::Outcome::kNone;
}

// The library's dialogue graphs reward what the rubric teaches: a learner who acknowledges,
// reflects, asks and commits calms the counterpart and succeeds; one who blames, dismisses and
// shouts never succeeds and leaves them more upset.
TEST(ShippedScenarios, EmpathyDeEscalatesAndSucceedsBlameEscalatesAndNeverSucceeds) {
  auto library = LoadScenarioLibrary(SourceDir() + "/content/scenarios");
  ASSERT_TRUE(library.ok()) << library.error().message;
  using scenario::Signal;
  const auto empathic = Signals({Signal::kAcknowledgement, Signal::kValidation, Signal::kReflection,
                                 Signal::kOpenQuestion, Signal::kOfferHelp, Signal::kPositive});
  const auto hostile = Signals({Signal::kBlame, Signal::kDismissive, Signal::kAbsolutist,
                                Signal::kIntense, Signal::kNegative});
  int succeeded = 0;
  for (const auto& s : *library) {
    double calm = 0, upset = 0;
    const auto good = RunWith(s, empathic, &calm);
    const auto bad = RunWith(s, hostile, &upset);
    succeeded += good == scenario::Outcome::kSuccess;
    EXPECT_NE(bad, scenario::Outcome::kSuccess) << s.id;
    EXPECT_LT(calm, s.start_intensity) << s.id;
    EXPECT_GE(upset, s.start_intensity) << s.id;
  }
  EXPECT_GE(succeeded, static_cast<int>(library->size()) * 3 / 4);
}

}  // namespace
}  // namespace attune::roleplay
