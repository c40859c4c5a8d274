#pragma once
// UTF-8 checks for untrusted text.
#include <string>
#include <string_view>

namespace attune {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool IsValidUtf8(std::string_view s);
// Replaces every ill-formed sequence with U+FFFD.
std::string SanitizeUtf8(std::string_view s);

// `s` with ASCII letters lower-cased and every other byte kept (UUIDs, media types, header names).
std::string AsciiLower(std::string_view s);

}  // namespace attune
