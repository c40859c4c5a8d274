#pragma once
// Lexical checks for the value formats that xAPI 1.0.3 (IEEE 9274.1.1, "Data") names: UUIDs, IRIs,
// IRLs, RFC 5646 language tags, ISO 8601 durations and timestamps, mailto IRIs, SHA hashes and
// Internet media types. They are syntactic only: nothing is resolved or looked up.
#include <string>
#include <string_view>

#include "core/result.h"

namespace attune::xapi {

// 8-4-4-4-12 hex digits with hyphens, any variant and version, either case.
bool IsUuid(std::string_view s);
// An absolute IRI: a scheme (RFC 3987), a colon and a non-empty rest, with no whitespace, control
// characters or characters that IRIs exclude, and well-formed percent-encodings and UTF-8.
bool IsIri(std::string_view s);
// An IRI that can be dereferenced: it has an authority ("scheme://host...").
bool IsIrl(std::string_view s);
// A well-formed RFC 5646 language tag (including private use and the irregular grandfathered tags).
// Well-formed, not valid: subtags are not checked against the IANA registry, except that the
// primary language subtag must have 2 or 3 letters (4-8 letter ones are reserved or unregistered).
bool IsLanguageTag(std::string_view s);
// An ISO 8601 duration: PnYnMnDTnHnMnS (any subset, in order, a fraction only on the last
// component) or PnW.
bool IsIso8601Duration(std::string_view s);
// "mailto:" followed by an address with a local part and a domain.
bool IsMailtoIri(std::string_view s);
// 40 hex digits, either case.
bool IsSha1Hex(std::string_view s);
// The hex digest of SHA-224, -256, -384 or -512 (56, 64, 96 or 128 hex digits).
bool IsSha2Hex(std::string_view s);
// "type/subtype" made of RFC 7230 token characters, optionally followed by "; parameters".
bool IsMediaType(std::string_view s);

// Checks an ISO 8601 date-time that carries a time zone ("Z" or an offset; "-00:00" is refused as
// the spec requires) and returns it in UTC in one canonical form, "YYYY-MM-DDThh:mm:ss[.f...]Z".
// The fraction of a second keeps exactly the digits given, so no precision is lost or invented.
// The error's message says what is wrong; its field is empty (the caller knows the field).
Result<std::string> NormaliseTimestamp(std::string_view s);

}  // namespace attune::xapi
