#include "engines/affect/valence_arousal.h"

#include <algorithm>
#include <array>
#include <utility>

namespace attune::affect {
namespace {

// Approximate circumplex coordinates: the angle of each emotion term in Russell (1980) and
// Scherer's (2005) affect-word placements, mapped to valence in [-1, 1] and arousal in [0, 1]. They
// are ordinal guides, not measurements; see docs/models/affect.md for how well the result tracks
// the GoEmotions sentiment labels.
constexpr std::array<std::pair<std::string_view, Circumplex>, 28> kPositions = {{
    {"admiration", {0.6f, 0.5f}},     {"amusement", {0.7f, 0.6f}},
    {"anger", {-0.7f, 0.85f}},        {"annoyance", {-0.5f, 0.6f}},
    {"approval", {0.5f, 0.35f}},      {"caring", {0.6f, 0.4f}},
    {"confusion", {-0.2f, 0.5f}},     {"curiosity", {0.3f, 0.6f}},
    {"desire", {0.4f, 0.7f}},         {"disappointment", {-0.6f, 0.35f}},
    {"disapproval", {-0.5f, 0.45f}},  {"disgust", {-0.7f, 0.6f}},
    {"embarrassment", {-0.5f, 0.6f}}, {"excitement", {0.8f, 0.9f}},
    {"fear", {-0.7f, 0.8f}},          {"gratitude", {0.8f, 0.45f}},
    {"grief", {-0.9f, 0.4f}},         {"joy", {0.9f, 0.7f}},
    {"love", {0.9f, 0.6f}},           {"nervousness", {-0.5f, 0.75f}},
    {"optimism", {0.6f, 0.5f}},       {"pride", {0.7f, 0.6f}},
    {"realization", {0.1f, 0.45f}},   {"relief", {0.6f, 0.25f}},
    {"remorse", {-0.6f, 0.4f}},       {"sadness", {-0.8f, 0.25f}},
    {"surprise", {0.2f, 0.85f}},      {"neutral", {0.0f, 0.2f}},
}};

}  // namespace

Circumplex CircumplexOf(std::string_view label) {
  for (const auto& [name, pos] : kPositions)
    if (name == label) return pos;
  return {};
}

Circumplex EstimateValenceArousal(const std::vector<std::string>& labels, const float* probs,
                                  float intensity) {
  float total = 0, valence = 0, arousal = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    Circumplex c = CircumplexOf(labels[i]);
    total += probs[i];
    valence += probs[i] * c.valence;
    arousal += probs[i] * c.arousal;
  }
  Circumplex out;
  if (total > 0) {
    out.valence = valence / total;
    out.arousal = arousal / total;
  }
  // Shouting and exclamation raise activation whatever the emotion; cap at 1.
  out.arousal = std::clamp(out.arousal + 0.3f * (1.0f - out.arousal) * intensity, 0.0f, 1.0f);
  out.valence = std::clamp(out.valence, -1.0f, 1.0f);
  return out;
}

}  // namespace attune::affect
