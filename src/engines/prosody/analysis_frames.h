#pragma once
// Short-term analysis frames laid out as Praat lays them: as many whole windows as fit, centred on
// the sound, so frame times agree with Praat's to the sample.
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "engines/prosody/audio.h"

namespace attune::prosody {

struct FrameGrid {
  size_t frames = 0;
  int window_samples = 0;
  double first_time_s = 0;
  double time_step_s = 0.01;
  int sample_rate = 0;

  double TimeOf(size_t frame) const { return first_time_s + frame * time_step_s; }
  // The first sample of frame `frame`'s window (always inside the sound).
  size_t FirstSample(size_t frame) const {
    const double start = TimeOf(frame) * sample_rate - 0.5 * window_samples;
    return static_cast<size_t>(std::max(0.0, std::round(start)));
  }
};

inline FrameGrid MakeFrameGrid(const Audio& audio, double window_s, double time_step_s) {
  FrameGrid grid;
  grid.time_step_s = time_step_s;
  grid.sample_rate = audio.sample_rate;
  grid.window_samples = static_cast<int>(std::lround(window_s * audio.sample_rate));
  const double duration = audio.duration_s();
  if (grid.window_samples < 4 || duration < window_s) return grid;
  grid.frames = static_cast<size_t>(std::floor((duration - window_s) / time_step_s)) + 1;
  grid.first_time_s = 0.5 * (duration - (grid.frames - 1) * time_step_s);
  // Rounding can push the last window one sample past the end; drop it rather than read past.
  while (grid.frames > 0 &&
         grid.FirstSample(grid.frames - 1) + grid.window_samples > audio.samples.size()) {
    --grid.frames;
  }
  return grid;
}

}  // namespace attune::prosody
