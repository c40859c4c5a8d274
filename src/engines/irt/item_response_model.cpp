#include "engines/irt/item_response_model.h"

#include <algorithm>

namespace attune::irt {
namespace {

// log sum_j exp(slope_j theta + intercept_j), shifted by the largest term so it cannot overflow.
double LogNormaliser(const NominalParameters& item, double theta) {
  double top = -INFINITY;
  for (int k = 0; k < item.options(); ++k) {
    top = std::max(top, item.slopes[k] * theta + item.intercepts[k]);
  }
  double sum = 0;
  for (int k = 0; k < item.options(); ++k) {
    sum += std::exp(item.slopes[k] * theta + item.intercepts[k] - top);
  }
  return top + std::log(sum);
}

double LogOption(const NominalParameters& item, double theta, int option) {
  return item.slopes[option] * theta + item.intercepts[option] - LogNormaliser(item, theta);
}

}  // namespace

NominalParameters EmbedTwoPl(double a, double b, int options, int key) {
  NominalParameters nominal;
  nominal.key = key;
  nominal.slopes.assign(options, 0.0);
  nominal.intercepts.assign(options, options > 1 ? -std::log(options - 1.0) : 0.0);
  if (key >= 0 && key < options) {
    nominal.slopes[key] = a;
    nominal.intercepts[key] = -a * b;
  }
  return nominal;
}

void OptionProbabilities(const NominalParameters& item, double theta, std::vector<double>& out) {
  const double log_normaliser = LogNormaliser(item, theta);
  out.resize(item.options());
  for (int k = 0; k < item.options(); ++k) {
    out[k] = std::exp(item.slopes[k] * theta + item.intercepts[k] - log_normaliser);
  }
}

int SampleOption(const NominalParameters& item, double theta, double u) {
  std::vector<double> p;
  OptionProbabilities(item, theta, p);
  int option = 0;
  while (option + 1 < static_cast<int>(p.size()) && u >= p[option]) u -= p[option++];
  return option;
}

double ProbabilityCorrect(const ItemParameters& item, double theta) {
  if (!item.nominal.empty()) return std::exp(LogOption(item.nominal, theta, item.nominal.key));
  return 1.0 / (1.0 + std::exp(-item.a * (theta - item.b)));
}

double ItemInformation(const ItemParameters& item, double theta) {
  if (item.nominal.empty()) {
    const double p = ProbabilityCorrect(item, theta);
    return item.a * item.a * p * (1 - p);
  }
  const NominalParameters& n = item.nominal;
  const double log_normaliser = LogNormaliser(n, theta);
  double mean = 0, second = 0;
  for (int k = 0; k < n.options(); ++k) {
    const double p = std::exp(n.slopes[k] * theta + n.intercepts[k] - log_normaliser);
    mean += p * n.slopes[k];
    second += p * n.slopes[k] * n.slopes[k];
  }
  return std::max(0.0, second - mean * mean);
}

double LogLikelihood(const ItemParameters& item, double theta, ItemAnswer answer) {
  if (!item.nominal.empty()) {
    if (answer.option >= 0 && answer.option < item.nominal.options()) {
      return LogOption(item.nominal, theta, answer.option);
    }
    const double p = std::exp(LogOption(item.nominal, theta, item.nominal.key));
    return answer.correct ? std::log(p) : std::log1p(-p);
  }
  const double z = item.a * (theta - item.b);
  return answer.correct ? -std::log1p(std::exp(-z)) : -std::log1p(std::exp(z));
}

}  // namespace attune::irt
