#include "engines/scenario/pacing_feedback.h"

#include <gtest/gtest.h>

namespace attune::scenario {
namespace {

TEST(PacingFeedback, PraisesAConversationalPace) {
  auto f = GivePacingFeedback(
      {.speaking_time_s = 6, .speech_rate_syl_s = 4.2, .words = 18, .filler_words = {}});
  ASSERT_EQ(f.went_well.size(), 1u);
  EXPECT_TRUE(f.to_try.empty());
  EXPECT_EQ(f.went_well[0].criterion_id, kPacingCriterionId);
  EXPECT_NE(f.went_well[0].note.find("4.2"), std::string::npos);
}

TEST(PacingFeedback, SuggestsSlowingARushedReplyAndNamesTheFillers) {
  auto f = GivePacingFeedback({.speaking_time_s = 5,
                               .speech_rate_syl_s = 6.8,
                               .words = 14,
                               .filler_words = {"um", "uh", "um"}});
  EXPECT_TRUE(f.went_well.empty());
  ASSERT_EQ(f.to_try.size(), 2u);
  EXPECT_NE(f.to_try[0].note.find("fast"), std::string::npos);
  EXPECT_EQ(f.to_try[1].words, (std::vector<std::string>{"um", "uh", "um"}));
  EXPECT_NE(f.to_try[1].note.find("3 filler words in 17"), std::string::npos);
}

TEST(PacingFeedback, LeavesShortRepliesAndAFewFillersAlone) {
  auto f = GivePacingFeedback(
      {.speaking_time_s = 1.2, .speech_rate_syl_s = 7, .words = 3, .filler_words = {}});
  EXPECT_TRUE(f.went_well.empty());
  EXPECT_TRUE(f.to_try.empty());
  // Two fillers in forty words is ordinary speech.
  auto g = GivePacingFeedback(
      {.speaking_time_s = 12, .speech_rate_syl_s = 4.5, .words = 40, .filler_words = {"um", "uh"}});
  EXPECT_EQ(g.to_try.size(), 0u);
}

TEST(PacingFeedback, PointsOutALongPause) {
  auto f = GivePacingFeedback({.speaking_time_s = 8,
                               .speech_rate_syl_s = 4,
                               .words = 20,
                               .filler_words = {},
                               .long_pauses = 1,
                               .longest_pause_s = 1.6});
  ASSERT_EQ(f.to_try.size(), 1u);
  EXPECT_NE(f.to_try[0].note.find("1.6 s"), std::string::npos);
}

}  // namespace
}  // namespace attune::scenario
