#pragma once
// A spoken reply in full: how it was said (prosody) and what was said (the recognised words), with
// the pacing figures that need both: words per minute and filler words.
#include <optional>

#include "engines/prosody/prosody_analyzer.h"
#include "engines/speech/speech_recognizer.h"

namespace attune::speech {

struct VoiceAnalysis {
  prosody::ProsodyAnalysis prosody;
  std::optional<Transcript> transcript;  // absent when no recogniser was given
  double words_per_minute = 0;           // over the speaking time, fillers left out
};

// Resamples once to the analysis rate and runs both analyses. `recognizer` may be null (prosody
// only). Fails only when the recogniser does.
Result<VoiceAnalysis> AnalyzeVoice(const prosody::Audio& audio, SpeechRecognizer* recognizer);

}  // namespace attune::speech
