// StoredStatementIds: admission to the ingest journal trusts its "not held", so it must never
// say that of an id it was given, in any organisation, however many ids it has grown to hold.
#include "services/xapi/stored_statement_ids.h"

#include <gtest/gtest.h>

#include <string>

namespace attune {
namespace {

std::string Id(int i) { return "3f2a1c7e-0000-4000-8000-" + std::to_string(100000000000 + i); }

TEST(StoredStatementIds, EveryIdIsAMaybeUntilTheStoredIdsAreLoaded) {
  StoredStatementIds ids(1000);
  EXPECT_FALSE(ids.loaded());
  EXPECT_TRUE(ids.MayContain("org", Id(1)));
  ids.MarkLoaded();
  EXPECT_TRUE(ids.loaded());
  EXPECT_FALSE(ids.MayContain("org", Id(1)));
}

TEST(StoredStatementIds, NeverDeniesAnAddedIdAsItGrowsAndRarelyClaimsAFreshOne) {
  StoredStatementIds ids(1000);  // small first filter: 50,000 ids take four of them
  ids.MarkLoaded();
  constexpr int kAdded = 50'000;
  for (int i = 0; i < kAdded; ++i) ids.Add("org", Id(i));
  for (int i = 0; i < kAdded; ++i) ASSERT_TRUE(ids.MayContain("org", Id(i))) << Id(i);
  int false_maybes = 0;
  for (int i = kAdded; i < 2 * kAdded; ++i) false_maybes += ids.MayContain("org", Id(i));
  // 0.1 % per filter, four filters: well under 1 %.
  EXPECT_LT(false_maybes, kAdded / 100);
}

TEST(StoredStatementIds, KeepsOrganisationsApart) {
  StoredStatementIds ids(1000);
  ids.MarkLoaded();
  for (int i = 0; i < 500; ++i) ids.Add("org-a", Id(i));
  int in_b = 0;
  for (int i = 0; i < 500; ++i) in_b += ids.MayContain("org-b", Id(i));
  EXPECT_LT(in_b, 5);
  // The separator keeps ("ab", "c") and ("a", "bc") apart.
  ids.Add("ab", "c");
  EXPECT_TRUE(ids.MayContain("ab", "c"));
  EXPECT_FALSE(ids.MayContain("a", "bc"));
}

}  // namespace
}  // namespace attune
