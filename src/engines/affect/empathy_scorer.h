#pragma once
// Empathy of a reply to a message, on the three EPITOME mechanisms (Sharma et al., EMNLP 2020),
// each 0 (none), 1 (weak), 2 (strong), with the spans of the reply that justify the score.
// Built from transparent features (warmth and concern phrases, offers of help, reflections and
// shared experience, questions about the other person's feelings or experience, dismissive or
// blaming phrases) plus the emotion model's "caring" head. Nothing here is fitted to EPITOME, whose
// licence allows evaluation only; the rules follow the mechanism definitions in the paper.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engines/affect/emotion_classifier.h"
#include "engines/affect/phrase_matcher.h"
#include "engines/affect/tone_markers.h"

namespace attune::affect {

struct EmpathySpan {
  uint32_t begin = 0;  // byte offsets into the reply
  uint32_t end = 0;
  std::string_view cue;  // "warmth", "offer_of_help", "reflection", "question_about_feelings" ...
};

struct MechanismScore {
  int level = 0;  // 0 none, 1 weak, 2 strong
  std::vector<EmpathySpan> spans;
};

struct EmpathyAssessment {
  MechanismScore emotional_reaction;    // warmth, compassion, concern
  MechanismScore interpretation;        // understanding of the other's feelings or experience
  MechanismScore exploration;           // asking about feelings or experience not yet stated
  std::vector<EmpathySpan> dismissive;  // each lowers emotional reaction by one level
};

class EmpathyScorer {
 public:
  // `classifier` may be null (then the caring head is not used); it must outlive the scorer.
  explicit EmpathyScorer(const EmotionClassifier* classifier);

  // Both texts should already be checked (see text_input.h); any bytes are handled safely.
  EmpathyAssessment Score(std::string_view message, std::string_view reply) const;

 private:
  const EmotionClassifier* classifier_;
  ToneAnalyzer tone_;
  PhraseMatcher warmth_strong_, warmth_weak_, offer_help_, understanding_, reflection_,
      shared_experience_, dismissive_, blame_, feeling_words_, experience_words_;
  std::vector<uint64_t> stop_words_;  // sorted hashes
};

}  // namespace attune::affect
