#include "engines/scenario/graph_check.h"

#include <gtest/gtest.h>

#include "engines/scenario/test_scenario.h"

namespace attune::scenario {
namespace {

using namespace testing;

bool Mentions(const std::vector<GraphProblem>& problems, const std::string& text) {
  for (const auto& p : problems) {
    if (p.message.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(GraphCheck, AValidScenarioHasNoProblems) { EXPECT_TRUE(CheckGraph(SmallScenario()).empty()); }

TEST(GraphCheck, FindsUnknownTargetsUnreachableNodesAndDeadEnds) {
  Scenario s = SmallScenario();
  s.nodes[3].branches.back().next = "nowhere";
  EXPECT_TRUE(Mentions(CheckGraph(s), "next \"nowhere\" is not a node"));

  s = SmallScenario();
  s.nodes.push_back({"orphan", "Hello?", std::nullopt, Outcome::kNone, "", {To("agreed")}, 42});
  auto problems = CheckGraph(s);
  ASSERT_TRUE(Mentions(problems, "\"orphan\" cannot be reached"));
  EXPECT_EQ(problems[0].line, 42);

  s = SmallScenario();  // "softer" and a new node loop forever: no end reachable from them
  s.nodes.push_back({"loop", "Again?", std::nullopt, Outcome::kNone, "", {To("softer")}});
  s.nodes[3].branches = {To("loop", {If(Signal::kOpenQuestion)}), To("loop")};
  EXPECT_TRUE(Mentions(CheckGraph(s), "\"softer\" is a dead end"));
}

TEST(GraphCheck, EveryNodeNeedsAFallbackLastAndEndsHaveNoBranches) {
  Scenario s = SmallScenario();
  s.nodes[0].branches.pop_back();
  EXPECT_TRUE(Mentions(CheckGraph(s), "needs a fallback branch"));
  s = SmallScenario();
  s.nodes[0].branches.insert(s.nodes[0].branches.begin(), To("softer"));
  EXPECT_TRUE(Mentions(CheckGraph(s), "only the last branch may be the fallback"));
  s = SmallScenario();
  s.nodes[5].branches = {To("open")};
  EXPECT_TRUE(Mentions(CheckGraph(s), "end node \"agreed\" must not have branches"));
}

TEST(GraphCheck, NeedsASuccessAndAnotherEnd) {
  Scenario s = SmallScenario();
  s.nodes[5].end = Outcome::kPartial;
  EXPECT_TRUE(Mentions(CheckGraph(s), "end: success"));
}

}  // namespace
}  // namespace attune::scenario
