#include "engines/prosody/intensity_contour.h"

#include <cmath>
#include <numbers>

#include "engines/prosody/analysis_frames.h"

namespace attune::prosody {

IntensityContour MeasureIntensity(const Audio& audio, double min_pitch_hz, double time_step_s) {
  IntensityContour contour;
  contour.time_step_s = time_step_s;
  const FrameGrid grid = MakeFrameGrid(audio, 3.2 / min_pitch_hz, time_step_s);
  contour.first_time_s = grid.first_time_s;
  const int n = grid.window_samples;
  // A Gaussian window (Praat uses Kaiser-Bessel; both are smooth bells of the same width).
  std::vector<double> w(n);
  double w_sum = 0;
  for (int i = 0; i < n; ++i) {
    const double x = (i + 0.5 - 0.5 * n) / (0.5 * n);
    w[i] = std::exp(-12.0 * x * x) - std::exp(-12.0);
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
    contour.db[f] = static_cast<float>(energy < 1e-20 ? -100.0 : 10 * std::log10(energy / kReference));
  }
  return contour;
}

}  // namespace attune::prosody
