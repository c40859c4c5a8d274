#include "services/roleplay/counterpart_voice.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace attune::roleplay {
namespace {

std::string Answer(const std::string& content) {
  return nlohmann::json{{"choices", {{{"message", {{"role", "assistant"}, {"content", content}}}}}}}
      .dump();
}

TEST(CounterpartVoice, TakesTheLineAndDropsWhatTheModelWasAskedNotToAdd) {
  EXPECT_EQ(CounterpartVoice::LineFrom(Answer("Fine. Just get it working.")),
            "Fine. Just get it working.");
  EXPECT_EQ(CounterpartVoice::LineFrom(Answer("  Dana: \"Fine. Just get it working.\"\n")),
            "Fine. Just get it working.");
  EXPECT_EQ(CounterpartVoice::LineFrom(Answer("“I hear you.”")), "I hear you.");
}

TEST(CounterpartVoice, RefusesUnusableAnswers) {
  EXPECT_FALSE(CounterpartVoice::LineFrom("not json"));
  EXPECT_FALSE(CounterpartVoice::LineFrom(R"({"choices": []})"));
  EXPECT_FALSE(CounterpartVoice::LineFrom(R"({"choices": [{"message": {"content": 42}}]})"));
  EXPECT_FALSE(CounterpartVoice::LineFrom(Answer("   ")));
  EXPECT_FALSE(CounterpartVoice::LineFrom(R"({"choices":[{"message":{"content":"bad )" +
                                          std::string("\xff") + R"( utf-8"}}]})"));
  // A run-on answer is cut at the last sentence that fits, or refused when none does.
  std::string long_line;
  for (int i = 0; i < 40; ++i) long_line += "This is one more sentence. ";
  auto cut = CounterpartVoice::LineFrom(Answer(long_line));
  ASSERT_TRUE(cut.has_value());
  EXPECT_LE(cut->size(), CounterpartVoice::kMaxLineChars);
  EXPECT_EQ(cut->back(), '.');
  EXPECT_FALSE(CounterpartVoice::LineFrom(Answer(std::string(700, 'a'))));
}

TEST(CounterpartVoice, AcceptsHttpEndpointsWithAModel) {
  EXPECT_TRUE(CounterpartVoice::Create({"http://127.0.0.1:8080/v1", "llama", "", 1000}).ok());
  EXPECT_TRUE(CounterpartVoice::Create({"http://llm.internal/v1/", "llama", "", 1000}).ok());
  EXPECT_TRUE(CounterpartVoice::Create({"https://api.example.com/v1", "gpt", "k", 1000}).ok());
  auto ftp = CounterpartVoice::Create({"ftp://api.example.com/v1", "gpt", "k", 1000});
  ASSERT_FALSE(ftp.ok());
  EXPECT_EQ(ftp.error().field, "counterpart_llm_url");
  EXPECT_FALSE(CounterpartVoice::Create({"http://host/v1?x=1", "m", "", 1000}).ok());
  EXPECT_FALSE(CounterpartVoice::Create({"http://127.0.0.1:8080/v1", "", "", 1000}).ok());
}

}  // namespace
}  // namespace attune::roleplay
