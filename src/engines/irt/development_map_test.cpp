#include "engines/irt/development_map.h"

#include <gtest/gtest.h>

namespace attune::irt {
namespace {

TEST(DevelopmentMap, ComputesWagnersUnbiasedHitRateAndConfusions) {
  // Emotion 0 shown 4 times: 2 hits, 2 answered as 1. Emotion 1 shown 2 times: both hits.
  const std::vector<EmotionAnswer> answers = {{0, 0}, {0, 0}, {0, 1}, {0, 1}, {1, 1}, {1, 1}};
  const DevelopmentMap map = BuildDevelopmentMap(answers, 3, {0.5, 0.5, 0.5});
  const EmotionSkill& zero = map.emotions[0];
  const EmotionSkill& one = map.emotions[1];
  EXPECT_EQ(zero.shown, 4);
  EXPECT_EQ(zero.hits, 2);
  EXPECT_DOUBLE_EQ(zero.raw_accuracy, 0.5);
  EXPECT_DOUBLE_EQ(zero.unbiased_hit_rate, 2.0 * 2 / (4 * 2));
  // Emotion 1 was always recognised but also chosen for emotion 0: Hu = 2^2 / (2 x 4) = 0.5.
  EXPECT_DOUBLE_EQ(one.raw_accuracy, 1.0);
  EXPECT_DOUBLE_EQ(one.unbiased_hit_rate, 0.5);
  EXPECT_DOUBLE_EQ(one.response_bias, 2.0);
  EXPECT_DOUBLE_EQ(one.chance_hit_rate, 2.0 * 4 / 36);
  ASSERT_EQ(map.top_confusions.size(), 1u);
  EXPECT_EQ(map.top_confusions[0].target, 0);
  EXPECT_EQ(map.top_confusions[0].chosen, 1);
  EXPECT_DOUBLE_EQ(map.top_confusions[0].rate, 0.5);
  EXPECT_EQ(map.matrix[0][1], 2);
}

TEST(DevelopmentMap, ShrinksSmallSamplesTowardThePopulation) {
  const DevelopmentMap map = BuildDevelopmentMap({{0, 0}, {0, 0}}, 2, {0.5, 0.7}, {4, 5, 2});
  EXPECT_DOUBLE_EQ(map.emotions[0].raw_accuracy, 1.0);
  EXPECT_DOUBLE_EQ(map.emotions[0].shrunk_accuracy, (2 + 4 * 0.5) / 6);
  EXPECT_DOUBLE_EQ(map.emotions[1].shrunk_accuracy, 0.7) << "unseen: the population's accuracy";
}

TEST(DevelopmentMap, ThePlanStartsWithTheWeakestEmotions) {
  std::vector<EmotionAnswer> answers;
  for (int k = 0; k < 10; ++k) {
    answers.push_back({0, 0});
    answers.push_back({1, k < 3 ? 1 : 2});
    answers.push_back({2, k < 7 ? 2 : 0});
  }
  const DevelopmentMap map = BuildDevelopmentMap(answers, 3, {0.6, 0.6, 0.6});
  EXPECT_EQ(map.practice_plan, (std::vector<int>{1, 2, 0}));
}

}  // namespace
}  // namespace attune::irt
