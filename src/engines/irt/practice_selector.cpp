#include "engines/irt/practice_selector.h"

#include <cmath>

namespace attune::irt {

int ChoosePracticeItem(const std::vector<PracticeCandidate>& candidates, double theta,
                       const std::vector<double>& emotion_weight, Random& random,
                       const PracticeOptions& options) {
  constexpr double kWidth = 0.5;
  const double target_logit = std::log(options.target_success / (1 - options.target_success));
  std::vector<double> weight(candidates.size());
  double total = 0;
  for (size_t k = 0; k < candidates.size(); ++k) {
    const PracticeCandidate& c = candidates[k];
    const double gap = c.params.a * (theta - c.params.b) - target_logit;
    double w = std::exp(-gap * gap / (2 * kWidth * kWidth));
    if (c.emotion >= 0 && c.emotion < static_cast<int>(emotion_weight.size())) {
      w *= emotion_weight[c.emotion];
    }
    if (c.matches_context) w *= options.context_weight;
    weight[k] = w;
    total += w;
  }
  if (candidates.empty()) return -1;
  if (!(total > 0))
    return candidates[static_cast<size_t>(random.NextDouble() * candidates.size()) %
                      candidates.size()]
        .item;
  double draw = random.NextDouble() * total;
  for (size_t k = 0; k < candidates.size(); ++k) {
    draw -= weight[k];
    if (draw <= 0) return candidates[k].item;
  }
  return candidates.back().item;
}

}  // namespace attune::irt
