#pragma once
// Turns a tokenized text into the sparse feature vector of the linear emotion model:
//   * hashed word unigrams and bigrams (negated words are distinct features: "neg:happy"),
//   * hashed character 2-5-grams inside word boundaries (robust to typos and rare inflections),
//   * dense lexicon and shape features (Empath category counts, VADER valence sums, "!", "?",
//   caps).
// Sparse features are binary (present or not) and each group is L2-normalised: every feature of a
// group gets 1/sqrt(distinct features in the group). Binary rather than counts so that a word
// repeated 600 times weighs what it weighs once; dense features are bounded for the same reason.
#include <cstdint>
#include <vector>

#include "engines/affect/lexicon.h"
#include "engines/affect/tokenizer.h"

namespace attune::affect {

struct FeatureConfig {
  uint32_t hash_bits = 18;  // sparse feature space is 2^hash_bits
  uint32_t char_min = 2;
  uint32_t char_max = 5;
  float word_weight = 1.0f;
  float char_weight = 1.0f;
  float dense_weight = 1.0f;
};

// Where a feature came from, for explanations. For bigrams `token` is the first of the two tokens.
struct FeatureSource {
  uint32_t token;
  bool bigram;
};

inline constexpr uint32_t kTextLevelSource = 0xFFFFFFFF;  // shape features belong to no token

// The features of one text. Sparse groups hold distinct indices; every index in a group has the
// same value, so a dot product is an integer sum times one float.
struct FeatureVector {
  std::vector<uint32_t> word;
  std::vector<uint32_t> chars;
  std::vector<uint32_t> dense_index;  // absolute indices >= 2^hash_bits
  std::vector<float> dense_value;
  float word_value = 0;
  float char_value = 0;
  // Parallel to word / chars / dense_index; filled only when provenance is requested.
  std::vector<FeatureSource> word_source;
  std::vector<uint32_t> char_source;
  std::vector<uint32_t> dense_source;
  // Scratch bitmap over the sparse space for de-duplication; all zero between calls.
  std::vector<uint64_t> seen;
  std::vector<uint8_t> category_count;  // per Empath category; all zero between calls

  void Clear();
};

class FeatureExtractor {
 public:
  // `lexicon` must outlive the extractor and be built.
  FeatureExtractor(FeatureConfig config, const Lexicon& lexicon);

  // Total feature count: 2^hash_bits sparse slots followed by the dense block.
  uint32_t dimension() const { return sparse_size_ + num_dense_; }
  uint32_t num_dense() const { return num_dense_; }
  const FeatureConfig& config() const { return config_; }

  void Extract(const TokenizedText& text, bool with_sources, FeatureVector& out) const;

  // Human-readable name of a dense feature (for debugging and model cards).
  std::string DenseName(uint32_t dense_offset) const;

 private:
  FeatureConfig config_;
  const Lexicon& lexicon_;
  uint32_t sparse_size_;
  uint32_t mask_;
  uint32_t num_dense_;
};

}  // namespace attune::affect
