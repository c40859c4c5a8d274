#include "engines/speech/voice_analysis.h"

#include "engines/prosody/resampler.h"

namespace attune::speech {

Result<VoiceAnalysis> AnalyzeVoice(const prosody::Audio& audio, SpeechRecognizer* recognizer) {
  const prosody::Audio at_rate = prosody::Resample(audio, prosody::kAnalysisRate);
  VoiceAnalysis out;
  out.prosody = prosody::AnalyzeProsody(at_rate);
  out.prosody.duration_s = audio.duration_s();
  if (recognizer == nullptr) return out;
  ASSIGN_OR_RETURN(out.transcript, recognizer->Transcribe(at_rate));
  size_t words = 0;
  for (const auto& w : out.transcript->words) words += !w.filler;
  if (out.prosody.speaking_time_s > 0) {
    out.words_per_minute = 60.0 * static_cast<double>(words) / out.prosody.speaking_time_s;
  }
  return out;
}

}  // namespace attune::speech
