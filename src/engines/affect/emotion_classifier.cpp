#include "engines/affect/emotion_classifier.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace attune::affect {

Result<std::unique_ptr<EmotionClassifier>> EmotionClassifier::Create(AffectModel model) {
  RETURN_IF_ERROR(model.Validate());
  return std::unique_ptr<EmotionClassifier>(new EmotionClassifier(std::move(model)));
}

// The extractor keeps a reference to model_.lexicon; the object is never moved (held by pointer).
EmotionClassifier::EmotionClassifier(AffectModel model)
    : model_(std::move(model)), extractor_(model_.features, model_.lexicon) {}

void EmotionClassifier::Margins(const FeatureVector& f, Scratch& s, float* margins) const {
  const uint32_t stride = model_.stride;
  const int8_t* w = model_.weights.data();
  s.word_acc.assign(stride, 0);
  s.char_acc.assign(stride, 0);
  s.dense_acc.assign(stride, 0.0f);
  int32_t* word_acc = s.word_acc.data();
  int32_t* char_acc = s.char_acc.data();
  float* dense_acc = s.dense_acc.data();
  // Every index in a sparse group shares one value, so rows are summed as integers and scaled once.
  for (uint32_t idx : f.word) {
    const int8_t* row = w + static_cast<size_t>(idx) * stride;
    for (uint32_t h = 0; h < stride; ++h) word_acc[h] += row[h];
  }
  for (uint32_t idx : f.chars) {
    const int8_t* row = w + static_cast<size_t>(idx) * stride;
    for (uint32_t h = 0; h < stride; ++h) char_acc[h] += row[h];
  }
  for (size_t k = 0; k < f.dense_index.size(); ++k) {
    const int8_t* row = w + static_cast<size_t>(f.dense_index[k]) * stride;
    const float v = f.dense_value[k];
    for (uint32_t h = 0; h < stride; ++h) dense_acc[h] += v * row[h];
  }
  for (size_t h = 0; h < model_.heads.size(); ++h) {
    const Head& head = model_.heads[h];
    margins[h] = head.scale * (static_cast<float>(word_acc[h]) * f.word_value +
                               static_cast<float>(char_acc[h]) * f.char_value + dense_acc[h]) +
                 head.bias;
  }
}

float EmotionClassifier::Calibrate(int head, float margin) const {
  const Head& h = model_.heads[head];
  return 1.0f / (1.0f + std::exp(-(h.platt_a * margin + h.platt_b)));
}

void EmotionClassifier::Score(std::string_view text, Scratch& s, float* probs,
                              bool with_sources) const {
  Tokenize(text, s.tokens);
  extractor_.Extract(s.tokens, with_sources, s.features);
  Margins(s.features, s, probs);
  for (int h = 0; h < num_heads(); ++h) probs[h] = Calibrate(h, probs[h]);
}

std::pair<int, int> EmotionClassifier::LevelRange(int level) const {
  const LabelSchema& s = model_.schema;
  if (level == 0) return {0, static_cast<int>(s.labels.size())};
  if (level == 1) return {s.ekman_offset(), static_cast<int>(s.ekman.groups.size())};
  return {s.sentiment_offset(), static_cast<int>(s.sentiment.groups.size())};
}

std::vector<int> EmotionClassifier::Select(const float* probs, int level) const {
  const auto [first, count] = LevelRange(level);
  std::vector<int> out;
  int best = first;
  float best_ratio = -1;
  for (int h = first; h < first + count; ++h) {
    float threshold = model_.heads[h].threshold;
    if (probs[h] >= threshold) out.push_back(h - first);
    float ratio = probs[h] / std::max(threshold, 1e-6f);
    if (ratio > best_ratio) {
      best_ratio = ratio;
      best = h;
    }
  }
  if (out.empty() && model_.at_least_one[level] && count > 0) out.push_back(best - first);
  return out;
}

std::vector<Evidence> EmotionClassifier::Explain(const Scratch& s, int head,
                                                 size_t max_items) const {
  const FeatureVector& f = s.features;
  const auto& tokens = s.tokens.tokens;
  const uint32_t stride = model_.stride;
  const float scale = model_.heads[head].scale;
  auto weight = [&](uint32_t idx) {
    return scale * static_cast<float>(model_.weights[static_cast<size_t>(idx) * stride + head]);
  };
  // Contributions keyed by (first token, last token): single words and bigrams.
  std::map<std::pair<uint32_t, uint32_t>, float> units;
  for (size_t k = 0; k < f.word.size() && k < f.word_source.size(); ++k) {
    const FeatureSource& src = f.word_source[k];
    units[{src.token, src.token + (src.bigram ? 1 : 0)}] += f.word_value * weight(f.word[k]);
  }
  for (size_t k = 0; k < f.chars.size() && k < f.char_source.size(); ++k)
    units[{f.char_source[k], f.char_source[k]}] += f.char_value * weight(f.chars[k]);
  for (size_t k = 0; k < f.dense_index.size() && k < f.dense_source.size(); ++k)
    if (f.dense_source[k] != kTextLevelSource)
      units[{f.dense_source[k], f.dense_source[k]}] += f.dense_value[k] * weight(f.dense_index[k]);

  // A bigram is reported only when it adds to its words; otherwise the words speak for themselves.
  std::vector<std::pair<float, std::pair<uint32_t, uint32_t>>> ranked;
  for (const auto& [span, c] : units) {
    float total = c;
    if (span.first != span.second) {
      auto a = units.find({span.first, span.first});
      auto b = units.find({span.second, span.second});
      total += (a != units.end() ? a->second : 0) + (b != units.end() ? b->second : 0);
      if (c <= 0) continue;
    }
    if (total > 0) ranked.push_back({total, span});
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });

  std::vector<Evidence> out;
  std::vector<bool> used(tokens.size(), false);
  for (const auto& [c, span] : ranked) {
    if (out.size() >= max_items) break;
    uint32_t first = span.first, last = span.second;
    // Report "not happy" rather than "happy" when the word sits in a negation scope.
    while (first > 0 && tokens[first].negated && !tokens[first].is_negator) --first;
    bool overlaps = false;
    for (uint32_t t = first; t <= last; ++t) overlaps |= used[t];
    if (overlaps) continue;
    for (uint32_t t = first; t <= last; ++t) used[t] = true;
    out.push_back({tokens[first].begin, tokens[last].end, c});
  }
  return out;
}

}  // namespace attune::affect
