#include "engines/affect/calibration.h"

#include <cmath>

namespace attune::affect {

PlattParams FitPlatt(const std::vector<float>& margins, const std::vector<char>& positive) {
  const size_t n = margins.size();
  double n_pos = 0;
  for (char p : positive) n_pos += p ? 1 : 0;
  const double n_neg = static_cast<double>(n) - n_pos;
  const double hi = (n_pos + 1) / (n_pos + 2), lo = 1 / (n_neg + 2);
  std::vector<double> t(n);
  for (size_t i = 0; i < n; ++i) t[i] = positive[i] ? hi : lo;

  auto loss = [&](double a, double b) {
    double l = 0;
    for (size_t i = 0; i < n; ++i) {
      double z = a * margins[i] + b;
      // log(1 + e^z) computed stably; loss = -(t*log p + (1-t)*log(1-p)) with p = sigmoid(z).
      double softplus = z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
      l += softplus - t[i] * z;
    }
    return l;
  };

  PlattParams p;
  double current = loss(p.a, p.b);
  for (int iter = 0; iter < 100; ++iter) {
    double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
    for (size_t i = 0; i < n; ++i) {
      double z = p.a * margins[i] + p.b;
      double s = 1 / (1 + std::exp(-z));
      double d = s - t[i], w = s * (1 - s);
      ga += d * margins[i];
      gb += d;
      haa += w * margins[i] * margins[i];
      hab += w * margins[i];
      hbb += w;
    }
    if (std::abs(ga) < 1e-6 && std::abs(gb) < 1e-6) break;
    double det = haa * hbb - hab * hab;
    if (det <= 0) break;
    double da = -(hbb * ga - hab * gb) / det, db = -(haa * gb - hab * ga) / det;
    double step = 1;
    bool improved = false;
    while (step > 1e-8) {
      double next = loss(p.a + step * da, p.b + step * db);
      if (next < current) {
        p.a += step * da;
        p.b += step * db;
        improved = current - next > 1e-10 * (1 + std::abs(current));
        current = next;
        break;
      }
      step /= 2;
    }
    if (!improved) break;
  }
  return p;
}

ThresholdChoice TuneThreshold(const std::vector<float>& probs, const std::vector<char>& positive) {
  ThresholdChoice best;
  best.f1 = -1;
  for (int k = 1; k <= 99; ++k) {
    float th = static_cast<float>(k) / 100.0f;
    long tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < probs.size(); ++i) {
      bool pred = probs[i] >= th;
      tp += pred && positive[i];
      fp += pred && !positive[i];
      fn += !pred && positive[i];
    }
    double f1 = tp ? 2.0 * tp / (2.0 * tp + fp + fn) : 0;
    if (f1 > best.f1) best = {th, f1};
  }
  return best;
}

}  // namespace attune::affect
