#pragma once
// Scores texts with an AffectModel: calibrated probabilities for every head, the predicted label
// sets, and per-word evidence. Immutable after construction, so one instance serves all threads;
// per-call state lives in a Scratch the caller owns (reuse it in loops to avoid allocations).
#include <memory>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "engines/affect/affect_model.h"
#include "engines/affect/feature_extractor.h"
#include "engines/affect/tokenizer.h"

namespace attune::affect {

// A word or phrase of the input that pushed a head towards its label.
struct Evidence {
  uint32_t begin = 0;  // byte offsets into the analysed text
  uint32_t end = 0;
  float weight = 0;  // contribution to the head's decision value (log-odds)
};

class EmotionClassifier {
 public:
  struct Scratch {
    TokenizedText tokens;
    FeatureVector features;
    std::vector<int32_t> word_acc, char_acc;
    std::vector<float> dense_acc;
  };

  static Result<std::unique_ptr<EmotionClassifier>> Create(AffectModel model);

  const AffectModel& model() const { return model_; }
  const LabelSchema& schema() const { return model_.schema; }
  int num_heads() const { return static_cast<int>(model_.heads.size()); }

  // Tokenizes and featurizes `text` into scratch.tokens / scratch.features, then writes the
  // calibrated probability of every head into `probs` (num_heads() floats). `with_sources` keeps
  // the feature provenance that Explain() needs.
  void Score(std::string_view text, Scratch& scratch, float* probs,
             bool with_sources = false) const;

  // Decision values (log-odds before calibration) of every head for already extracted features.
  void Margins(const FeatureVector& features, Scratch& scratch, float* margins) const;
  float Calibrate(int head, float margin) const;

  // Indices (relative to the level) of the heads of `level` (0 fine, 1 Ekman, 2 sentiment) whose
  // probability passes their threshold; when none does and the model asks for at least one label
  // at that level, the head with the best probability/threshold ratio.
  std::vector<int> Select(const float* probs, int level) const;
  // First head index and head count of a level.
  std::pair<int, int> LevelRange(int level) const;

  // The words/bigrams with the largest positive contribution to `head`, strongest first, merged
  // with a preceding negator ("not happy") so the evidence reads as the text did. Needs Score()
  // with with_sources = true on the same scratch.
  std::vector<Evidence> Explain(const Scratch& scratch, int head, size_t max_items) const;

 private:
  explicit EmotionClassifier(AffectModel model);

  AffectModel model_;
  FeatureExtractor extractor_;
};

}  // namespace attune::affect
