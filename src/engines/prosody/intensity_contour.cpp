#include "engines/prosody/intensity_contour.h"

#include <cmath>
#include <numbers>

#include "engines/prosody/analysis_frames.h"

namespace attune::prosody {

IntensityContour MeasureIntensity(const Audio& audio, double min_pitch_hz, double time_step_s) {
  IntensityContour contour;
  contour.time_step_s = time_step_s;
  // Praat's window: Kaiser-Bessel (β = 20) over 6.4 periods of the minimum pitch, whose effective
  // duration is 3.2 periods. Its width matters: a narrower window leaves dips inside syllables
  // that the syllable-nucleus method would count as extra syllables.
  const FrameGrid grid = MakeFrameGrid(audio, 6.4 / min_pitch_hz, time_step_s);
  contour.first_time_s = grid.first_time_s;
  const int n = grid.window_samples;
  constexpr double kBeta = 20;
  const double i0_beta = std::cyl_bessel_i(0.0, kBeta);
  std::vector<double> w(n);
  double w_sum = 0;
  for (int i = 0; i < n; ++i) {
    const double x = (i + 0.5 - 0.5 * n) / (0.5 * n);
    w[i] = std::cyl_bessel_i(0.0, kBeta * std::sqrt(std::max(0.0, 1 - x * x))) / i0_beta;
    w_sum += w[i];
  }
  constexpr double kReference = 4e-10;  // (2·10⁻⁵ Pa)²
  contour.db.resize(grid.frames);
  for (size_t f = 0; f < grid.frames; ++f) {
    const float* x = audio.samples.data() + grid.FirstSample(f);
    double mean = 0;
    for (int i = 0; i < n; ++i) mean += x[i];
    mean /= n;
    double energy = 0;
    for (int i = 0; i < n; ++i) {
      const double c = x[i] - mean;
      energy += w[i] * c * c;
    }
    energy /= w_sum;
    contour.db[f] =
        static_cast<float>(energy < 1e-20 ? -100.0 : 10 * std::log10(energy / kReference));
  }
  return contour;
}

}  // namespace attune::prosody
