#include "engines/irt/practice_selector.h"

#include <gtest/gtest.h>

namespace attune::irt {
namespace {

std::vector<PracticeCandidate> Candidates() {
  std::vector<PracticeCandidate> c;
  for (int i = 0; i < 200; ++i) c.push_back({i, {1.5, -3.0 + 6.0 * i / 199}, i % 4, i % 5 == 0});
  return c;
}

TEST(PracticeSelector, AimsAtAboutSeventyFivePercentSuccess) {
  const auto candidates = Candidates();
  SeededRandom random(5);
  double success = 0;
  const int draws = 2000;
  for (int k = 0; k < draws; ++k) {
    const int item = ChoosePracticeItem(candidates, 0.4, {}, random);
    success += ProbabilityCorrect(candidates[item].params, 0.4);
  }
  EXPECT_NEAR(success / draws, 0.75, 0.03);
}

TEST(PracticeSelector, LeansTowardWeakEmotionsAndTheLearnersContext) {
  const auto candidates = Candidates();
  SeededRandom random(6);
  int weak = 0, context = 0;
  const int draws = 4000;
  for (int k = 0; k < draws; ++k) {
    const int item = ChoosePracticeItem(candidates, 0, {3, 1, 1, 1}, random);
    weak += candidates[item].emotion == 0;
    context += candidates[item].matches_context;
  }
  EXPECT_GT(weak, draws / 2 - 200) << "weight 3 of 6 in total";
  EXPECT_GT(context, draws * 0.2 + 100) << "context items are 20% of the pool";
  EXPECT_EQ(ChoosePracticeItem({}, 0, {}, random), -1);
}

}  // namespace
}  // namespace attune::irt
