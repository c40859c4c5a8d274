#pragma once
// Splits short English texts (chat messages, comments) into tokens with byte offsets into the
// input, so every score can point back at the words that caused it. Robust to any byte sequence:
// ill-formed UTF-8 becomes U+FFFD symbol tokens instead of failing (validation is the caller's
// job).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attune::affect {

enum class TokenKind : uint8_t {
  kWord,         // letters/digits, inner apostrophes ("don't", "café", "24h")
  kPunct,        // a run of one ASCII punctuation character, e.g. "!!!" or "?"
  kEmoticon,     // ":)", ":(", "<3" ...
  kSymbol,       // one emoji or other pictograph (with its modifiers)
  kPlaceholder,  // "[NAME]", "[RELIGION]": GoEmotions' anonymisation markers
};

struct Token {
  uint32_t begin = 0;  // byte offsets into the original text, [begin, end)
  uint32_t end = 0;
  uint32_t norm_begin = 0;  // offsets into TokenizedText::norm
  uint32_t norm_size = 0;
  TokenKind kind = TokenKind::kWord;
  bool negated = false;     // inside the scope of a preceding negator (see negation.h)
  bool is_negator = false;  // "not", "never", "don't" ...
  bool all_caps = false;    // a word of 2+ letters written in capitals ("STOP")
};

// The tokens of one text plus one buffer holding their normalised forms (lower-cased ASCII, curly
// apostrophes straightened, letter runs capped at three: "soooo" -> "sooo"). Reuse one instance
// across calls to avoid allocations on hot paths.
struct TokenizedText {
  std::string norm;
  std::vector<Token> tokens;

  std::string_view Norm(const Token& t) const {
    return std::string_view(norm).substr(t.norm_begin, t.norm_size);
  }
  void Clear() {
    norm.clear();
    tokens.clear();
  }
};

// Tokenizes `text` into `out` (cleared first) and marks negation scopes.
void Tokenize(std::string_view text, TokenizedText& out);

}  // namespace attune::affect
