#include "engines/scenario/pacing_feedback.h"

#include <cstdio>

namespace attune::scenario {
namespace {

FeedbackPoint Point(std::string note, std::vector<std::string> words = {}) {
  return {kPacingCriterionId, "Pacing (spoken replies)", std::move(words), std::move(note)};
}

std::string Format(const char* format, double value) {
  char buffer[200];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

}  // namespace

PacingFeedback GivePacingFeedback(const PacingFigures& f) {
  PacingFeedback out;
  // Very short replies ("Yes.") carry too little speech to judge the rate.
  if (f.speaking_time_s >= 2.0 && f.speech_rate_syl_s > 0) {
    if (f.speech_rate_syl_s > 6.0) {
      out.to_try.push_back(Point(Format(
          "You spoke fast (%.1f syllables a second). Slowing toward 4 or 5 gives the other person "
          "room to take it in and shows you are not rushing them.",
          f.speech_rate_syl_s)));
    } else if (f.speech_rate_syl_s < 3.0) {
      out.to_try.push_back(Point(Format(
          "Your pace was slow and halting (%.1f syllables a second). Deciding your first sentence "
          "before you start helps it come out in one piece.",
          f.speech_rate_syl_s)));
    } else {
      out.went_well.push_back(Point(Format(
          "An unhurried, conversational pace (%.1f syllables a second).", f.speech_rate_syl_s)));
    }
  }
  const size_t fillers = f.filler_words.size();
  const int spoken = f.words + static_cast<int>(fillers);
  if (fillers >= 3 && spoken > 0 && fillers * 10 >= static_cast<size_t>(spoken)) {
    out.to_try.push_back(Point(std::to_string(fillers) + " filler words in " +
                                   std::to_string(spoken) +
                                   ". A short silence reads as thought; an \"um\" reads as doubt.",
                               f.filler_words));
  }
  if (f.long_pauses > 0) {
    out.to_try.push_back(
        Point(Format("A pause of %.1f s inside the reply. A pause after a hard message gives room; "
                     "in the middle "
                     "of a sentence it can sound unsure. Notice where yours fell.",
                     f.longest_pause_s)));
  }
  return out;
}

}  // namespace attune::scenario
