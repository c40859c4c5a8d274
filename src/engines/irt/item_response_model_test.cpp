#include "engines/irt/item_response_model.h"

#include <gtest/gtest.h>

#include <numeric>

namespace attune::irt {
namespace {

TEST(NominalModel, TheEmbeddedTwoPlIsTheTwoPl) {
  const ItemParameters two_pl{1.4, 0.3, {}};
  const ItemParameters nominal{1.4, 0.3, EmbedTwoPl(1.4, 0.3, 6, 2)};
  for (double theta : {-3.0, -1.0, 0.0, 0.3, 1.7, 4.0}) {
    EXPECT_NEAR(ProbabilityCorrect(nominal, theta), ProbabilityCorrect(two_pl, theta), 1e-12);
    EXPECT_NEAR(ItemInformation(nominal, theta), ItemInformation(two_pl, theta), 1e-12);
    EXPECT_NEAR(LogLikelihood(nominal, theta, {true}), LogLikelihood(two_pl, theta, {true}), 1e-9);
    EXPECT_NEAR(LogLikelihood(nominal, theta, {false}), LogLikelihood(two_pl, theta, {false}),
                1e-9);
    // A particular wrong option is one of five equally likely ones: the same curve, shifted.
    EXPECT_NEAR(LogLikelihood(nominal, theta, {false, 4}),
                LogLikelihood(two_pl, theta, {false}) - std::log(5.0), 1e-9);
  }
}

TEST(NominalModel, OptionProbabilitiesSumToOneEvenForExtremeParameters) {
  const NominalParameters item{{40, -40, 0.5}, {-200, 300, 0}, 0};
  std::vector<double> p;
  for (double theta : {-5.0, 0.0, 5.0}) {
    OptionProbabilities(item, theta, p);
    EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0), 1.0, 1e-12);
    for (double v : p) EXPECT_TRUE(std::isfinite(v));
  }
}

TEST(NominalModel, InformativeDistractorsAddInformation) {
  const ItemParameters flat{1.5, 0, EmbedTwoPl(1.5, 0, 4, 0)};
  ItemParameters informative = flat;
  informative.nominal.slopes = {1.5, 0.8, -0.4, 0};
  for (double theta : {-2.0, -1.0, 0.0}) {
    EXPECT_GT(ItemInformation(informative, theta), ItemInformation(flat, theta));
  }
  // Matches the numerical Fisher information sum_k (d/dtheta P_k)^2 / P_k.
  const double theta = -0.7, h = 1e-5;
  std::vector<double> lo, hi, mid;
  OptionProbabilities(informative.nominal, theta - h, lo);
  OptionProbabilities(informative.nominal, theta + h, hi);
  OptionProbabilities(informative.nominal, theta, mid);
  double numeric = 0;
  for (size_t k = 0; k < mid.size(); ++k) {
    const double derivative = (hi[k] - lo[k]) / (2 * h);
    numeric += derivative * derivative / mid[k];
  }
  EXPECT_NEAR(ItemInformation(informative, theta), numeric, 1e-6);
}

}  // namespace
}  // namespace attune::irt
