#include "services/permissions.h"

#include <gtest/gtest.h>

namespace attune {
namespace {

Principal As(std::vector<std::string> roles) {
  Principal p;
  p.roles = std::move(roles);
  return p;
}

TEST(Permissions, ManagersSeeReportsNotEveryone) {
  EXPECT_TRUE(HasPermission(As({"manager"}), Permission::kPeopleReadReports));
  EXPECT_FALSE(HasPermission(As({"manager"}), Permission::kPeopleReadAll));
  EXPECT_FALSE(HasPermission(As({"manager"}), Permission::kPeopleWrite));
}

TEST(Permissions, AnalystsNeverSeeIndividuals) {
  EXPECT_FALSE(HasPermission(As({"analyst"}), Permission::kPeopleReadAll));
  EXPECT_FALSE(HasPermission(As({"analyst"}), Permission::kPeopleReadReports));
}

TEST(Permissions, RolesCombine) {
  EXPECT_TRUE(HasPermission(As({"learner", "auditor"}), Permission::kAuditRead));
  EXPECT_FALSE(HasPermission(As({"learner"}), Permission::kAuditRead));
}

TEST(Permissions, ReadScopedTokensCannotWrite) {
  Principal p = As({"admin"});
  p.via = Principal::Via::kApiToken;
  p.scopes = {"read"};
  EXPECT_TRUE(Require(p, Permission::kPeopleReadAll).ok());
  Status s = Require(p, Permission::kPeopleWrite);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kPermissionDenied);
  p.scopes = {"write"};
  EXPECT_TRUE(Require(p, Permission::kPeopleWrite).ok());
}

}  // namespace
}  // namespace attune
