// End-to-end checks of the shipped model (models/affect/emotion-v1.bin) through the engine API.
#include "engines/affect/affect_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "engines/affect/affect_evaluation.h"
#include "engines/affect/goemotions_dataset.h"
#include "engines/affect/text_input.h"

namespace attune::affect {
namespace {

std::string SourceDir() {
  const char* env = std::getenv("ATTUNE_SOURCE_DIR");
  return env ? env : ATTUNE_SOURCE_DIR_DEFAULT;
}

const AffectEngine& Engine() {
  static const std::unique_ptr<AffectEngine> engine = [] {
    auto e = AffectEngine::LoadFile(SourceDir() + "/models/affect/emotion-v1.bin");
    if (!e.ok()) {
      ADD_FAILURE() << e.error().message;
      std::abort();
    }
    return std::move(e).value();
  }();
  return *engine;
}

std::vector<std::string> Labels(const TextAnalysis& a) {
  std::vector<std::string> out;
  for (const auto& p : a.emotions.labels) out.push_back(Engine().schema().labels[p.label]);
  return out;
}

TEST(AffectEngine, GratitudeIsPositiveJoyWithEvidence) {
  std::string text = "Thank you so much, this made my day";
  auto a = Engine().Analyze(text);
  ASSERT_TRUE(a.ok());
  auto labels = Labels(*a);
  EXPECT_NE(std::find(labels.begin(), labels.end(), "gratitude"), labels.end());
  const LabelSchema& s = Engine().schema();
  EXPECT_EQ(s.ekman.groups[a->emotions.ekman_label], "joy");
  EXPECT_EQ(s.sentiment.groups[a->emotions.sentiment_label], "positive");
  EXPECT_GT(a->emotions.valence, 0.5f);
  const auto& ev = a->emotions.labels[0].evidence;
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(text.substr(ev[0].begin, ev[0].end - ev[0].begin), "Thank you");
}

TEST(AffectEngine, NegatedJoyIsNotJoy) {
  auto happy = Engine().Analyze("I am happy with this");
  auto unhappy = Engine().Analyze("I am not happy with this");
  ASSERT_TRUE(happy.ok() && unhappy.ok());
  int joy = Engine().schema().Find("joy");
  EXPECT_GT(happy->emotions.label_probabilities[joy], 0.5f);
  EXPECT_LT(unhappy->emotions.label_probabilities[joy], 0.2f);
  auto labels = Labels(*unhappy);
  EXPECT_EQ(std::find(labels.begin(), labels.end(), "joy"), labels.end());
  EXPECT_LT(unhappy->emotions.valence, 0.0f);
}

TEST(AffectEngine, AngerAndFear) {
  auto angry = Engine().Analyze("This is outrageous, I am furious with how you handled it!");
  auto scared = Engine().Analyze("I'm really scared about the layoffs next week");
  ASSERT_TRUE(angry.ok() && scared.ok());
  const LabelSchema& s = Engine().schema();
  EXPECT_EQ(s.ekman.groups[angry->emotions.ekman_label], "anger");
  EXPECT_EQ(s.ekman.groups[scared->emotions.ekman_label], "fear");
  EXPECT_GT(angry->emotions.arousal, scared->emotions.arousal - 0.3f);
  EXPECT_EQ(s.sentiment.groups[angry->emotions.sentiment_label], "negative");
}

TEST(AffectEngine, BadInputIsReportedNotCrashed) {
  EXPECT_EQ(Engine().Analyze("").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Engine().Analyze("bad \xC3\x28 utf8").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Engine()
                .Analyze(std::string("\x7F"
                                     "ELF\0\0\0",
                                     7))
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  std::string long_text;
  while (long_text.size() < 30000) long_text += "I am so happy today! ";
  auto a = Engine().Analyze(long_text);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->truncated);
  EXPECT_EQ(a->analysed_bytes, kMaxTextChars);
  auto empathy = Engine().AssessEmpathy("", "I'm sorry");
  ASSERT_FALSE(empathy.ok());
  EXPECT_EQ(empathy.error().field, "message");
}

TEST(AffectEngine, ThreadsGetIdenticalAnswers) {
  const std::vector<std::string> texts = {"Thank you so much!", "I hate Mondays",
                                          "What do you mean?", "wow, I did not expect that"};
  std::vector<std::vector<float>> expected;
  for (const auto& t : texts) expected.push_back(Engine().Analyze(t)->emotions.label_probabilities);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&] {
      for (int round = 0; round < 200; ++round)
        for (size_t i = 0; i < texts.size(); ++i)
          if (Engine().Analyze(texts[i])->emotions.label_probabilities != expected[i]) ++mismatches;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(AffectEngine, BatchKeepsOrderAndIsolatesErrors) {
  auto results = Engine().AnalyzeBatch({"great job!", "", "I'm worried"});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].ok());
  EXPECT_FALSE(results[1].ok());
  EXPECT_TRUE(results[2].ok());
}

// The shipped model on 302 GoEmotions test rows (tests/fixtures/affect). The floor sits well below
// the measured figure (see docs/models/affect.md) so that only a broken model fails.
TEST(AffectEngine, ShippedModelScoresTheFixtureSample) {
  std::ifstream in(SourceDir() + "/tests/fixtures/affect/goemotions_test_sample.tsv");
  std::stringstream buf;
  buf << in.rdbuf();
  auto sample = ParseGoEmotionsTsv(buf.str(), 28);
  ASSERT_TRUE(sample.ok());
  ASSERT_EQ(sample->size(), 302u);
  AffectEvaluation ev = EvaluateAffect(Engine().classifier(), *sample);
  EXPECT_GT(ev.fine.micro_f1, 0.45);
  EXPECT_GT(ev.ekman.micro_f1, 0.55);
  EXPECT_GT(ev.sentiment.micro_f1, 0.6);
}

}  // namespace
}  // namespace attune::affect
