#include "engines/affect/tokenizer.h"

#include <gtest/gtest.h>

#include "engines/affect/negation.h"

namespace attune::affect {
namespace {

std::vector<std::string> Norms(std::string_view text) {
  TokenizedText t;
  Tokenize(text, t);
  std::vector<std::string> out;
  for (const Token& tok : t.tokens) out.emplace_back(t.Norm(tok));
  return out;
}

TEST(Tokenizer, SplitsWordsPunctuationAndKeepsOffsets) {
  TokenizedText t;
  std::string text = "Hello, WORLD!!! Don\xE2\x80\x99t go";
  Tokenize(text, t);
  ASSERT_EQ(t.tokens.size(), 6u);
  EXPECT_EQ(t.Norm(t.tokens[0]), "hello");
  EXPECT_EQ(t.Norm(t.tokens[1]), ",");
  EXPECT_EQ(t.Norm(t.tokens[2]), "world");
  EXPECT_TRUE(t.tokens[2].all_caps);
  EXPECT_EQ(t.Norm(t.tokens[3]), "!!!");
  EXPECT_EQ(t.Norm(t.tokens[4]), "don't");  // curly apostrophe straightened
  for (const Token& tok : t.tokens) EXPECT_LE(tok.end, text.size());
  EXPECT_EQ(text.substr(t.tokens[2].begin, t.tokens[2].end - t.tokens[2].begin), "WORLD");
}

TEST(Tokenizer, CapsElongationPlaceholdersEmoticonsEmoji) {
  EXPECT_EQ(Norms("soooooo")[0], "sooo");
  EXPECT_EQ(Norms("[NAME] is here")[0], "[name]");
  EXPECT_EQ(Norms("great :) <3")[1], ":)");
  EXPECT_EQ(Norms("great :) <3")[2], "<3");
  auto emoji = Norms("lol \xF0\x9F\x98\x82\xF0\x9F\x98\x82");  // two "face with tears of joy"
  ASSERT_EQ(emoji.size(), 3u);
  EXPECT_EQ(emoji[1], "\xF0\x9F\x98\x82");
  for (const auto& n : Norms("https://example.com")) EXPECT_NE(n, ":/");  // a URL holds no face
}

TEST(Tokenizer, SurvivesInvalidUtf8AndControlBytes) {
  std::string junk("\xFF\xFE\xC3 abc\x00\x01\xED\xA0\x80 d", 14);
  TokenizedText t;
  Tokenize(junk, t);
  for (const Token& tok : t.tokens) {
    EXPECT_LT(tok.begin, tok.end);
    EXPECT_LE(tok.end, junk.size());
  }
  bool found = false;
  for (const Token& tok : t.tokens) found |= t.Norm(tok) == "abc";
  EXPECT_TRUE(found);
}

TEST(Negation, MarksScopeUntilPunctuationOrContrast) {
  TokenizedText t;
  Tokenize("I am not happy at all, but fine", t);
  // tokens: i am not happy at all , but fine
  EXPECT_TRUE(t.tokens[2].is_negator);
  EXPECT_TRUE(t.tokens[3].negated);   // happy
  EXPECT_TRUE(t.tokens[5].negated);   // all (third word in scope)
  EXPECT_FALSE(t.tokens[8].negated);  // fine: after the comma
  Tokenize("didnt like it but loved the end", t);
  EXPECT_TRUE(t.tokens[0].is_negator);
  EXPECT_TRUE(t.tokens[1].negated);
  EXPECT_FALSE(t.tokens[4].negated);  // loved: "but" closes the scope
}

TEST(Negation, RecognisesContractionsButNotLookalikes) {
  EXPECT_TRUE(IsNegator("don't"));
  EXPECT_TRUE(IsNegator("wouldnt"));
  EXPECT_TRUE(IsNegator("never"));
  EXPECT_FALSE(IsNegator("parent"));
  EXPECT_FALSE(IsNegator("event"));
  EXPECT_FALSE(IsNegator("note"));
}

}  // namespace
}  // namespace attune::affect
