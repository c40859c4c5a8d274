#include "engines/affect/tokenizer.h"

#include <array>

#include "engines/affect/negation.h"

namespace attune::affect {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at s[i]; ill-formed input yields U+FFFD with length 1 so that scanning
// always advances.
char32_t Decode(std::string_view s, size_t i, size_t* len) {
  auto b = [&](size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<uint8_t>(s[i + k]) : 0;
  };
  auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  unsigned b0 = b(0);
  *len = 1;
  if (b0 < 0x80) return b0;
  if (b0 >= 0xC2 && b0 <= 0xDF && cont(1)) {
    *len = 2;
    return ((b0 & 0x1F) << 6) | (b(1) & 0x3F);
  }
  if (b0 >= 0xE0 && b0 <= 0xEF && cont(1) && cont(2)) {
    char32_t cp = ((b0 & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return kReplacement;
    *len = 3;
    return cp;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    char32_t cp =
        ((b0 & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    if (cp < 0x10000 || cp > 0x10FFFF) return kReplacement;
    *len = 4;
    return cp;
  }
  return kReplacement;
}

enum class CharClass { kSpace, kLetter, kApostrophe, kPunct, kSymbol, kModifier };

CharClass Classify(char32_t cp) {
  if (cp < 0x80) {
    if (cp <= 0x20 || cp == 0x7F) return CharClass::kSpace;  // controls count as separators
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
      return CharClass::kLetter;
    if (cp == '\'') return CharClass::kApostrophe;
    return CharClass::kPunct;
  }
  if (cp == 0x2019 || cp == 0x2018) return CharClass::kApostrophe;
  if (cp < 0xA0 || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000 || cp == 0x2028 ||
      cp == 0x2029 || cp == 0xFEFF)
    return CharClass::kSpace;
  // Zero-width joiner, variation selectors and skin-tone modifiers belong to the preceding emoji.
  if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
      cp == 0x20E3)
    return CharClass::kModifier;
  if (cp >= 0xA1 && cp <= 0xBF) return CharClass::kPunct;      // Latin-1 punctuation and signs
  if (cp >= 0x2010 && cp <= 0x206F) return CharClass::kPunct;  // dashes, quotes, ellipsis
  if (cp >= 0x2070 && cp < 0x3000) return CharClass::kSymbol;  // arrows, dingbats, misc symbols
  if (cp >= 0x1F000 || cp == kReplacement) return CharClass::kSymbol;  // emoji, replacement char
  return CharClass::kLetter;  // other scripts: Latin extended, Greek, Cyrillic, CJK ...
}

constexpr std::array<std::string_view, 19> kEmoticons = {
    ":-)", ":-(", ":-D", ";-)", ":'(", ":)", ":(", ":D", ";)", ":P",
    ":p",  ":/",  ":|",  "<3",  ":o",  ":O", "=)", "^^", ":3"};

// Longest emoticon starting at s[i], or 0.
size_t MatchEmoticon(std::string_view s, size_t i) {
  for (std::string_view e : kEmoticons) {
    if (s.substr(i, e.size()) == e) {
      // ":/" inside a URL ("https://") is not a face.
      if (e == ":/" && i + 2 < s.size() && s[i + 2] == '/') continue;
      return e.size();
    }
  }
  return 0;
}

char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// "[NAME]" style placeholder at s[i]; returns its length or 0.
size_t MatchPlaceholder(std::string_view s, size_t i) {
  if (s[i] != '[') return 0;
  size_t j = i + 1;
  while (j < s.size() && j - i <= 12 && s[j] >= 'A' && s[j] <= 'Z') ++j;
  return (j > i + 1 && j < s.size() && s[j] == ']') ? j + 1 - i : 0;
}

class Scanner {
 public:
  Scanner(std::string_view text, TokenizedText& out) : s_(text), out_(out) {}

  void Run() {
    size_t i = 0;
    while (i < s_.size()) {
      size_t len;
      char32_t cp = Decode(s_, i, &len);
      CharClass cls = Classify(cp);
      if (cls == CharClass::kSpace) {
        i += len;
      } else if (size_t n = MatchPlaceholder(s_, i)) {
        Emit(i, i + n, TokenKind::kPlaceholder);
        for (size_t k = i; k < i + n; ++k) out_.norm += ToLowerAscii(s_[k]);
        Finish();
        i += n;
      } else if (cls == CharClass::kLetter) {
        i = ScanWord(i);
      } else if (size_t n = (cp < 0x80 ? MatchEmoticon(s_, i) : 0)) {
        Emit(i, i + n, TokenKind::kEmoticon);
        out_.norm.append(s_.substr(i, n));
        Finish();
        i += n;
      } else if (cls == CharClass::kSymbol || cls == CharClass::kModifier) {
        i = ScanSymbol(i, len);
      } else {
        i = ScanPunct(i, cp, len);
      }
    }
  }

 private:
  Token& Emit(size_t begin, size_t end, TokenKind kind) {
    Token t;
    t.begin = static_cast<uint32_t>(begin);
    t.end = static_cast<uint32_t>(end);
    t.norm_begin = static_cast<uint32_t>(out_.norm.size());
    t.kind = kind;
    out_.tokens.push_back(t);
    return out_.tokens.back();
  }
  void Finish() {
    Token& t = out_.tokens.back();
    t.norm_size = static_cast<uint32_t>(out_.norm.size() - t.norm_begin);
  }

  size_t ScanWord(size_t i) {
    Emit(i, i, TokenKind::kWord);
    size_t begin = i;
    int letters = 0, upper = 0;
    char last = 0;
    int run = 0;
    while (i < s_.size()) {
      size_t len;
      char32_t cp = Decode(s_, i, &len);
      CharClass cls = Classify(cp);
      if (cls == CharClass::kApostrophe) {
        // An apostrophe joins only when a letter follows ("don't"), not in "the dogs' ".
        size_t next_len;
        if (i + len >= s_.size() ||
            Classify(Decode(s_, i + len, &next_len)) != CharClass::kLetter || i == begin)
          break;
        out_.norm += '\'';
        last = '\'';
        run = 1;
        i += len;
        continue;
      }
      if (cls != CharClass::kLetter) break;
      if (cp < 0x80) {
        char c = static_cast<char>(cp);
        if (c >= 'A' && c <= 'Z') ++upper;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++letters;
        char lower = ToLowerAscii(c);
        run = (lower == last) ? run + 1 : 1;
        last = lower;
        if (run <= 3 || (lower >= '0' && lower <= '9')) out_.norm += lower;
      } else {
        out_.norm.append(s_.substr(i, len));
        last = 0;
        run = 0;
      }
      i += len;
    }
    Token& t = out_.tokens.back();
    t.end = static_cast<uint32_t>(i);
    t.all_caps = letters >= 2 && upper == letters;
    Finish();
    return i;
  }

  size_t ScanSymbol(size_t i, size_t len) {
    Emit(i, i + len, TokenKind::kSymbol);
    out_.norm.append(s_.substr(i, len));
    i += len;
    // Absorb modifiers (skin tones, variation selectors) and ZWJ sequences into one pictograph.
    while (i < s_.size()) {
      size_t l;
      char32_t cp = Decode(s_, i, &l);
      if (Classify(cp) != CharClass::kModifier) break;
      i += l;
      if (cp == 0x200D && i < s_.size()) {
        size_t l2;
        char32_t next = Decode(s_, i, &l2);
        if (Classify(next) == CharClass::kSymbol) i += l2;
      }
    }
    out_.tokens.back().end = static_cast<uint32_t>(i);
    Finish();
    return i;
  }

  size_t ScanPunct(size_t i, char32_t cp, size_t len) {
    Emit(i, i, TokenKind::kPunct);
    // Curly quotes, dashes and ellipses normalise to their ASCII look-alikes.
    char ascii =
        cp < 0x80 ? static_cast<char>(cp) : (cp == 0x2026 ? '.' : (cp >= 0x201C ? '"' : '-'));
    int n = 0;
    while (i < s_.size()) {
      size_t l;
      char32_t c = Decode(s_, i, &l);
      if (c != cp) break;
      if (n < 3) out_.norm += ascii;
      ++n;
      i += l;
    }
    out_.tokens.back().end = static_cast<uint32_t>(i);
    Finish();
    return i;
  }

  std::string_view s_;
  TokenizedText& out_;
};

}  // namespace

void Tokenize(std::string_view text, TokenizedText& out) {
  out.Clear();
  Scanner(text, out).Run();
  MarkNegation(out);
}

}  // namespace attune::affect
