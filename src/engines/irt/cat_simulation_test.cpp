#include "engines/irt/cat_simulation.h"

#include <gtest/gtest.h>

namespace attune::irt {
namespace {

std::vector<BankItem> Bank(int n) {
  std::vector<BankItem> bank;
  for (int i = 0; i < n; ++i) {
    bank.push_back({{1.4 + 0.05 * (i % 9), -2.5 + 5.0 * i / (n - 1)}, i % 3, i % 12});
  }
  return bank;
}

TEST(CatSimulation, IntervalsCoverTheTruthAndTheErrorMatchesTheReportedSe) {
  const auto bank = Bank(150);
  CatPolicy policy;
  policy.modality_share = {0.4, 0.3, 0.3};
  const TestOutcomeSummary s = SimulateAdaptive(bank, bank, policy, {2000, 11});
  EXPECT_EQ(s.learners, 2000);
  EXPECT_NEAR(s.coverage, 0.95, 0.02);
  EXPECT_NEAR(s.rmse, s.mean_se, 0.04);
  EXPECT_LE(s.max_exposure, 0.26);
  EXPECT_GT(s.reached_target, 0.9);
  EXPECT_LE(s.p95_items, policy.max_items);
}

TEST(CatSimulation, AdaptiveTestsNeedFewerItemsThanAFixedFormOfEqualReliability) {
  const auto bank = Bank(150);
  const TestOutcomeSummary cat = SimulateAdaptive(bank, bank, CatPolicy{}, {1000, 12});
  const int fixed = FixedFormLengthFor(bank, cat.reliability, {1000, 12});
  ASSERT_GT(fixed, 0);
  EXPECT_LT(cat.mean_items, fixed);
}

TEST(CatSimulation, TheBestFixedFormTakesTheMostInformativeItems) {
  std::vector<BankItem> bank = {{{0.5, 0}, 0, 0}, {{2.0, 0}, 0, 0}, {{2.0, 3.5}, 0, 0}};
  EXPECT_EQ(BestFixedForm(bank, 1), std::vector<int>{1});
  EXPECT_EQ(BestFixedForm(bank, 2), (std::vector<int>{1, 0}));
}

}  // namespace
}  // namespace attune::irt
