#include "engines/affect/affect_evaluation.h"

#include <algorithm>

#include "engines/affect/valence_arousal.h"

namespace attune::affect {
namespace {

std::vector<int> MapThrough(const std::vector<int>& labels, const Grouping& g) {
  std::vector<int> out;
  for (int l : labels) out.push_back(g.group_of_label[l]);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

AffectEvaluation EvaluateAffect(const EmotionClassifier& classifier,
                                const std::vector<LabeledText>& examples) {
  const LabelSchema& schema = classifier.schema();
  const int num_labels = static_cast<int>(schema.labels.size());
  const int num_ekman = static_cast<int>(schema.ekman.groups.size());
  const int num_sentiment = static_cast<int>(schema.sentiment.groups.size());
  F1Counter fine(num_labels), ekman(num_ekman), sentiment(num_sentiment), ekman_ff(num_ekman),
      sentiment_ff(num_sentiment);
  EmotionClassifier::Scratch scratch;
  std::vector<float> probs(classifier.num_heads());
  size_t valence_examples = 0, valence_agree = 0;
  for (const LabeledText& ex : examples) {
    classifier.Score(ex.text, scratch, probs.data());
    std::vector<int> predicted = classifier.Select(probs.data(), 0);
    fine.Add(ex.labels, predicted);
    ekman.Add(MapThrough(ex.labels, schema.ekman), classifier.Select(probs.data(), 1));
    sentiment.Add(MapThrough(ex.labels, schema.sentiment), classifier.Select(probs.data(), 2));
    ekman_ff.Add(MapThrough(ex.labels, schema.ekman), MapThrough(predicted, schema.ekman));
    std::vector<int> gold_sentiment = MapThrough(ex.labels, schema.sentiment);
    if (gold_sentiment.size() == 1) {
      const std::string& g = schema.sentiment.groups[gold_sentiment[0]];
      if (g == "positive" || g == "negative") {
        float v = EstimateValenceArousal(schema.labels, probs.data(), 0).valence;
        ++valence_examples;
        valence_agree += (g == "positive") == (v > 0);
      }
    }
    sentiment_ff.Add(MapThrough(ex.labels, schema.sentiment),
                     MapThrough(predicted, schema.sentiment));
  }
  AffectEvaluation r;
  r.fine = fine.Report();
  r.ekman = ekman.Report();
  r.sentiment = sentiment.Report();
  r.ekman_from_fine = ekman_ff.Report();
  r.sentiment_from_fine = sentiment_ff.Report();
  r.examples = examples.size();
  r.valence_examples = valence_examples;
  r.valence_sign_agreement =
      valence_examples ? static_cast<double>(valence_agree) / valence_examples : 0;
  return r;
}

}  // namespace attune::affect
