#include "engines/irt/item_selector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace attune::irt {
namespace {

std::vector<BankItem> SpreadBank(int n, int modalities, int emotions) {
  std::vector<BankItem> bank;
  for (int i = 0; i < n; ++i) {
    bank.push_back({{1.0 + 0.1 * (i % 7), -2.0 + 4.0 * i / (n - 1)}, i % modalities, i % emotions});
  }
  return bank;
}

TEST(ItemSelector, PicksTheMostInformativeItemWithoutRandomesque) {
  std::vector<BankItem> bank = {{{1.0, -2}, 0, 0}, {{2.0, 1.0}, 0, 1}, {{2.0, 0.1}, 0, 2}};
  CatPolicy policy;
  policy.randomesque = 1;
  const ItemSelector selector(bank, policy);
  SeededRandom random(1);
  EXPECT_EQ(selector.Next({0, 1}, {}, {}, random), 2);
  EXPECT_EQ(selector.Next({1.1, 0.5}, {}, {}, random), 1);
  EXPECT_EQ(selector.Next({0, 1}, {2}, {}, random), 1) << "an item is never given twice";
  EXPECT_EQ(selector.Next({0, 1}, {0, 1, 2}, {}, random), -1);
}

TEST(ItemSelector, NeverChoosesAnExcludedItem) {
  std::vector<BankItem> bank = {{{2.0, 0}, 0, 0}, {{1.0, 0}, 0, 1}, {{0.5, 0}, 0, 2}};
  CatPolicy policy;
  policy.randomesque = 1;
  const ItemSelector selector(bank, policy);
  SeededRandom random(9);
  EXPECT_EQ(selector.Next({0, 1}, {}, {}, random, {1, 0, 0}), 1);
  EXPECT_EQ(selector.Next({0, 1}, {}, {}, random, {1, 1, 1}), -1);
}

TEST(ItemSelector, KeepsModalitySharesNearTheirTargets) {
  const auto bank = SpreadBank(300, 3, 14);
  CatPolicy policy;
  policy.modality_share = {0.5, 0.25, 0.25};
  const ItemSelector selector(bank, policy);
  SeededRandom random(2);
  std::vector<int> given;
  for (int k = 0; k < 20; ++k) given.push_back(selector.Next({0.3, 0.5}, given, {}, random));
  int counts[3] = {0, 0, 0};
  for (int i : given) ++counts[bank[i].modality];
  EXPECT_EQ(counts[0], 10);
  EXPECT_EQ(counts[1], 5);
  EXPECT_EQ(counts[2], 5);
}

TEST(ItemSelector, SpreadsOneTestAcrossEmotions) {
  const auto bank = SpreadBank(280, 1, 14);
  const ItemSelector selector(bank, CatPolicy{});
  SeededRandom random(3);
  std::vector<int> given;
  for (int k = 0; k < 14; ++k) given.push_back(selector.Next({0, 0.6}, given, {}, random));
  std::set<int> emotions;
  for (int i : given) emotions.insert(bank[i].emotion);
  EXPECT_GE(emotions.size(), 10u);
}

TEST(ItemSelector, ItemsAtTheExposureCapAreNotEligible) {
  std::vector<BankItem> bank = {{{2.5, 0}, 0, 0}, {{1.0, 0}, 0, 1}};
  CatPolicy policy;
  policy.randomesque = 1;
  policy.max_exposure = 0.25;
  const ItemSelector selector(bank, policy);
  SeededRandom random(4);
  ExposureCounts exposure{100, {25, 0}};
  EXPECT_EQ(selector.Next({0, 1}, {}, exposure, random), 1);
  exposure.administered[0] = 24;
  EXPECT_EQ(selector.Next({0, 1}, {}, exposure, random), 0);
  exposure.administered = {25, 25};
  EXPECT_EQ(selector.Next({0, 1}, {}, exposure, random), 0)
      << "when every item is capped the test still goes on with the best unused item";
}

TEST(ItemSelector, StopsAtTheTargetErrorOrTheMaximumLength) {
  const auto bank = SpreadBank(10, 1, 2);
  CatPolicy policy;
  policy.min_items = 5;
  policy.max_items = 30;
  const ItemSelector selector(bank, policy);
  EXPECT_FALSE(selector.ShouldStop({0, 0.29}, 4)) << "not before the minimum length";
  EXPECT_TRUE(selector.ShouldStop({0, 0.29}, 5));
  EXPECT_FALSE(selector.ShouldStop({0, 0.31}, 29));
  EXPECT_TRUE(selector.ShouldStop({0, 0.31}, 30));
}

}  // namespace
}  // namespace attune::irt
