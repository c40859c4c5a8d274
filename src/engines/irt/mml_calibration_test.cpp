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

// Learners pick options by the nominal model; every learner answers every item.
std::vector<CalibrationResponse> SimulateOptions(const std::vector<ItemParameters>& items,
                                                 int persons, uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> normal(0, 1);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<CalibrationResponse> responses;
  for (int person = 0; person < persons; ++person) {
    const double theta = normal(engine);
    for (int i = 0; i < static_cast<int>(items.size()); ++i) {
      const int k = SampleOption(items[i].nominal, theta, uniform(engine));
      responses.push_back({person, i, k == items[i].nominal.key, k});
    }
  }
  return responses;
}

TEST(MmlCalibration, RecoversTheOptionSlopesOfNominalItems) {
  std::vector<ItemParameters> truth;
  std::vector<ItemChoices> choices;
  for (int i = 0; i < 16; ++i) {
    const double a = 1.0 + 0.05 * i, b = -1.5 + 0.2 * i;
    ItemParameters item{a, b, EmbedTwoPl(a, b, 4, i % 4)};
    // One near miss, one far miss, one uninformative distractor.
    item.nominal.slopes[(i + 1) % 4] = 0.6 * a;
    item.nominal.slopes[(i + 2) % 4] = -0.3 * a;
    truth.push_back(item);
    choices.push_back({4, i % 4});
  }
  const auto responses = SimulateOptions(truth, 4000, 21);
  const std::vector<ItemParameters> start(truth.size(), ItemParameters{1.0, 0.0});
  const CalibrationResult fit = CalibrateMml(responses, start, {}, choices);
  ASSERT_TRUE(fit.converged);
  for (size_t i = 0; i < truth.size(); ++i) {
    ASSERT_TRUE(fit.nominal[i]) << i;
    const NominalParameters& got = fit.items[i].nominal;
    ASSERT_EQ(got.options(), 4);
    EXPECT_EQ(got.key, truth[i].nominal.key);
    // Slopes are identified up to a shared constant: compare each with the uninformative one's.
    const int flat = (i + 3) % 4;
    for (int k = 0; k < 4; ++k) {
      EXPECT_NEAR(got.slopes[k] - got.slopes[flat],
                  truth[i].nominal.slopes[k] - truth[i].nominal.slopes[flat], 0.3)
          << "item " << i << " option " << k;
    }
  }
}

TEST(MmlCalibration, DistractorsThatCarryNoInformationKeepSlopesNearZero) {
  std::vector<ItemParameters> truth;
  std::vector<ItemChoices> choices;
  for (int i = 0; i < 12; ++i) {
    const double b = -1.2 + 0.2 * i;
    truth.push_back({1.3, b, EmbedTwoPl(1.3, b, 5, 0)});
    choices.push_back({5, 0});
  }
  const auto responses = SimulateOptions(truth, 3000, 22);
  const CalibrationResult fit =
      CalibrateMml(responses, std::vector<ItemParameters>(truth.size()), {}, choices);
  for (size_t i = 0; i < truth.size(); ++i) {
    const NominalParameters& got = fit.items[i].nominal;
    for (int k = 1; k < 5; ++k) EXPECT_NEAR(got.slopes[k], got.slopes[1], 0.25) << i;
    EXPECT_NEAR(fit.items[i].b, truth[i].b, 0.25);
  }
}

TEST(MmlCalibration, ItemsWithoutEnoughKnownOptionsStayRightWrong) {
  std::vector<ItemParameters> truth(10, ItemParameters{1.2, 0.2, EmbedTwoPl(1.2, 0.2, 4, 1)});
  auto responses = SimulateOptions(truth, 400, 23);
  std::vector<ItemChoices> choices(10, ItemChoices{4, 1});
  // Item 0 had a nominal fit once; too few of its answers now name the option.
  std::vector<ItemParameters> start(10, ItemParameters{1, 0, {}});
  start[0].nominal = EmbedTwoPl(1, 0, 4, 1);
  for (CalibrationResponse& r : responses) {
    if (r.item == 0) r.option = -1;
  }
  CalibrationOptions options;
  options.min_nominal_responses = 300;
  const CalibrationResult fit = CalibrateMml(responses, start, options, choices);
  EXPECT_TRUE(fit.estimated[0]);
  EXPECT_FALSE(fit.nominal[0]);
  EXPECT_TRUE(fit.items[0].nominal.empty()) << "the refitted 2PL supersedes the old nominal fit";
  EXPECT_TRUE(fit.nominal[1]);
  const CalibrationResult right_wrong = CalibrateMml(responses, start, options);
  EXPECT_FALSE(right_wrong.nominal[1]) << "no choices given: no option model";
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
