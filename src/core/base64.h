#pragma once
// Base64 (RFC 4648 section 4) and base64url (section 5). Used for HTTP Basic credentials, binary
// columns and JWS.
#include <optional>
#include <string>
#include <string_view>

namespace attune {

std::string Base64Encode(std::string_view bytes);
std::string Base64UrlEncode(std::string_view bytes);  // without padding, as JWS uses it
// Strict decoding: any character outside the alphabet (or misplaced padding) gives nullopt.
// Padding is required for Base64Decode and optional for Base64UrlDecode.
std::optional<std::string> Base64Decode(std::string_view text);
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace attune
