#include "engines/irt/mml_calibration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace attune::irt {
namespace {

// Every simulated learner answers every item: the classic calibration design.
std::vector<CalibrationResponse> Simulate(const std::vector<ItemParameters>& items, int persons,
                                          uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> normal(0, 1);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<CalibrationResponse> responses;
  for (int p = 0; p < persons; ++p) {
    const double theta = normal(engine);
    for (int i = 0; i < static_cast<int>(items.size()); ++i) {
      responses.push_back({p, i, uniform(engine) < ProbabilityCorrect(items[i], theta)});
    }
  }
  return responses;
}

TEST(MmlCalibration, RecoversKnownParametersFromStartingGuesses) {
  std::vector<ItemParameters> truth;
  for (int i = 0; i < 20; ++i) truth.push_back({0.8 + 0.07 * i, -2.0 + 0.2 * i});
  const auto responses = Simulate(truth, 3000, 7);
  const std::vector<ItemParameters> start(truth.size(), ItemParameters{1, 0});
  const CalibrationResult fit = CalibrateMml(responses, start);
  ASSERT_TRUE(fit.converged);
  double worst_b = 0, worst_a = 0;
  for (size_t i = 0; i < truth.size(); ++i) {
    worst_b = std::max(worst_b, std::abs(fit.items[i].b - truth[i].b));
    worst_a = std::max(worst_a, std::abs(fit.items[i].a - truth[i].a) / truth[i].a);
  }
  EXPECT_LT(worst_b, 0.2);
  EXPECT_LT(worst_a, 0.25);
}

TEST(MmlCalibration, ItemsWithTooFewResponsesKeepTheirParameters) {
  std::vector<ItemParameters> truth(10, ItemParameters{1.5, 0.5});
  auto responses = Simulate(truth, 500, 8);
  std::vector<ItemParameters> start(11, ItemParameters{1.0, -1.0});
  responses.push_back({0, 10, true});  // item 10 answered once
  CalibrationOptions options;
  options.min_responses = 50;
  const CalibrationResult fit = CalibrateMml(responses, start, options);
  EXPECT_FALSE(fit.estimated[10]);
  EXPECT_EQ(fit.responses_per_item[10], 1);
  EXPECT_DOUBLE_EQ(fit.items[10].a, 1.0);
  EXPECT_DOUBLE_EQ(fit.items[10].b, -1.0);
  EXPECT_TRUE(fit.estimated[0]);
  EXPECT_NEAR(fit.items[0].b, 0.5, 0.3);
}

TEST(MmlCalibration, AnItemEveryoneGetsRightStaysFinite) {
  std::vector<ItemParameters> truth(8, ItemParameters{1.2, 0});
  auto responses = Simulate(truth, 400, 9);
  for (int p = 0; p < 400; ++p) responses.push_back({p, 8, true});
  const CalibrationResult fit = CalibrateMml(responses, std::vector<ItemParameters>(9));
  EXPECT_TRUE(std::isfinite(fit.items[8].a));
  EXPECT_TRUE(std::isfinite(fit.items[8].b));
  EXPECT_LT(fit.items[8].b, -1.5) << "an item nobody misses is very easy";
}

}  // namespace
}  // namespace attune::irt
