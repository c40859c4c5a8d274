#pragma once
// The Emotion-Recognition Proficiency Score (ERPS): ability reported on a scale where the reference
// population has mean 500 and SD 100 (ERPS = 500 + 100 theta), with a 90% interval from the
// posterior SD. Scores are clamped to [100, 900], i.e. theta in [-4, 4], beyond which the bank
// measures nothing.
#include <algorithm>

#include "engines/irt/ability_posterior.h"

namespace attune::irt {

struct ErpsScore {
  double score = 500;
  double low = 500;  // 90% interval
  double high = 500;
  double se = 100;  // on the ERPS scale
};

inline ErpsScore ToErps(const AbilityEstimate& estimate) {
  constexpr double kMean = 500, kSd = 100, kZ90 = 1.6448536269514722;
  auto clamp = [](double x) { return std::clamp(x, 100.0, 900.0); };
  ErpsScore s;
  s.score = clamp(kMean + kSd * estimate.theta);
  s.se = kSd * estimate.se;
  s.low = clamp(s.score - kZ90 * s.se);
  s.high = clamp(s.score + kZ90 * s.se);
  return s;
}

}  // namespace attune::irt
