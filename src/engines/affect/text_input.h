#pragma once
// Checks untrusted text before analysis. The engine refuses what it cannot analyse meaningfully
// (empty, ill-formed UTF-8, binary) with kInvalidArgument so an API can answer 400, and truncates
// over-long text rather than refusing it, saying so in the result.
#include <cstddef>
#include <string_view>

#include "core/result.h"

namespace attune::affect {

inline constexpr size_t kMaxTextChars = 10000;  // code points analysed per text

struct CheckedText {
  std::string_view text;  // the part to analyse (a prefix of the input)
  bool truncated = false;
  size_t original_chars = 0;  // code points in the input
};

// Errors: empty or whitespace-only text; ill-formed UTF-8 (the message gives the byte offset);
// binary data (a NUL byte, or more than 10% control characters other than tab/newline/CR).
Result<CheckedText> CheckText(std::string_view text, size_t max_chars = kMaxTextChars);

}  // namespace attune::affect
