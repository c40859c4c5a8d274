#pragma once
// The 14 emotions the item bank, the development map and practice speak of (docs/item-bank.md).
// The order is the index used by the IRT engine's development map; append only.
#include <array>
#include <string_view>

namespace attune::practice {

inline constexpr std::array<std::string_view, 14> kEmotions = {
    "anger", "frustration", "disappointment", "sadness", "anxiety",   "fear",  "embarrassment",
    "guilt", "confusion",   "surprise",       "relief",  "gratitude", "pride", "joy"};

// The index of an emotion name, or -1.
inline int EmotionIndex(std::string_view name) {
  for (size_t i = 0; i < kEmotions.size(); ++i) {
    if (kEmotions[i] == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace attune::practice
