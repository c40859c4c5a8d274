#pragma once
// How a reply was said: pitch level and range, loudness, speaking rate from syllable nuclei, and
// pauses, from mono audio at any supported rate. Pure computation, one pass, no disk.
#include <optional>

#include "engines/prosody/audio.h"
#include "engines/prosody/pitch_tracker.h"
#include "engines/prosody/speech_timing.h"

namespace attune::prosody {

struct ProsodyAnalysis {
  double duration_s = 0;
  double speaking_time_s = 0;   // first sound to last sound
  double phonation_time_s = 0;  // speaking time less the pauses
  // Pitch over voiced frames; the range is the 5th to the 95th percentile, in semitones, so a
  // stray octave error cannot stretch it.
  double voiced_ratio = 0;  // voiced frames / frames in the speaking span
  double f0_mean_hz = 0;
  double f0_median_hz = 0;
  double f0_p5_hz = 0;
  double f0_p95_hz = 0;
  double f0_range_st = 0;
  double f0_sd_st = 0;
  // Loudness: the energy mean of the sounding frames in dB (Praat's convention: full scale is
  // 94 dB), and their spread (95th − 5th percentile). Absolute levels depend on the microphone.
  double loudness_db = 0;
  double loudness_range_db = 0;
  int syllables = 0;
  double speech_rate_syl_s = 0;        // syllables per second of speaking time
  double articulation_rate_syl_s = 0;  // syllables per second of phonation time
  int pauses = 0;
  int long_pauses = 0;
  double longest_pause_s = 0;
  double pause_ratio = 0;  // pause time / speaking time
  PitchTrack pitch;        // the F0 track the figures were read from
};

// The rate the analysis runs at: input at other rates is resampled first.
inline constexpr int kAnalysisRate = 16000;

ProsodyAnalysis AnalyzeProsody(const Audio& audio, const PitchSettings& pitch = {},
                               const TimingSettings& timing = {});

}  // namespace attune::prosody
