#pragma once
// Finds fixed phrases ("i hear you", "your fault") in a tokenized text, on normalised tokens so
// that case, curly apostrophes and letter elongation do not matter. Shared by the tone and empathy
// analysers. Immutable after construction and safe to share between threads.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engines/affect/tokenizer.h"

namespace attune::affect {

class PhraseMatcher {
 public:
  struct Match {
    uint32_t first_token = 0;  // inclusive token range
    uint32_t last_token = 0;
    uint32_t phrase = 0;  // index into the constructor's list
  };

  // Each phrase is tokenized with Tokenize(), so write it as a user would ("don't you dare").
  explicit PhraseMatcher(const std::vector<std::string_view>& phrases);

  // Leftmost-longest, non-overlapping matches. A match whose first token lies in a negation scope
  // is dropped ("I'm not sorry" holds no apology) unless `keep_negated`.
  std::vector<Match> FindAll(const TokenizedText& text, bool keep_negated = false) const;
  // Same, with HashBytes() of every token's normalised form precomputed by the caller (several
  // matchers over one text then hash each token once).
  std::vector<Match> FindAll(const TokenizedText& text, const std::vector<uint64_t>& token_hashes,
                             bool keep_negated = false) const;

  static std::vector<uint64_t> HashTokens(const TokenizedText& text);

  size_t size() const { return phrases_.size(); }

 private:
  std::vector<std::vector<std::string>> phrases_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_first_;  // longest phrases first
};

}  // namespace attune::affect
