#pragma once
// The two-parameter logistic (2PL) item response model: the probability that a learner of ability
// theta answers an item correctly is 1 / (1 + exp(-a (theta - b))). Theta is on the scale of the
// reference population, N(0, 1).
#include <cmath>

namespace attune::irt {

struct ItemParameters {
  double a = 1;  // discrimination
  double b = 0;  // difficulty
};

inline double ProbabilityCorrect(const ItemParameters& item, double theta) {
  return 1.0 / (1.0 + std::exp(-item.a * (theta - item.b)));
}

// Fisher information of one response at theta: a^2 P (1 - P).
inline double ItemInformation(const ItemParameters& item, double theta) {
  const double p = ProbabilityCorrect(item, theta);
  return item.a * item.a * p * (1 - p);
}

// log P(response | theta), computed without cancellation for large |a (theta - b)|.
inline double LogLikelihood(const ItemParameters& item, double theta, bool correct) {
  const double z = item.a * (theta - item.b);
  return correct ? -std::log1p(std::exp(-z)) : -std::log1p(std::exp(z));
}

}  // namespace attune::irt
