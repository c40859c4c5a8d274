#include "core/base64.h"

#include <gtest/gtest.h>

namespace attune {
namespace {

TEST(Base64, RoundTripsTheRfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    EXPECT_EQ(Base64Decode(encoded).value(), plain);
  }
}

TEST(Base64, UrlAlphabetHasNoPaddingAndNoPlusOrSlash) {
  std::string bytes = "\xfb\xff\xbf";
  EXPECT_EQ(Base64Encode(bytes), "+/+/");
  EXPECT_EQ(Base64UrlEncode(bytes), "-_-_");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlDecode("Zg").value(), "f");
  EXPECT_EQ(Base64UrlDecode("Zg==").value(), "f");
}

TEST(Base64, RefusesMalformedText) {
  EXPECT_FALSE(Base64Decode("Zg"));       // padding required
  EXPECT_FALSE(Base64Decode("Z!=="));     // outside the alphabet
  EXPECT_FALSE(Base64Decode("Zh=="));     // non-zero leftover bits
  EXPECT_FALSE(Base64UrlDecode("Z"));     // a single character cannot encode a byte
  EXPECT_FALSE(Base64UrlDecode("+/+/"));  // standard alphabet in url form
  std::string binary(256, '\0');
  for (int i = 0; i < 256; ++i) binary[i] = char(i);
  EXPECT_EQ(Base64Decode(Base64Encode(binary)).value(), binary);
  EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(binary)).value(), binary);
}

}  // namespace
}  // namespace attune
