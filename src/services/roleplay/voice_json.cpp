#include "services/roleplay/voice_json.h"

#include <cmath>

namespace attune::roleplay {
namespace {

// Figures to a precision a person can read; no measurement here is finer than a millisecond.
double Round(double v, int decimals = 3) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

}  // namespace

nlohmann::json VoiceToJson(const speech::VoiceAnalysis& voice) {
  const prosody::ProsodyAnalysis& p = voice.prosody;
  nlohmann::json out = {
      {"duration_s", Round(p.duration_s)},
      {"speaking_time_s", Round(p.speaking_time_s)},
      {"phonation_time_s", Round(p.phonation_time_s)},
      {"voiced_ratio", Round(p.voiced_ratio)},
      {"f0_mean_hz", Round(p.f0_mean_hz, 1)},
      {"f0_median_hz", Round(p.f0_median_hz, 1)},
      {"f0_p5_hz", Round(p.f0_p5_hz, 1)},
      {"f0_p95_hz", Round(p.f0_p95_hz, 1)},
      {"f0_range_st", Round(p.f0_range_st, 2)},
      {"f0_sd_st", Round(p.f0_sd_st, 2)},
      {"loudness", Round(p.loudness_db, 1)},
      {"loudness_range_db", Round(p.loudness_range_db, 1)},
      {"syllables", p.syllables},
      {"speech_rate_syl_s", Round(p.speech_rate_syl_s, 2)},
      {"articulation_rate_syl_s", Round(p.articulation_rate_syl_s, 2)},
      {"pauses", p.pauses},
      {"long_pauses", p.long_pauses},
      {"longest_pause_s", Round(p.longest_pause_s)},
      {"pause_ratio", Round(p.pause_ratio)},
  };
  if (voice.transcript) {
    nlohmann::json words = nlohmann::json::array();
    for (const auto& w : voice.transcript->words) {
      words.push_back({{"word", w.word},
                       {"begin_s", Round(w.begin_s, 2)},
                       {"end_s", Round(w.end_s, 2)},
                       {"filler", w.filler}});
    }
    out["transcript"] = voice.transcript->text;
    out["words"] = words;
    out["words_per_minute"] = Round(voice.words_per_minute, 1);
    out["filler_words"] = voice.transcript->filler_count;
  }
  return out;
}

nlohmann::json PitchTrackToJson(const prosody::PitchTrack& track) {
  nlohmann::json f0 = nlohmann::json::array();
  for (float f : track.f0_hz) f0.push_back(Round(f, 2));
  return {{"time_step_s", track.time_step_s},
          {"first_time_s", Round(track.first_time_s, 6)},
          {"f0_hz", f0}};
}

}  // namespace attune::roleplay
