#pragma once
// Syllable nuclei and pauses from the intensity contour, after de Jong & Wempe (2009, "Praat
// script to detect syllable nuclei and measure speech rate automatically"): a nucleus is an
// intensity peak above a threshold 25 dB under the 99th-percentile intensity, separated from the
// next peak by a dip of more than 2 dB, in a voiced stretch; a pause is a stretch under the same
// threshold lasting at least 0.3 s. Leading and trailing silence (before the learner starts and
// after they stop) is not a pause.
#include <vector>

#include "engines/prosody/intensity_contour.h"
#include "engines/prosody/pitch_tracker.h"

namespace attune::prosody {

struct TimingSettings {
  double silence_db = -25;      // threshold relative to the 99th-percentile intensity
  double min_dip_db = 2;        // between two nuclei
  double min_pause_s = 0.3;     // shorter silences are part of speaking (stops, breaths)
  double min_sounding_s = 0.1;  // shorter sounds inside a pause are clicks, not speech
  double long_pause_s = 1.0;
};

struct Interval {
  double begin_s = 0;
  double end_s = 0;
  double length() const { return end_s - begin_s; }
};

struct SpeechTiming {
  double threshold_db = 0;
  std::vector<double> nuclei_s;  // times of the syllable nuclei
  std::vector<Interval> pauses;  // inside the speaking span
  Interval speaking;             // first to last sounding frame (empty when all silent)
  double pause_time_s = 0;
};

SpeechTiming MeasureTiming(const IntensityContour& intensity, const PitchTrack& pitch,
                           const TimingSettings& settings = {});

}  // namespace attune::prosody
