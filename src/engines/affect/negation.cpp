#include "engines/affect/negation.h"

#include <array>

namespace attune::affect {
namespace {

constexpr std::array<std::string_view, 17> kNegators = {
    "not",     "no",   "never", "cannot", "nothing", "nobody", "none",   "neither", "nor",
    "without", "dont", "cant",  "wont",   "arent",   "havent", "werent", "aint"};

constexpr std::array<std::string_view, 6> kScopeBreakers = {"but",    "however", "although",
                                                            "though", "yet",     "except"};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool IsNegator(std::string_view norm) {
  for (std::string_view n : kNegators)
    if (norm == n) return true;
  // "don't", "isn't"; apostrophe-less "didnt"/"wouldnt"/"wasnt"/"doesnt" (no English word ends in
  // "dnt" or "snt", unlike "rent"/"vent", so those suffixes are safe).
  return EndsWith(norm, "n't") || EndsWith(norm, "dnt") || EndsWith(norm, "snt");
}

void MarkNegation(TokenizedText& text) {
  int remaining = 0;
  for (Token& t : text.tokens) {
    std::string_view norm = text.Norm(t);
    if (t.kind == TokenKind::kPunct) {
      // Sentence and clause punctuation closes a scope; apostrophes and quotes do not occur here.
      remaining = 0;
      continue;
    }
    if (t.kind != TokenKind::kWord) continue;
    bool breaker = false;
    for (std::string_view b : kScopeBreakers) breaker |= (norm == b);
    if (breaker) {
      remaining = 0;
      continue;
    }
    if (IsNegator(norm)) {
      t.is_negator = true;
      remaining = kMaxNegationScope;
      continue;
    }
    if (remaining > 0) {
      t.negated = true;
      --remaining;
    }
  }
}

}  // namespace attune::affect
