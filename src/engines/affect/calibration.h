#pragma once
// Post-training fits on the dev split: Platt scaling turns class-weighted decision values into
// honest probabilities, and a per-label threshold turns probabilities into the F1-best label set.
#include <vector>

namespace attune::affect {

struct PlattParams {
  double a = 1;
  double b = 0;
};

// Fits p = sigmoid(a * margin + b) by Newton's method with backtracking, using Platt's smoothed
// targets (Lin, Lin & Weng 2007) so a label with few positives does not get a=inf. Deterministic.
PlattParams FitPlatt(const std::vector<float>& margins, const std::vector<char>& positive);

struct ThresholdChoice {
  float threshold = 0.5f;
  double f1 = 0;
};

// Threshold in {0.01, 0.02, ..., 0.99} that maximises F1; ties go to the lower threshold.
ThresholdChoice TuneThreshold(const std::vector<float>& probs, const std::vector<char>& positive);

}  // namespace attune::affect
