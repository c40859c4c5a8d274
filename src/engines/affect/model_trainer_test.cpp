#include "engines/affect/model_trainer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engines/affect/affect_evaluation.h"
#include "engines/affect/emotion_classifier.h"

namespace attune::affect {
namespace {

// A three-label toy problem small enough to train in milliseconds.
TrainInputs ToyInputs(std::vector<LabeledText>& train, std::vector<LabeledText>& dev) {
  const char* joy[] = {"I love this so much",    "what a great day", "so happy for you",
                       "this is wonderful news", "yay we did it",    "best thing ever, love it"};
  const char* anger[] = {
      "I hate this",        "this is so annoying", "stop doing that, I'm furious",
      "what a stupid idea", "I am angry at you",   "worst thing ever, hate it"};
  const char* neutral[] = {"the meeting is at noon", "I moved the file",
                           "see the attached doc",   "it is on the table",
                           "we ship on monday",      "the report has ten pages"};
  for (int round = 0; round < 4; ++round) {
    for (int i = 0; i < 6; ++i) {
      auto& dst = round == 3 ? dev : train;
      dst.push_back({joy[i], {0}});
      dst.push_back({anger[i], {1}});
      dst.push_back({neutral[i], {2}});
    }
  }
  TrainInputs in;
  in.train = &train;
  in.dev = &dev;
  in.schema.labels = {"joy", "anger", "neutral"};
  in.schema.ekman = *LabelSchema::MakeGrouping(in.schema.labels, "ekman",
                                               {{"joy", {"joy"}}, {"anger", {"anger"}}});
  in.schema.sentiment = *LabelSchema::MakeGrouping(
      in.schema.labels, "sentiment", {{"positive", {"joy"}}, {"negative", {"anger"}}});
  EXPECT_TRUE(in.lexicon.AddVaderTsv("love\t3.2\t0.4\t[]\nhate\t-2.7\t0.6\t[]\n").ok());
  EXPECT_TRUE(
      in.lexicon.AddEmpathTsv("positive_emotion\thappy\tgreat\nanger\tangry\tfurious\n").ok());
  return in;
}

TrainOptions ToyOptions(int threads) {
  TrainOptions o;
  o.features.hash_bits = 12;
  o.threads = threads;
  return o;
}

TEST(ModelTrainer, LearnsToyProblemDeterministically) {
  std::vector<LabeledText> train, dev;
  TrainInputs in = ToyInputs(train, dev);
  auto a = TrainAffectModel(in, ToyOptions(1));
  auto b = TrainAffectModel(in, ToyOptions(2));
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(b.ok());
  // Same inputs give the same bytes whatever the thread count.
  EXPECT_EQ(SerializeModel(*a), SerializeModel(*b));
  EXPECT_EQ(a->heads.size(), 3u + 3u + 3u);

  auto classifier = EmotionClassifier::Create(*a);
  ASSERT_TRUE(classifier.ok());
  EXPECT_EQ(EvaluateAffect(**classifier, dev).fine.macro_f1, 1.0);
  EmotionClassifier::Scratch scratch;
  std::vector<float> probs((*classifier)->num_heads());
  (*classifier)->Score("I really love it", scratch, probs.data(), true);
  EXPECT_GT(probs[0], probs[1]);
  EXPECT_GT(probs[0], probs[2]);
  auto selected = (*classifier)->Select(probs.data(), 0);
  EXPECT_NE(std::find(selected.begin(), selected.end(), 0), selected.end());
  auto evidence = (*classifier)->Explain(scratch, 0, 3);
  ASSERT_FALSE(evidence.empty());
  std::string text = "I really love it";
  EXPECT_NE(text.substr(evidence[0].begin, evidence[0].end - evidence[0].begin).find("love"),
            std::string::npos);
}

// A label dev happens not to contain still gets a threshold fitted on real positives: the
// out-of-fold predictions for train take part in calibration.
TEST(ModelTrainer, CalibratesLabelsDevLacksOnOutOfFoldPredictions) {
  std::vector<LabeledText> train, dev;
  TrainInputs in = ToyInputs(train, dev);
  std::vector<LabeledText> dev_without_anger;
  for (const auto& ex : dev) {
    if (ex.labels != std::vector<int>{1}) dev_without_anger.push_back(ex);
  }
  in.dev = &dev_without_anger;
  TrainOptions dev_only = ToyOptions(1);
  dev_only.calibration_folds = 1;
  TrainOptions folds = ToyOptions(1);
  folds.calibration_folds = 3;
  auto without = TrainAffectModel(in, dev_only);
  auto with = TrainAffectModel(in, folds);
  ASSERT_TRUE(without.ok());
  ASSERT_TRUE(with.ok());
  EXPECT_NE(with->provenance.find("calibration_folds=3"), std::string::npos);

  // Scored on texts of all three labels: calibrated on dev alone, the anger head has seen no
  // positive and takes the lowest threshold, so it calls everything anger.
  auto anger_f1 = [&](const AffectModel& m) {
    auto c = EmotionClassifier::Create(m);
    EXPECT_TRUE(c.ok());
    return EvaluateAffect(**c, dev).fine.f1[1];
  };
  EXPECT_EQ(anger_f1(*with), 1.0);
  EXPECT_LT(anger_f1(*without), 0.6);
}

TEST(AffectModelFile, RoundTripsAndRejectsCorruption) {
  std::vector<LabeledText> train, dev;
  TrainInputs in = ToyInputs(train, dev);
  auto model = TrainAffectModel(in, ToyOptions(1));
  ASSERT_TRUE(model.ok());
  std::string bytes = SerializeModel(*model);
  auto parsed = ParseModel(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(SerializeModel(*parsed), bytes);

  EXPECT_FALSE(ParseModel("").ok());
  EXPECT_FALSE(ParseModel("not a model at all").ok());
  for (size_t cut : {size_t{9}, bytes.size() / 3, bytes.size() - 1})
    EXPECT_FALSE(ParseModel(std::string_view(bytes).substr(0, cut)).ok()) << cut;
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x40;
  auto bad = ParseModel(flipped);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("checksum"), std::string::npos);
  EXPECT_EQ(LoadModelFile("/nonexistent/model.bin").error().code, ErrorCode::kNotFound);
}

TEST(ModelTrainer, RejectsMissingData) {
  std::vector<LabeledText> train, dev;
  TrainInputs in = ToyInputs(train, dev);
  std::vector<LabeledText> empty;
  in.train = &empty;
  EXPECT_FALSE(TrainAffectModel(in, ToyOptions(1)).ok());
}

}  // namespace
}  // namespace attune::affect
