#pragma once
// A learner's development map from their answers to emotion items: which emotions they recognise,
// which they confuse with which, and which labels they over- or under-use.
// - Accuracy per emotion is shrunk toward the population's accuracy for that emotion (a beta prior
//   worth `prior_strength` answers), so two lucky answers do not read as mastery.
// - Wagner's (1993) unbiased hit rate Hu = hits^2 / (times shown x times chosen) corrects for a
//   learner who answers one label to everything; it is reported with its chance level.
// - Response bias per emotion: times chosen / times shown (above 1: the label is over-used).
#include <string>
#include <vector>

namespace attune::irt {

struct EmotionAnswer {
  int target = 0;  // the emotion the item keyed
  int chosen = 0;  // the emotion of the option the learner picked
};

struct EmotionSkill {
  int emotion = 0;
  int shown = 0;
  int chosen = 0;
  int hits = 0;
  double raw_accuracy = 0;
  double shrunk_accuracy = 0;
  double unbiased_hit_rate = 0;  // Wagner's Hu
  double chance_hit_rate = 0;    // Hu expected by chance: (shown x chosen) / answers^2
  double response_bias = 0;      // chosen / shown (0 when never shown)
};

struct Confusion {
  int target = 0;
  int chosen = 0;
  int count = 0;
  double rate = 0;  // count / times the target was shown
};

struct DevelopmentMap {
  std::vector<EmotionSkill> emotions;     // one per emotion, indexed like the vocabulary
  std::vector<std::vector<int>> matrix;   // [target][chosen] counts
  std::vector<Confusion> top_confusions;  // off-diagonal, most frequent first
  std::vector<int> practice_plan;         // emotions to practise next, weakest first
};

struct DevelopmentMapOptions {
  double prior_strength = 4;
  int top_confusions = 5;
  int plan_size = 3;
};

// `population_accuracy[e]` is the share of correct answers to emotion e across all learners (the
// shrinkage target); missing entries default to 0.6.
DevelopmentMap BuildDevelopmentMap(const std::vector<EmotionAnswer>& answers, int emotions,
                                   const std::vector<double>& population_accuracy,
                                   const DevelopmentMapOptions& options = {});

}  // namespace attune::irt
