#pragma once
// Negation scope: "not happy" must not count as joy, for the classifier (negated words become
// different features) and for the tone markers (an apology inside "I'm not sorry" is no apology).
#include <string_view>

#include "engines/affect/tokenizer.h"

namespace attune::affect {

// True for "not", "no", "never", "cannot", "nothing", "nobody", "none", "neither", "nor", "without"
// and contractions ending in "n't" or the apostrophe-less forms Reddit uses ("dont", "cant").
bool IsNegator(std::string_view norm);

// Sets Token::is_negator and Token::negated. A scope opens after a negator and covers at most
// kMaxScope following words; punctuation or a contrast word ("but", "however") closes it early.
void MarkNegation(TokenizedText& text);

inline constexpr int kMaxNegationScope = 3;

}  // namespace attune::affect
