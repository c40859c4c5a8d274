#include "services/secrets.h"

#include <gtest/gtest.h>

namespace attune {
namespace {

TEST(PasswordHasher, UsesArgon2idAndVerifies) {
  PasswordHasher h(PasswordCost::kMinimum);
  auto hash = h.Hash("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(h.Verify("correct horse battery", *hash));
  EXPECT_FALSE(h.Verify("wrong horse battery", *hash));
  EXPECT_FALSE(h.Verify("correct horse battery", "$2b$plain-bcrypt"));
}

TEST(Sha256Hex, MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace attune
