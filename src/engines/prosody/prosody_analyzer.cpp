#include "engines/prosody/prosody_analyzer.h"

#include <algorithm>
#include <cmath>

#include "engines/prosody/intensity_contour.h"
#include "engines/prosody/resampler.h"

namespace attune::prosody {
namespace {

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = q * (v.size() - 1);
  const size_t i = static_cast<size_t>(pos);
  const double frac = pos - i;
  return i + 1 < v.size() ? v[i] * (1 - frac) + v[i + 1] * frac : v[i];
}

void DescribePitch(const PitchTrack& track, const Interval& span, ProsodyAnalysis& out) {
  std::vector<double> voiced;
  size_t in_span = 0;
  for (size_t f = 0; f < track.f0_hz.size(); ++f) {
    const double t = track.TimeOf(f);
    if (t < span.begin_s || t > span.end_s) continue;
    ++in_span;
    if (track.f0_hz[f] > 0) voiced.push_back(track.f0_hz[f]);
  }
  if (in_span) out.voiced_ratio = static_cast<double>(voiced.size()) / in_span;
  if (voiced.empty()) return;
  double sum = 0, sum_st = 0, sum_st2 = 0;
  for (double f : voiced) {
    sum += f;
    const double st = 12 * std::log2(f / 100.0);
    sum_st += st;
    sum_st2 += st * st;
  }
  const double n = static_cast<double>(voiced.size());
  out.f0_mean_hz = sum / n;
  out.f0_sd_st = std::sqrt(std::max(0.0, sum_st2 / n - (sum_st / n) * (sum_st / n)));
  out.f0_median_hz = Percentile(voiced, 0.5);
  out.f0_p5_hz = Percentile(voiced, 0.05);
  out.f0_p95_hz = Percentile(voiced, 0.95);
  out.f0_range_st = 12 * std::log2(out.f0_p95_hz / out.f0_p5_hz);
}

void DescribeLoudness(const IntensityContour& intensity, double threshold, ProsodyAnalysis& out) {
  std::vector<double> sounding;
  double energy = 0;
  for (float db : intensity.db) {
    if (db <= threshold) continue;
    sounding.push_back(db);
    energy += std::pow(10.0, db / 10.0);
  }
  if (sounding.empty()) return;
  out.loudness_db = 10 * std::log10(energy / sounding.size());
  out.loudness_range_db = Percentile(sounding, 0.95) - Percentile(sounding, 0.05);
}

}  // namespace

ProsodyAnalysis AnalyzeProsody(const Audio& input, const PitchSettings& pitch_settings,
                               const TimingSettings& timing_settings) {
  const Audio audio = Resample(input, kAnalysisRate);
  ProsodyAnalysis out;
  out.duration_s = input.duration_s();
  out.pitch = TrackPitch(audio, pitch_settings);
  const IntensityContour intensity = MeasureIntensity(audio);
  const SpeechTiming timing = MeasureTiming(intensity, out.pitch, timing_settings);

  out.speaking_time_s = timing.speaking.length();
  out.phonation_time_s = out.speaking_time_s - timing.pause_time_s;
  out.pauses = static_cast<int>(timing.pauses.size());
  for (const auto& p : timing.pauses) {
    out.longest_pause_s = std::max(out.longest_pause_s, p.length());
    if (p.length() >= timing_settings.long_pause_s) ++out.long_pauses;
  }
  if (out.speaking_time_s > 0) {
    out.pause_ratio = timing.pause_time_s / out.speaking_time_s;
    out.syllables = static_cast<int>(timing.nuclei_s.size());
    out.speech_rate_syl_s = out.syllables / out.speaking_time_s;
    if (out.phonation_time_s > 0)
      out.articulation_rate_syl_s = out.syllables / out.phonation_time_s;
  }
  DescribePitch(out.pitch, timing.speaking, out);
  DescribeLoudness(intensity, timing.threshold_db, out);
  return out;
}

}  // namespace attune::prosody
