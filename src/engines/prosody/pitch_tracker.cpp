#include "engines/prosody/pitch_tracker.h"

#include <kissfft/kiss_fftr.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>

#include "engines/prosody/analysis_frames.h"

namespace attune::prosody {
namespace {

struct Candidate {
  float frequency = 0;  // 0: the unvoiced candidate
  float strength = 0;   // including the octave cost (Praat's path-finder strength)
};

struct FftrDeleter {
  void operator()(kiss_fftr_cfg cfg) const { kiss_fftr_free(cfg); }
};
using Fftr = std::unique_ptr<std::remove_pointer_t<kiss_fftr_cfg>, FftrDeleter>;

// Autocorrelation of `frame` (already windowed, zero-padded to the FFT size), normalised to r[0].
class Autocorrelator {
 public:
  explicit Autocorrelator(int nfft)
      : nfft_(nfft),
        forward_(kiss_fftr_alloc(nfft, 0, nullptr, nullptr)),
        inverse_(kiss_fftr_alloc(nfft, 1, nullptr, nullptr)),
        spectrum_(nfft / 2 + 1) {}

  // Writes r[0..max_lag] into `r`; false when the frame is all zeros.
  bool Run(std::vector<float>& frame, std::vector<float>& r, int max_lag) {
    kiss_fftr(forward_.get(), frame.data(), spectrum_.data());
    for (auto& c : spectrum_) {
      c.r = c.r * c.r + c.i * c.i;
      c.i = 0;
    }
    kiss_fftri(inverse_.get(), spectrum_.data(), frame.data());
    if (frame[0] <= 0) return false;
    const float norm = 1.0f / frame[0];
    for (int lag = 0; lag <= max_lag; ++lag) r[lag] = frame[lag] * norm;
    return true;
  }

