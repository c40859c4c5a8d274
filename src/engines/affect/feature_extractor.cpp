#include "engines/affect/feature_extractor.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engines/affect/stable_hash.h"

namespace attune::affect {
namespace {

// Salts separate the feature families inside one hash space.
constexpr uint64_t kUnigramSalt = 0x5851f42d4c957f2dULL;
constexpr uint64_t kNegatedSalt = 0x14057b7ef767814fULL;
constexpr uint64_t kBigramSalt = 0x2545f4914f6cdd1dULL;
constexpr uint64_t kCharSeed = 0x84222325cbf29ce4ULL;

// Dense block layout after the Empath categories.
enum DenseSlot : uint32_t {
  kVaderPositive,
  kVaderNegative,
  kVaderCompound,
  kExclamations,
  kQuestions,
  kCapsWords,
  kNumShapeSlots,
};
constexpr const char* kShapeNames[kNumShapeSlots] = {"vader_positive", "vader_negative",
                                                     "vader_compound", "exclamations",
                                                     "questions",      "caps_words"};

// VADER's negation damping constant (Hutto & Gilbert 2014): a negated word flips and weakens.
constexpr float kVaderNegation = -0.74f;

}  // namespace

void FeatureVector::Clear() {
  word.clear();
  chars.clear();
  dense_index.clear();
  dense_value.clear();
  word_source.clear();
  char_source.clear();
  dense_source.clear();
  word_value = char_value = 0;
}

FeatureExtractor::FeatureExtractor(FeatureConfig config, const Lexicon& lexicon)
    : config_(config),
      lexicon_(lexicon),
      sparse_size_(1u << config.hash_bits),
      mask_((1u << config.hash_bits) - 1),
      num_dense_(static_cast<uint32_t>(lexicon.num_categories()) + kNumShapeSlots) {}

std::string FeatureExtractor::DenseName(uint32_t offset) const {
  if (offset < lexicon_.num_categories()) return "empath:" + lexicon_.category_names()[offset];
  offset -= static_cast<uint32_t>(lexicon_.num_categories());
  return offset < kNumShapeSlots ? kShapeNames[offset] : "?";
}

namespace {

// Keeps the first occurrence of each index in `idx` (and its source), in order. `seen` is a zeroed
// bitmap over the sparse space and is zeroed again on return, so the cost is linear in idx.size().
template <typename Source>
void Deduplicate(std::vector<uint32_t>& idx, std::vector<Source>& src,
                 std::vector<uint64_t>& seen) {
  const bool with_sources = src.size() == idx.size();
  size_t kept = 0;
  for (size_t k = 0; k < idx.size(); ++k) {
    uint64_t& word = seen[idx[k] >> 6];
    const uint64_t bit = uint64_t{1} << (idx[k] & 63);
    if (word & bit) continue;
    word |= bit;
    if (with_sources) src[kept] = src[k];
    idx[kept++] = idx[k];
  }
  idx.resize(kept);
  if (with_sources) src.resize(kept);
  for (uint32_t i : idx) seen[i >> 6] = 0;
}

}  // namespace

void FeatureExtractor::Extract(const TokenizedText& text, bool with_sources,
                               FeatureVector& out) const {
  out.Clear();
  if (out.seen.size() != sparse_size_ / 64 + 1) out.seen.assign(sparse_size_ / 64 + 1, 0);
  const size_t num_categories = lexicon_.num_categories();
  if (out.category_count.size() != num_categories) out.category_count.assign(num_categories, 0);
  const auto& tokens = text.tokens;
  const uint32_t shape_base = sparse_size_ + static_cast<uint32_t>(num_categories);
  float vader_pos = 0, vader_neg = 0, vader_sum = 0;
  int exclamations = 0, questions = 0, caps = 0, words = 0;
  uint64_t prev_hash = 0;

  for (uint32_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    std::string_view norm = text.Norm(t);
    uint64_t h = HashBytes(norm);
    uint64_t unigram_salt = kUnigramSalt ^ (t.negated ? kNegatedSalt : 0);
    out.word.push_back(static_cast<uint32_t>(Mix64(h ^ unigram_salt)) & mask_);
    if (with_sources) out.word_source.push_back({i, false});
    if (i > 0) {
      out.word.push_back(static_cast<uint32_t>(HashPair(prev_hash, h ^ kBigramSalt)) & mask_);
      if (with_sources) out.word_source.push_back({i - 1, true});
    }
    prev_hash = h;

    if (t.kind == TokenKind::kPunct) {
      if (norm[0] == '!') exclamations += static_cast<int>(t.end - t.begin);
      if (norm[0] == '?') questions += static_cast<int>(t.end - t.begin);
      continue;
    }
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kEmoticon) continue;

    if (t.kind == TokenKind::kWord) {
      ++words;
      caps += t.all_caps;
      // Character n-grams of " word ", the boundary spaces marking prefixes and suffixes.
      const size_t n = norm.size() + 2;
      auto at = [&](size_t k) -> unsigned char {
        return (k == 0 || k == n - 1) ? ' ' : static_cast<unsigned char>(norm[k - 1]);
      };
      for (size_t start = 0; start + config_.char_min <= n; ++start) {
        uint64_t ch = kCharSeed;
        for (size_t len = 1; len <= config_.char_max && start + len <= n; ++len) {
          ch = FnvStep(ch, at(start + len - 1));
          if (len < config_.char_min) continue;
          out.chars.push_back(static_cast<uint32_t>(Mix64(ch)) & mask_);
          if (with_sources) out.char_source.push_back(i);
        }
      }
    }

    if (const Lexicon::Entry* e = lexicon_.Find(h)) {
      float v = e->vader * (t.negated ? kVaderNegation : 1.0f);
      vader_sum += v;
      (v > 0 ? vader_pos : vader_neg) += std::abs(v) / 4.0f;
      // Negated words do not count towards Empath categories: "not happy" is not cheerfulness.
      if (!t.negated) {
        const uint16_t* cats = lexicon_.CategoriesOf(*e);
        for (uint32_t k = 0; k < e->num_categories; ++k) {
          // The first word of a category carries its evidence; later ones only raise the count.
          uint8_t& count = out.category_count[cats[k]];
          const bool first = count == 0;
          if (count < 255) ++count;  // saturate: the feature caps at 3 anyway
          if (!first) continue;
          out.dense_index.push_back(sparse_size_ + cats[k]);
          if (with_sources) out.dense_source.push_back(i);
        }
      }
    }
  }
  Deduplicate(out.word, out.word_source, out.seen);
  Deduplicate(out.chars, out.char_source, out.seen);

