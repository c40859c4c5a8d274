#pragma once
// Scores a labelled split and reports F1 the way the GoEmotions paper does: 28 labels, Ekman-6 +
// neutral and sentiment + neutral, gold coarse labels derived from the fine ones through the
// groupings.
#include <vector>

#include "engines/affect/emotion_classifier.h"
#include "engines/affect/f1_metrics.h"
#include "engines/affect/goemotions_dataset.h"

namespace attune::affect {

struct AffectEvaluation {
  F1Report fine;       // fine labels
  F1Report ekman;      // Ekman heads
  F1Report sentiment;  // sentiment heads
  // The coarse levels recomputed by mapping the predicted fine labels through the groupings; shown
  // next to the heads so the benefit of dedicated heads is measured, not assumed.
  F1Report ekman_from_fine;
  F1Report sentiment_from_fine;
  // Derived valence (valence_arousal.h) against the gold sentiment: among texts whose gold labels
  // are all positive or all negative, the share where the sign of valence agrees.
  double valence_sign_agreement = 0;
  size_t valence_examples = 0;
  size_t examples = 0;
};

AffectEvaluation EvaluateAffect(const EmotionClassifier& classifier,
                                const std::vector<LabeledText>& examples);

}  // namespace attune::affect
