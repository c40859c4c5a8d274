#pragma once
// The text affect engine's front door: emotions (28 labels, Ekman, sentiment, valence/arousal, with
// evidence), tone markers and empathy of a reply. Load the model once and share the engine: every
// method is const and thread-safe. Input is checked (text_input.h); errors are kInvalidArgument
// with a message fit for an API client.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "engines/affect/affect_model.h"
#include "engines/affect/emotion_classifier.h"
#include "engines/affect/empathy_scorer.h"
#include "engines/affect/tone_markers.h"

namespace attune::affect {

struct AnalyzeOptions {
  bool explain = true;      // evidence spans for each predicted label (costs ~2x)
  size_t max_evidence = 3;  // per label
  bool tone = true;
};

struct PredictedLabel {
  int label = 0;  // index into LabelSchema::labels
  float probability = 0;
  std::vector<Evidence> evidence;  // strongest first
};

struct EmotionResult {
  std::vector<float> label_probabilities;      // per fine label, schema order
  std::vector<float> ekman_probabilities;      // per Ekman group (incl. neutral)
  std::vector<float> sentiment_probabilities;  // per sentiment group (incl. neutral)
  std::vector<PredictedLabel> labels;          // predicted set, most probable first
  int ekman_label = 0;                         // most probable Ekman group
  int sentiment_label = 0;                     // most probable sentiment group
  float valence = 0;                           // -1 .. 1
  float arousal = 0;                           // 0 .. 1
};

struct TextAnalysis {
  EmotionResult emotions;
  ToneReport tone;
  bool truncated = false;     // only the first kMaxTextChars code points were analysed
  size_t analysed_bytes = 0;  // spans index into the first analysed_bytes of the input
  size_t original_chars = 0;
};

class AffectEngine {
 public:
  static Result<std::unique_ptr<AffectEngine>> Create(AffectModel model);
  static Result<std::unique_ptr<AffectEngine>> LoadFile(const std::string& path);

  Result<TextAnalysis> Analyze(std::string_view text, const AnalyzeOptions& options = {}) const;
  // One result per text, in order; a bad text fails alone.
  std::vector<Result<TextAnalysis>> AnalyzeBatch(const std::vector<std::string_view>& texts,
                                                 const AnalyzeOptions& options = {}) const;
  Result<EmpathyAssessment> AssessEmpathy(std::string_view message, std::string_view reply) const;

  const LabelSchema& schema() const { return classifier_->schema(); }
  const EmotionClassifier& classifier() const { return *classifier_; }

 private:
  explicit AffectEngine(std::unique_ptr<EmotionClassifier> classifier);

  std::unique_ptr<EmotionClassifier> classifier_;
  ToneAnalyzer tone_;
  EmpathyScorer empathy_;
};

}  // namespace attune::affect
