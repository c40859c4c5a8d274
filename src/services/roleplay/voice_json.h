#pragma once
// The voice analysis of a recording as JSON: one shape for `attune prosody`, the spoken-reply API
// and a kept turn (docs/voice.md lists the fields).
#include <nlohmann/json.hpp>

#include "engines/speech/voice_analysis.h"

namespace attune::roleplay {

nlohmann::json VoiceToJson(const speech::VoiceAnalysis& voice);
// {"time_step_s", "first_time_s", "f0_hz": [...]} with 0 for unvoiced frames.
nlohmann::json PitchTrackToJson(const prosody::PitchTrack& track);

}  // namespace attune::roleplay
