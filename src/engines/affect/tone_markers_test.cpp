#include "engines/affect/tone_markers.h"

#include <gtest/gtest.h>

namespace attune::affect {
namespace {

ToneReport Analyze(std::string_view text) {
  static const ToneAnalyzer analyzer;
  TokenizedText t;
  Tokenize(text, t);
  return analyzer.Analyze(t);
}

std::vector<std::string> Spans(std::string_view text, ToneMarker m) {
  std::vector<std::string> out;
  for (const ToneHit& h : Analyze(text).hits)
    if (h.marker == m) out.emplace_back(text.substr(h.begin, h.end - h.begin));
  return out;
}

TEST(ToneMarkers, OpenAndClosedQuestions) {
  ToneReport r = Analyze("So, what happened next? Did you tell him? You did it?");
  EXPECT_EQ(r.Count(ToneMarker::kOpenQuestion), 1);
  EXPECT_EQ(r.Count(ToneMarker::kClosedQuestion), 2);
  EXPECT_EQ(Spans("How are you feeling about it", ToneMarker::kOpenQuestion).size(), 1u);
  EXPECT_EQ(Analyze("I went home.").Count(ToneMarker::kClosedQuestion), 0);
}

TEST(ToneMarkers, AcknowledgementValidationApologyPoliteness) {
  std::string text = "I hear you, that makes sense. Sorry for the delay, thank you for waiting.";
  EXPECT_EQ(Spans(text, ToneMarker::kAcknowledgement), (std::vector<std::string>{"I hear you"}));
  EXPECT_EQ(Spans(text, ToneMarker::kValidation), (std::vector<std::string>{"that makes sense"}));
  EXPECT_EQ(Spans(text, ToneMarker::kApology), (std::vector<std::string>{"Sorry"}));
  EXPECT_EQ(Spans(text, ToneMarker::kPoliteness), (std::vector<std::string>{"thank you"}));
}

TEST(ToneMarkers, NegationCancelsMarkers) {
  EXPECT_EQ(Analyze("I'm not sorry at all").Count(ToneMarker::kApology), 0);
  EXPECT_EQ(Analyze("It's not your fault").Count(ToneMarker::kYouBlame), 0);
  EXPECT_EQ(Analyze("It's your fault").Count(ToneMarker::kYouBlame), 1);
  EXPECT_EQ(Analyze("that doesn't make sense").Count(ToneMarker::kValidation), 0);
  EXPECT_EQ(Analyze("I'm not sure this works").Count(ToneMarker::kHedge), 1);
}

TEST(ToneMarkers, BlameAbsolutistHedgeFiller) {
  std::string text =
      "You always do this and you never listen. Um, maybe I think it's kind of late.";
  ToneReport r = Analyze(text);
  EXPECT_EQ(r.Count(ToneMarker::kYouBlame), 2);  // "you always", "you never listen"
  EXPECT_GE(r.Count(ToneMarker::kHedge), 3);     // maybe, i think, kind of
  EXPECT_EQ(r.Count(ToneMarker::kFiller), 1);    // um
  EXPECT_EQ(Analyze("Everyone always says nothing works").Count(ToneMarker::kAbsolutist), 3);
}

TEST(ToneMarkers, IntensityFromCapsExclamationsIntensifiers) {
  ToneReport calm = Analyze("ok, see you tomorrow.");
  ToneReport loud = Analyze("This is REALLY BAD!!! I am extremely upset!");
  EXPECT_FLOAT_EQ(calm.intensity, 0.0f);
  EXPECT_GT(loud.intensity, 0.8f);
  EXPECT_EQ(loud.Count(ToneMarker::kCaps), 2);
  EXPECT_EQ(loud.Count(ToneMarker::kExclamation), 2);
  EXPECT_EQ(Analyze("OK with the CEO").Count(ToneMarker::kCaps), 0);  // acronyms are not shouting
}

}  // namespace
}  // namespace attune::affect
