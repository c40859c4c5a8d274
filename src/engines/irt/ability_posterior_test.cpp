#include "engines/irt/ability_posterior.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engines/irt/erps_scale.h"

namespace attune::irt {
namespace {

// The posterior mean and SD by brute-force integration on a much finer grid (an independent path).
AbilityEstimate Integrate(const std::vector<std::pair<ItemParameters, bool>>& answers) {
  double mass = 0, first = 0, second = 0;
  for (double t = -8; t <= 8; t += 0.001) {
    double density = std::exp(-0.5 * t * t);
    for (const auto& [item, correct] : answers) {
      const double p = ProbabilityCorrect(item, t);
      density *= correct ? p : 1 - p;
    }
    mass += density;
    first += density * t;
    second += density * t * t;
  }
  const double mean = first / mass;
  return {mean, std::sqrt(second / mass - mean * mean)};
}

TEST(AbilityPosterior, BeforeAnyAnswerTheEstimateIsThePopulation) {
  const AbilityEstimate e = AbilityPosterior().Estimate();
  EXPECT_NEAR(e.theta, 0, 1e-9);
  EXPECT_NEAR(e.se, 1, 1e-3);
}

TEST(AbilityPosterior, MatchesNumericalIntegrationOfThePosterior) {
  const std::vector<std::pair<ItemParameters, bool>> answers = {
      {{1.5, -0.5}, true}, {{1.2, 0.3}, true}, {{2.0, 1.0}, false}, {{0.8, -1.5}, true}};
  AbilityPosterior posterior;
  for (const auto& [item, correct] : answers) posterior.Observe(item, {correct});
  const AbilityEstimate expected = Integrate(answers);
  EXPECT_NEAR(posterior.Estimate().theta, expected.theta, 1e-3);
  EXPECT_NEAR(posterior.Estimate().se, expected.se, 1e-3);
  EXPECT_EQ(posterior.responses(), 4);
}

TEST(AbilityPosterior, AllCorrectStaysFiniteAndRisesWithDifficulty) {
  AbilityPosterior easy, hard;
  for (int i = 0; i < 10; ++i) {
    easy.Observe({1.5, -1, {}}, {true});
    hard.Observe({1.5, 1.5, {}}, {true});
  }
  EXPECT_TRUE(std::isfinite(hard.Estimate().theta));
  EXPECT_GT(hard.Estimate().theta, easy.Estimate().theta);
  EXPECT_GT(easy.Estimate().theta, 0);
}

TEST(AbilityPosterior, StandardErrorShrinksAsAnswersArrive) {
  AbilityPosterior posterior;
  double previous = posterior.Estimate().se;
  for (int i = 0; i < 12; ++i) {
    posterior.Observe({1.6, 0.2 * (i % 5) - 0.4, {}}, {i % 3 != 0});
    const double se = posterior.Estimate().se;
    EXPECT_LT(se, previous);
    previous = se;
  }
}

TEST(AbilityPosterior, ANearMissSaysMoreAboutAbilityThanAFarMissOnANominalItem) {
  // Option 0 is keyed; option 1 is the near miss stronger learners pick, option 2 the far miss.
  ItemParameters item{1.5, 0, {{1.5, 0.8, -0.6}, {0, -0.5, -0.5}, 0}};
  AbilityPosterior near, far, scored_wrong;
  near.Observe(item, {false, 1});
  far.Observe(item, {false, 2});
  scored_wrong.Observe(item, {false});
  EXPECT_GT(near.Estimate().theta, scored_wrong.Estimate().theta);
  EXPECT_LT(far.Estimate().theta, scored_wrong.Estimate().theta);
}

TEST(ErpsScale, MapsThetaTo500Plus100ThetaWithA90PercentInterval) {
  const ErpsScore s = ToErps({0.5, 0.3});
  EXPECT_DOUBLE_EQ(s.score, 550);
  EXPECT_NEAR(s.se, 30, 1e-9);
  EXPECT_NEAR(s.low, 550 - 49.3456, 1e-3);
  EXPECT_NEAR(s.high, 550 + 49.3456, 1e-3);
  const ErpsScore extreme = ToErps({6, 0.5});
  EXPECT_EQ(extreme.score, 900);
  EXPECT_EQ(extreme.high, 900);
}

}  // namespace
}  // namespace attune::irt
