#include "engines/affect/text_input.h"

#include <gtest/gtest.h>

namespace attune::affect {
namespace {

TEST(CheckText, RejectsEmptyBinaryAndInvalidUtf8) {
  EXPECT_EQ(CheckText("").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(CheckText("  \n\t ").error().message, "text is empty");
  auto nul = CheckText(std::string("ab\0cd", 5));
  ASSERT_FALSE(nul.ok());
  EXPECT_NE(nul.error().message.find("binary"), std::string::npos);
  EXPECT_FALSE(CheckText("\x01\x02\x03\x04 hi").ok());
  auto bad = CheckText("caf\xC3 ok");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("offset 3"), std::string::npos);
}

TEST(CheckText, TruncatesAtCodePointBoundary) {
  std::string text;
  for (int i = 0; i < 6; ++i) text += "\xC3\xA9";  // é, 2 bytes each
  auto r = CheckText(text, 4);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->truncated);
  EXPECT_EQ(r->text.size(), 8u);
  EXPECT_EQ(r->original_chars, 6u);
  auto fine = CheckText("hello", 5);
  ASSERT_TRUE(fine.ok());
  EXPECT_FALSE(fine->truncated);
}

}  // namespace
}  // namespace attune::affect
