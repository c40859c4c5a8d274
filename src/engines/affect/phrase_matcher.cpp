#include "engines/affect/phrase_matcher.h"

#include <algorithm>

#include "engines/affect/stable_hash.h"

namespace attune::affect {

PhraseMatcher::PhraseMatcher(const std::vector<std::string_view>& phrases) {
  TokenizedText t;
  for (std::string_view p : phrases) {
    Tokenize(p, t);
    std::vector<std::string> words;
    for (const Token& tok : t.tokens) words.emplace_back(t.Norm(tok));
    phrases_.push_back(std::move(words));
  }
  for (uint32_t i = 0; i < phrases_.size(); ++i)
    if (!phrases_[i].empty()) by_first_[HashBytes(phrases_[i][0])].push_back(i);
  for (auto& [h, list] : by_first_)
    std::stable_sort(list.begin(), list.end(), [&](uint32_t a, uint32_t b) {
      return phrases_[a].size() > phrases_[b].size();
    });
}

std::vector<uint64_t> PhraseMatcher::HashTokens(const TokenizedText& text) {
  std::vector<uint64_t> out;
  out.reserve(text.tokens.size());
  for (const Token& t : text.tokens) out.push_back(HashBytes(text.Norm(t)));
  return out;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::FindAll(const TokenizedText& text,
                                                         bool keep_negated) const {
  return FindAll(text, HashTokens(text), keep_negated);
}

std::vector<PhraseMatcher::Match> PhraseMatcher::FindAll(const TokenizedText& text,
                                                         const std::vector<uint64_t>& hashes,
                                                         bool keep_negated) const {
  std::vector<Match> out;
  const auto& tokens = text.tokens;
  for (uint32_t i = 0; i < tokens.size() && i < hashes.size();) {
    auto it = by_first_.find(hashes[i]);
    bool matched = false;
    if (it != by_first_.end() && (keep_negated || !tokens[i].negated)) {
      for (uint32_t p : it->second) {
        const auto& words = phrases_[p];
        if (i + words.size() > tokens.size()) continue;
        bool ok = true;
        for (size_t k = 0; k < words.size() && ok; ++k) ok = text.Norm(tokens[i + k]) == words[k];
        if (!ok) continue;
        out.push_back({i, static_cast<uint32_t>(i + words.size() - 1), p});
        i += static_cast<uint32_t>(words.size());
        matched = true;
        break;
      }
    }
    if (!matched) ++i;
  }
  return out;
}

}  // namespace attune::affect
