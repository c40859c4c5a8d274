#pragma once
// Feedback on how a spoken reply was paced: speaking rate, filler words and long pauses, tied to
// the words where there are words to point at. Observable behaviour only (PRODUCT.md principle 2):
// nothing here infers how the learner feels, and none of it enters the rubric score.
#include <string>
#include <vector>

#include "engines/scenario/scenario_run.h"

namespace attune::scenario {

struct PacingFigures {
  double speaking_time_s = 0;
  double speech_rate_syl_s = 0;
  double words_per_minute = 0;
  int words = 0;  // recognised, fillers left out
  std::vector<std::string> filler_words;
  int long_pauses = 0;
  double longest_pause_s = 0;
};

struct PacingFeedback {
  std::vector<FeedbackPoint> went_well;
  std::vector<FeedbackPoint> to_try;
};

// Bands from conversational English: about 3.5 to 5.5 syllables a second is an unhurried,
// conversational pace; over 6 sounds rushed, under 3 sounds halting.
PacingFeedback GivePacingFeedback(const PacingFigures& figures);

inline constexpr const char* kPacingCriterionId = "pacing";

}  // namespace attune::scenario
