#include "engines/scenario/scenario_run.h"

#include <gtest/gtest.h>

#include "engines/scenario/test_scenario.h"

namespace attune::scenario {
namespace {

using namespace testing;

TEST(ScenarioRun, AcknowledgingAndAskingDeEscalatesTowardSuccess) {
  const Scenario s = SmallScenario();
  ScenarioRun run(s);
  EXPECT_EQ(run.current().id, "open");
  EXPECT_DOUBLE_EQ(run.state().intensity, 0.8);
  auto turn = run.Reply("That sounds maddening. What is the crew waiting on?",
                        With({Signal::kAcknowledgement, Signal::kOpenQuestion}));
  ASSERT_TRUE(turn.ok());
  EXPECT_EQ(turn->next_node, "explains");
  EXPECT_NEAR(turn->after.intensity, 0.6, 1e-9);
  EXPECT_EQ(turn->after.emotion, "disappointment");
  ASSERT_EQ(turn->went_well.size(), 2u);
  EXPECT_EQ(turn->went_well[0].criterion_id, "ack");
  EXPECT_TRUE(turn->to_try.empty()) << "nothing is missing and nothing slipped";
  ASSERT_TRUE(
      run.Reply("I'll call the depot now and ring you at four.", With({Signal::kOfferHelp})).ok());
  EXPECT_TRUE(run.ended());
  const Debrief d = run.Summarise();
  EXPECT_EQ(d.outcome, Outcome::kSuccess);
  EXPECT_EQ(d.experiment, "Name the feeling first.");
  ASSERT_EQ(d.trajectory.size(), 3u);
  EXPECT_EQ(d.trajectory.back().emotion, "relief");
  // ack 1 of 2 replies, ask 1 of 2, no blame 2 of 2: (3 x .5 + 2 x .5 + 2 x 1) / 7.
  EXPECT_NEAR(d.overall, 100.0 * 4.5 / 7, 1e-9);
  EXPECT_FALSE(run.Reply("More?", {}).ok()) << "no replies after the end";
}

TEST(ScenarioRun, BlameEscalatesAndTheFeedbackPointsAtTheWords) {
  const Scenario s = SmallScenario();
  ScenarioRun run(s);
  ReplySignals blame = With({Signal::kBlame});
  blame.evidence.push_back({Signal::kBlame, 0, 11});
  auto turn = run.Reply("You always order late.", blame);
  ASSERT_TRUE(turn.ok());
  EXPECT_EQ(turn->next_node, "escalated");
  EXPECT_NEAR(turn->after.intensity, 1.0, 1e-9) << "clamped at 1";
  ASSERT_EQ(turn->to_try.size(), 1u);
  EXPECT_EQ(turn->to_try[0].criterion_id, "no-blame");
  EXPECT_EQ(turn->to_try[0].words, std::vector<std::string>{"You always "});
  // Recovering is possible: acknowledging without blame leads back on track.
  turn = run.Reply("I'm sorry, that is frustrating.", With({Signal::kAcknowledgement}));
  EXPECT_EQ(turn->next_node, "softer");
  EXPECT_EQ(turn->after.emotion, "frustration");
}

TEST(ScenarioRun, AReplyWithNoSignalTakesTheFallbackAndSuggestsTheWeightiestMissingCriterion) {
  const Scenario s = SmallScenario();
  ScenarioRun run(s);
  auto turn = run.Reply("The order system is down.", {});
  ASSERT_TRUE(turn.ok());
  EXPECT_EQ(turn->next_node, "repeats");
  EXPECT_DOUBLE_EQ(turn->after.intensity, 0.8);
  ASSERT_EQ(turn->to_try.size(), 1u);
  EXPECT_EQ(turn->to_try[0].criterion_id, "ack");
  EXPECT_EQ(turn->to_try[0].note, "Try: Name the feeling");
  run.Reply("Whatever.", {}).value();
  const Debrief d = run.Summarise();
  EXPECT_EQ(d.outcome, Outcome::kFailure);
  EXPECT_NE(d.experiment.find("Acknowledge the feeling"), std::string::npos)
      << "without an end experiment, the weakest heavy criterion: " << d.experiment;
}

TEST(ScenarioRun, AConversationThatNeverReachesAnEndStopsAtTheTurnLimitAsPartial) {
  Scenario s = SmallScenario();
  s.nodes[2].branches = {To("softer", {If(Signal::kAcknowledgement)}), To("repeats")};  // a loop
  ScenarioRun run(s);
  for (size_t k = 0; k < ScenarioRun::kMaxTurns; ++k) ASSERT_TRUE(run.Reply("hm", {}).ok());
  EXPECT_TRUE(run.ended());
  EXPECT_EQ(run.current().id, "repeats");
  EXPECT_EQ(run.Summarise().outcome, Outcome::kPartial);
  EXPECT_FALSE(run.Reply("hm", {}).ok());
}

}  // namespace
}  // namespace attune::scenario
