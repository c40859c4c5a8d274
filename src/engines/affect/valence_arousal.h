#pragma once
// Valence (-1 unpleasant .. +1 pleasant) and arousal (0 calm .. 1 activated) of a text. GoEmotions
// has no dimensional labels, so these are derived, not trained: each fine label has a fixed
// position on Russell's (1980) circumplex, and a text's position is the probability-weighted mean
// of its labels' positions, with arousal raised by observable intensity (capitals, "!",
// intensifiers).
#include <string>
#include <string_view>
#include <vector>

namespace attune::affect {

struct Circumplex {
  float valence = 0;
  float arousal = 0.3f;
};

// Position of a GoEmotions label; unknown labels sit at the neutral point (0, 0.3).
Circumplex CircumplexOf(std::string_view label);

// `probs[i]` is the calibrated probability of `labels[i]`; `intensity` is in [0, 1].
Circumplex EstimateValenceArousal(const std::vector<std::string>& labels, const float* probs,
                                  float intensity);

}  // namespace attune::affect
