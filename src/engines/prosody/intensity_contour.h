#pragma once
// Intensity in dB per 10 ms frame, computed as Praat's "To Intensity" does (mean-subtracted,
// windowed mean square, dB re 2·10⁻⁵ with full scale taken as 1 Pa), so the loudness figures and
// the syllable-nucleus thresholds of de Jong & Wempe (2009) carry over unchanged.
#include <cstddef>
#include <vector>

#include "engines/prosody/audio.h"

namespace attune::prosody {

struct IntensityContour {
  double first_time_s = 0;
  double time_step_s = 0.01;
  std::vector<float> db;

  double TimeOf(size_t frame) const { return first_time_s + frame * time_step_s; }
};

// `min_pitch_hz` sets the window (effective duration 3.2 periods), as in Praat: 50 Hz gives the
// 64 ms window the syllable-nucleus method was tuned with.
IntensityContour MeasureIntensity(const Audio& audio, double min_pitch_hz = 50,
                                  double time_step_s = 0.01);

}  // namespace attune::prosody
