#include "engines/prosody/speech_timing.h"

#include <algorithm>
#include <cmath>

namespace attune::prosody {
namespace {

double Quantile(std::vector<float> values, double q) {
  if (values.empty()) return 0;
  const size_t k = static_cast<size_t>(std::floor(q * (values.size() - 1)));
  std::nth_element(values.begin(), values.begin() + k, values.end());
  return values[k];
}

}  // namespace

SpeechTiming MeasureTiming(const IntensityContour& intensity, const PitchTrack& pitch,
                           const TimingSettings& s) {
  SpeechTiming timing;
  const auto& db = intensity.db;
  if (db.empty()) return timing;
  const double minimum = *std::min_element(db.begin(), db.end());
  timing.threshold_db = std::max(minimum, Quantile(db, 0.99) + s.silence_db);

  // Sounding frames, with short silences and short sounds absorbed as the method prescribes.
  const size_t n = db.size();
  std::vector<bool> sounding(n);
  for (size_t i = 0; i < n; ++i) sounding[i] = db[i] > timing.threshold_db;
  const auto frames = [&](double seconds) {
    return static_cast<size_t>(std::lround(seconds / intensity.time_step_s));
  };
  auto absorb_runs = [&](bool value, size_t shorter_than) {
    for (size_t i = 0; i < n;) {
      size_t j = i;
      while (j < n && sounding[j] == sounding[i]) ++j;
      const bool inner = i > 0 && j < n;  // runs touching either end are left alone
      if (sounding[i] == value && inner && j - i < shorter_than) {
        std::fill(sounding.begin() + i, sounding.begin() + j, !value);
      }
      i = j;
    }
  };
  absorb_runs(false, frames(s.min_pause_s));
  absorb_runs(true, frames(s.min_sounding_s));

  const auto first = std::find(sounding.begin(), sounding.end(), true);
  if (first == sounding.end()) return timing;
  const size_t begin = first - sounding.begin();
  const size_t last =
      n - 1 - (std::find(sounding.rbegin(), sounding.rend(), true) - sounding.rbegin());
  const double half = 0.5 * intensity.time_step_s;
  timing.speaking = {intensity.TimeOf(begin) - half, intensity.TimeOf(last) + half};
  for (size_t i = begin; i <= last;) {
    size_t j = i;
    while (j <= last && sounding[j] == sounding[i]) ++j;
    if (!sounding[i]) {
      timing.pauses.push_back({intensity.TimeOf(i) - half, intensity.TimeOf(j - 1) + half});
      timing.pause_time_s += timing.pauses.back().length();
    }
    i = j;
  }

  // Peaks above the threshold, then the dip test against the following peak.
  std::vector<size_t> peaks;
  for (size_t i = 1; i + 1 < n; ++i) {
    if (db[i] > timing.threshold_db && db[i] > db[i - 1] && db[i] >= db[i + 1]) peaks.push_back(i);
  }
  for (size_t p = 0; p < peaks.size(); ++p) {
    const size_t from = peaks[p];
    const size_t to = p + 1 < peaks.size() ? peaks[p + 1] : n - 1;
    const float dip = *std::min_element(db.begin() + from, db.begin() + to + 1);
    if (db[from] - dip <= s.min_dip_db) continue;
    const double t = intensity.TimeOf(from);
    if (pitch.At(t) > 0) timing.nuclei_s.push_back(t);
  }
  return timing;
}

}  // namespace attune::prosody
