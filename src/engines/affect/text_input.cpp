#include "engines/affect/text_input.h"

#include <string>

#include "core/utf8.h"

namespace attune::affect {

Result<CheckedText> CheckText(std::string_view text, size_t max_chars) {
  size_t controls = 0;
  bool has_content = false;
  for (unsigned char c : text) {
    if (c == 0)
      return Error(ErrorCode::kInvalidArgument,
                   "text looks like binary data (contains a NUL byte); send plain UTF-8 text");
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ++controls;
    if (c > 0x20 && c != 0x7F) has_content = true;
  }
  if (!has_content) return Error(ErrorCode::kInvalidArgument, "text is empty");
  if (controls * 10 > text.size())
    return Error(ErrorCode::kInvalidArgument, "text looks like binary data (" +
                                                  std::to_string(controls) +
                                                  " control characters); send plain UTF-8 text");
  if (!IsValidUtf8(text)) {
    // Find the first offending byte so a client can locate it: step over well-formed sequences
    // (1-4 bytes each) until none starts at the current offset. Linear in the input size.
    size_t i = 0;
    while (i < text.size()) {
      size_t len = 1;
      while (len <= 4 && !IsValidUtf8(text.substr(i, len))) ++len;
      if (len > 4 || i + len > text.size()) break;
      i += len;
    }
    return Error(ErrorCode::kInvalidArgument,
                 "text is not valid UTF-8 (first bad byte at offset " + std::to_string(i) + ")");
  }
  CheckedText out;
  out.text = text;
  size_t chars = 0, cut = text.size();
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == max_chars) cut = i;
    ++chars;
  }
  out.original_chars = chars;
  if (chars > max_chars) {
    out.text = text.substr(0, cut);
    out.truncated = true;
  }
  return out;
}

}  // namespace attune::affect