 private:
  int nfft_;
  Fftr forward_, inverse_;
  std::vector<kiss_fft_cpx> spectrum_;
};

}  // namespace

float PitchTrack::At(double t) const {
  if (f0_hz.empty()) return 0;
  const double index = std::round((t - first_time_s) / time_step_s);
  if (index < 0 || index >= static_cast<double>(f0_hz.size())) return 0;
  return f0_hz[static_cast<size_t>(index)];
}

PitchTrack TrackPitch(const Audio& audio, const PitchSettings& s) {
  PitchTrack track;
  track.time_step_s = s.time_step_s;
  const double fs = audio.sample_rate;
  const double ceiling = std::min(s.ceiling_hz, 0.5 * fs);
  const double window_s = 3.0 / s.floor_hz;  // three periods of the lowest pitch
  const FrameGrid grid = MakeFrameGrid(audio, window_s, s.time_step_s);
  track.first_time_s = grid.first_time_s;
  if (grid.frames == 0) return track;

  const int window = grid.window_samples;
  const int min_lag = std::max(2, static_cast<int>(std::floor(fs / ceiling)));
  const int max_lag = std::min(window - 1, static_cast<int>(std::floor(fs / s.floor_hz)) + 2);
  const int half_period = static_cast<int>(std::lround(0.5 * fs / s.floor_hz));
  int nfft = 1;
  while (nfft < window + max_lag + 1) nfft *= 2;

  // The Hanning window and its own normalised autocorrelation, which the frame's is divided by.
  std::vector<float> hann(window);
  for (int i = 0; i < window; ++i) {
    hann[i] = static_cast<float>(0.5 - 0.5 * std::cos(2 * std::numbers::pi * (i + 0.5) / window));
  }
  Autocorrelator autocorrelate(nfft);
  std::vector<float> buffer(nfft + 2, 0.0f), window_r(max_lag + 2), r(max_lag + 2);
  std::copy(hann.begin(), hann.end(), buffer.begin());
  autocorrelate.Run(buffer, window_r, max_lag + 1);

  float global_peak = 0;
  {
    double mean = 0;
    for (float x : audio.samples) mean += x;
    mean /= std::max<size_t>(1, audio.samples.size());
    for (float x : audio.samples) global_peak = std::max(global_peak, std::fabs(x - float(mean)));
  }

  const double correction = 0.01 / s.time_step_s;  // Praat scales path costs to a 10 ms step
  const double octave_jump_cost = s.octave_jump_cost * correction;
  const double voiced_unvoiced_cost = s.voiced_unvoiced_cost * correction;

  std::vector<std::vector<Candidate>> candidates(grid.frames);
  for (size_t f = 0; f < grid.frames; ++f) {
    const float* x = audio.samples.data() + grid.FirstSample(f);
    double mean = 0;
    for (int i = 0; i < window; ++i) mean += x[i];
    mean /= window;
    for (int i = 0; i < window; ++i) buffer[i] = (x[i] - static_cast<float>(mean)) * hann[i];
    // As Praat: the frame's peak is read from the windowed frame, within half the longest period
    // of its centre, so a frame that only overlaps the start of a voiced stretch stays quiet.
    float local_peak = 0;
    for (int i = std::max(0, window / 2 - half_period);
         i < std::min(window, window / 2 + half_period + 1); ++i) {
      local_peak = std::max(local_peak, std::fabs(buffer[i]));
    }
    std::fill(buffer.begin() + window, buffer.end(), 0.0f);

    auto& frame = candidates[f];
    const double intensity = global_peak > 0 ? local_peak / global_peak : 0;
    const double unvoiced =
        s.voicing_threshold +
        std::max(0.0, 2.0 - intensity / (s.silence_threshold / (1.0 + s.voicing_threshold)));
    frame.push_back({0.0f, static_cast<float>(unvoiced)});
    if (local_peak == 0 || !autocorrelate.Run(buffer, r, max_lag + 1)) continue;
    for (int lag = 1; lag <= max_lag + 1; ++lag) r[lag] /= window_r[lag];

    for (int lag = min_lag; lag <= max_lag; ++lag) {
      if (r[lag] <= 0.5 * s.voicing_threshold || r[lag] <= r[lag - 1] || r[lag] < r[lag + 1]) {
        continue;
      }
      // Parabolic interpolation of the peak's lag and height.
      const double dr = 0.5 * (r[lag + 1] - r[lag - 1]);
      const double d2r = 2.0 * r[lag] - r[lag - 1] - r[lag + 1];
      double peak_lag = lag, strength = r[lag];
      if (d2r > 0) {
        peak_lag += dr / d2r;
        strength += 0.5 * dr * dr / d2r;
      }
      if (strength > 1) strength = 1 / strength;  // as Praat: a peak above 1 is an artefact
      const double frequency = fs / peak_lag;
      if (frequency > ceiling || frequency < s.floor_hz) continue;
      const double scored = strength - s.octave_cost * std::log2(ceiling / frequency);
      Candidate c{static_cast<float>(frequency), static_cast<float>(scored)};
      if (static_cast<int>(frame.size()) < s.max_candidates) {
        frame.push_back(c);
      } else {
        auto weakest = std::min_element(frame.begin() + 1, frame.end(),
                                        [](auto& a, auto& b) { return a.strength < b.strength; });
        if (weakest->strength < c.strength) *weakest = c;
      }
    }
  }

  // Viterbi: maximise the summed strengths minus the transition costs.
  auto transition = [&](float f1, float f2) {
    if (f1 == 0 && f2 == 0) return 0.0;
    if (f1 == 0 || f2 == 0) return voiced_unvoiced_cost;
    return octave_jump_cost * std::fabs(std::log2(f1 / f2));
  };
  std::vector<std::vector<double>> score(grid.frames);
  std::vector<std::vector<int>> back(grid.frames);
  score[0].resize(candidates[0].size());
  back[0].assign(candidates[0].size(), 0);
  for (size_t c = 0; c < candidates[0].size(); ++c) score[0][c] = candidates[0][c].strength;
  for (size_t f = 1; f < grid.frames; ++f) {
    const auto& prev = candidates[f - 1];
    const auto& cur = candidates[f];
    score[f].resize(cur.size());
    back[f].resize(cur.size());
    for (size_t c = 0; c < cur.size(); ++c) {
      double best = -1e300;
      int arg = 0;
      for (size_t p = 0; p < prev.size(); ++p) {
        const double v = score[f - 1][p] - transition(prev[p].frequency, cur[c].frequency);
        if (v > best) {
          best = v;
          arg = static_cast<int>(p);
        }
      }
      score[f][c] = best + cur[c].strength;
      back[f][c] = arg;
    }
  }
  track.f0_hz.resize(grid.frames);
  int c = static_cast<int>(std::max_element(score.back().begin(), score.back().end()) -
                           score.back().begin());
  for (size_t f = grid.frames; f-- > 0;) {
    track.f0_hz[f] = candidates[f][c].frequency;
    c = back[f][c];
  }
  return track;
}

}  // namespace attune::prosody
