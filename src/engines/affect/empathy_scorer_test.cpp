#include "engines/affect/empathy_scorer.h"

#include <gtest/gtest.h>

namespace attune::affect {
namespace {

const EmpathyScorer& Scorer() {
  static const EmpathyScorer scorer(nullptr);
  return scorer;
}

constexpr std::string_view kMessage =
    "My manager criticised my presentation in front of the whole team and I feel humiliated.";

TEST(EmpathyScorer, WarmReflectiveExploringReplyScoresHigh) {
  std::string reply =
      "I'm so sorry, that sounds humiliating. It sounds like you felt exposed in front of the "
      "team. How are you feeling about going back to work tomorrow?";
  EmpathyAssessment a = Scorer().Score(kMessage, reply);
  EXPECT_EQ(a.emotional_reaction.level, 2);
  EXPECT_EQ(a.interpretation.level, 2);
  EXPECT_EQ(a.exploration.level, 2);
  ASSERT_FALSE(a.emotional_reaction.spans.empty());
  const auto& s = a.emotional_reaction.spans[0];
  EXPECT_EQ(reply.substr(s.begin, s.end - s.begin), "I'm so sorry");
  EXPECT_TRUE(a.dismissive.empty());
}

TEST(EmpathyScorer, DismissiveReplyScoresLow) {
  EmpathyAssessment a = Scorer().Score(kMessage, "Just get over it, it's not a big deal.");
  EXPECT_EQ(a.emotional_reaction.level, 0);
  EXPECT_EQ(a.interpretation.level, 0);
  EXPECT_EQ(a.exploration.level, 0);
  EXPECT_EQ(a.dismissive.size(), 2u);
}

TEST(EmpathyScorer, WeakLevels) {
  EmpathyAssessment a = Scorer().Score(kMessage, "Hang in there. I understand. What happened?");
  EXPECT_EQ(a.emotional_reaction.level, 1);
  EXPECT_EQ(a.interpretation.level, 1);
  EXPECT_EQ(a.exploration.level, 1);  // generic question
}

TEST(EmpathyScorer, SharedExperienceIsInterpretation) {
  EmpathyAssessment a =
      Scorer().Score(kMessage, "I've been there, my boss did the same thing to me last year.");
  EXPECT_EQ(a.interpretation.level, 2);
}

}  // namespace
}  // namespace attune::affect