  // Empath: a category's count, capped at 3, scaled like the sparse groups.
  const float length_norm = 1.0f / std::sqrt(static_cast<float>(std::max(words, 1)));
  for (uint32_t idx : out.dense_index) {
    uint8_t& count = out.category_count[idx - sparse_size_];
    out.dense_value.push_back(std::min<int>(count, 3) * length_norm * config_.dense_weight);
    count = 0;
  }
  auto add_shape = [&](uint32_t slot, float value) {
    if (value == 0) return;
    out.dense_index.push_back(shape_base + slot);
    out.dense_value.push_back(value * config_.dense_weight);
    if (with_sources) out.dense_source.push_back(kTextLevelSource);
  };
  // VADER sums grow with length; scaled and capped at 1 so repetition cannot run away.
  add_shape(kVaderPositive, std::min(1.0f, vader_pos * length_norm));
  add_shape(kVaderNegative, std::min(1.0f, vader_neg * length_norm));
  add_shape(kVaderCompound, vader_sum / std::sqrt(vader_sum * vader_sum + 15.0f));  // VADER's norm
  add_shape(kExclamations, std::min(exclamations, 3) / 3.0f);
  add_shape(kQuestions, std::min(questions, 3) / 3.0f);
  add_shape(kCapsWords, std::min(caps, 3) / 3.0f);

  if (!out.word.empty())
    out.word_value = config_.word_weight / std::sqrt(static_cast<float>(out.word.size()));
  if (!out.chars.empty())
    out.char_value = config_.char_weight / std::sqrt(static_cast<float>(out.chars.size()));
}

}  // namespace attune::affect
