#include "core/csv_reader.h"

#include <gtest/gtest.h>

namespace attune {
namespace {

TEST(CsvReader, ParsesQuotesCrlfBomAndKeepsLineNumbers) {
  auto r = ParseCsv(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, \"\"y\"\"\",\"multi\nline\"\r\n\r\nlast,row\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*r)[1].fields, (std::vector<std::string>{"x, \"y\"", "multi\nline"}));
  EXPECT_EQ((*r)[1].line, 2);
  EXPECT_EQ((*r)[2].line, 5);  // after the two-line record and a blank line
}

TEST(CsvReader, KeepsEmptyFields) {
  auto r = ParseCsv("a,,c\n,,\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].fields.size(), 3u);
  EXPECT_EQ((*r)[1].fields.size(), 3u);
}

TEST(CsvReader, RejectsBrokenQuotingWithLineNumber) {
  auto unterminated = ParseCsv("a,b\n\"open,c\n");
  ASSERT_FALSE(unterminated.ok());
  EXPECT_NE(unterminated.error().message.find("line 2"), std::string::npos);
  EXPECT_FALSE(ParseCsv("a\"b,c\n").ok());
  EXPECT_FALSE(ParseCsv("\"a\"b,c\n").ok());
}

}  // namespace
}  // namespace attune
