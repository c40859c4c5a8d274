#pragma once
// Observable tone markers of a message: what a reader can point at, counted with their spans.
// These are behaviours (asking, acknowledging, blaming, hedging), not inferred feelings, so they
// are safe to show as coaching feedback. Negation is respected: "I'm not sorry" is not an apology
// and "it's not your fault" is not blame.
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engines/affect/phrase_matcher.h"
#include "engines/affect/tokenizer.h"

namespace attune::affect {

enum class ToneMarker : uint8_t {
  kOpenQuestion,     // "what", "how", "why" ... questions that invite a full answer
  kClosedQuestion,   // yes/no and other questions
  kAcknowledgement,  // "I hear you", "thanks for telling me"
  kValidation,       // "that makes sense", "anyone would feel that way"
  kYouBlame,         // "you always", "your fault", "you made me"
  kAbsolutist,       // "always", "never", "everyone", "nothing"
  kHedge,            // "maybe", "I think", "sort of"
  kApology,          // "sorry", "my bad"
  kPoliteness,       // "please", "thank you", "would you mind"
  kFiller,           // "um", "you know", "basically"
  kIntensifier,      // "really", "extremely", "so much"
  kCaps,             // a word in capitals ("STOP")
  kExclamation,      // a run of "!"
};
inline constexpr size_t kNumToneMarkers = 13;

std::string_view ToneMarkerName(ToneMarker m);

struct ToneHit {
  ToneMarker marker;
  uint32_t begin = 0;  // byte offsets into the analysed text
  uint32_t end = 0;
};

struct ToneReport {
  std::vector<ToneHit> hits;  // in text order within each marker
  std::array<int, kNumToneMarkers> counts{};
  // 0..1 from capitals, exclamation marks and intensifiers; 1 - exp(-weighted count).
  float intensity = 0;

  int Count(ToneMarker m) const { return counts[static_cast<size_t>(m)]; }
};

class ToneAnalyzer {
 public:
  ToneAnalyzer();
  ToneReport Analyze(const TokenizedText& text) const;

 private:
  void AddPhraseHits(const TokenizedText& text, const std::vector<uint64_t>& hashes,
                     const PhraseMatcher& matcher, ToneMarker marker, ToneReport& report) const;
  void AddQuestions(const TokenizedText& text, const std::vector<uint64_t>& hashes,
                    ToneReport& report) const;

  PhraseMatcher acknowledgement_, validation_, blame_, absolutist_, hedge_, apology_, politeness_,
      filler_, intensifier_, open_question_starts_;
};

}  // namespace attune::affect
