// libFuzzer target for everything in the engine that reads untrusted bytes: input checks, the
// tokenizer, negation, feature extraction, scoring and explanations, tone and empathy analysis,
// and the file parsers. Built only with -DATTUNE_FUZZ=ON and clang (see CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/csv_reader.h"
#include "engines/affect/emotion_classifier.h"
#include "engines/affect/empathy_scorer.h"
#include "engines/affect/goemotions_dataset.h"
#include "engines/affect/text_input.h"
#include "engines/affect/tone_markers.h"

namespace attune::affect {
namespace {

// A small model with pseudo-random weights: exercises every scoring path without a model file.
std::unique_ptr<EmotionClassifier> MakeClassifier() {
  AffectModel m;
  m.features.hash_bits = 10;
  m.schema.labels = {"joy", "anger", "neutral"};
  m.schema.ekman = *LabelSchema::MakeGrouping(m.schema.labels, "ekman", {{"joy", {"joy"}}});
  m.schema.sentiment = *LabelSchema::MakeGrouping(m.schema.labels, "sentiment", {});
  (void)m.lexicon.AddVaderTsv("happy\t2.7\nsad\t-2.1\n");
  (void)m.lexicon.AddEmpathTsv("joy\thappy\tglad\nsadness\tsad\n");
  m.lexicon.Build();
  m.heads.resize(m.schema.num_heads());
  m.stride = 16;  // 9 heads, rounded up to a multiple of 8
  m.weights.resize(static_cast<size_t>(m.Dimension()) * m.stride);
  uint32_t x = 12345;
  for (auto& w : m.weights) {
    x = x * 1103515245u + 12345u;
    w = static_cast<int8_t>((x >> 16) % 255 - 127);
  }
  return std::move(EmotionClassifier::Create(std::move(m))).value();
}

}  // namespace
}  // namespace attune::affect

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace attune::affect;
  static const std::unique_ptr<EmotionClassifier> classifier = MakeClassifier();
  static const ToneAnalyzer tone;
  static const EmpathyScorer empathy(classifier.get());

  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)CheckText(input);

  // The engine only analyses checked text, but the tokenizer and features must survive anything.
  EmotionClassifier::Scratch scratch;
  std::vector<float> probs(classifier->num_heads());
  classifier->Score(input, scratch, probs.data(), /*with_sources=*/true);
  for (const Token& t : scratch.tokens.tokens) {
    if (t.begin > t.end || t.end > size) __builtin_trap();
  }
  for (int h = 0; h < classifier->num_heads(); ++h) {
    if (!(probs[h] >= 0 && probs[h] <= 1)) __builtin_trap();
    for (const Evidence& e : classifier->Explain(scratch, h, 3))
      if (e.begin > e.end || e.end > size) __builtin_trap();
  }
  for (int level = 0; level < 3; ++level) (void)classifier->Select(probs.data(), level);
  ToneReport report = tone.Analyze(scratch.tokens);
  for (const ToneHit& h : report.hits)
    if (h.begin > h.end || h.end > size) __builtin_trap();

  const size_t half = size / 2;
  EmpathyAssessment a = empathy.Score(input.substr(0, half), input.substr(half));
  for (const auto* m : {&a.emotional_reaction, &a.interpretation, &a.exploration})
    if (m->level < 0 || m->level > 2) __builtin_trap();

  (void)attune::ParseCsv(input);
  (void)ParseGoEmotionsTsv(input, 28);
  (void)ParseModel(input);
  return 0;
}
