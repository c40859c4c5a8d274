#pragma once
// Fundamental frequency by Boersma's (1993) autocorrelation method, the algorithm behind Praat's
// "To Pitch (ac)": per 10 ms frame, the autocorrelation of a Hanning-windowed stretch divided by
// the window's own autocorrelation yields pitch candidates with strengths; a Viterbi path through
// the candidates (costs for octave jumps and voicing changes) picks one per frame or calls it
// unvoiced. Defaults are Praat's, so Praat can serve as the reference in bench/prosody.
#include <cstddef>
#include <vector>

#include "engines/prosody/audio.h"

namespace attune::prosody {

struct PitchSettings {
  double time_step_s = 0.01;
  double floor_hz = 75;
  double ceiling_hz = 600;
  int max_candidates = 15;
  double silence_threshold = 0.03;
  double voicing_threshold = 0.45;
  double octave_cost = 0.01;
  double octave_jump_cost = 0.35;
  double voiced_unvoiced_cost = 0.14;
};

// Frame i is centred at first_time_s + i * time_step_s; f0_hz[i] == 0 means unvoiced.
struct PitchTrack {
  double first_time_s = 0;
  double time_step_s = 0.01;
  std::vector<float> f0_hz;

  double TimeOf(size_t frame) const { return first_time_s + frame * time_step_s; }
  // The F0 at time t (0 if that frame is unvoiced or t is outside the track).
  float At(double t) const;
};

PitchTrack TrackPitch(const Audio& audio, const PitchSettings& settings = {});

}  // namespace attune::prosody
