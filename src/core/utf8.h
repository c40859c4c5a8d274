#pragma once
// UTF-8 checks for untrusted text.
#include <string>
#include <string_view>

namespace attune {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool IsValidUtf8(std::string_view s);
// Replaces every ill-formed sequence with U+FFFD.
std::string SanitizeUtf8(std::string_view s);

}  // namespace attune
