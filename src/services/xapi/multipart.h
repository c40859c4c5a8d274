#pragma once
// multipart/mixed bodies (RFC 2046 section 5.1) as xAPI 1.0.3 carries Statements with their
// Attachments (IEEE 9274.1.1 Communication 1.5.2): the Statements as JSON in the first part, the
// raw data of each Attachment in a part of its own, matched to its Attachment Object by the SHA-2
// hash in the part's X-Experience-API-Hash header. Pure functions: no HTTP, no storage.
//
// Line breaks: RFC 2046 frames parts with CRLF, and so does every function here. A body that
// contains no CR byte at all cannot be CRLF-framed, so ParseMultipart reads such a body with bare
// LF line breaks (hand-written test clients send these). A body with any CR in it is read as CRLF
// only: guessing per line would let a bare LF inside binary data end a part early.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace attune::xapi {

inline constexpr std::string_view kHashHeader = "X-Experience-API-Hash";

struct MultipartPart {
  // The part's header fields in the order sent, names as sent, values with surrounding whitespace
  // removed and folded lines joined.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The value of the first header named `name` (compared case-insensitively), if any.
  std::optional<std::string_view> Header(std::string_view name) const;
  // How many headers are named `name`, so callers can refuse ambiguous repeats.
  size_t HeaderCount(std::string_view name) const;
};

// The boundary parameter of a Content-Type such as `multipart/mixed; boundary="a b"`: the
// parameter name is case-insensitive, the value a token or a quoted-string (RFC 7231 3.1.1.1).
// Errors (kInvalidArgument) when it is missing, repeated, or not 1-70 RFC 2046 boundary
// characters (the last not a space). An unquoted value is taken up to the next ";" and may use
// any boundary character, although RFC 2045 would have "/", ":", "=" and "?" quoted: clients
// send them unquoted and the value is unambiguous.
Result<std::string> MultipartBoundary(std::string_view content_type);

// Splits `body` into its parts. The preamble before the first delimiter line and the epilogue
// after the close delimiter are ignored, as is transport padding (spaces and tabs) after a
// delimiter. A delimiter counts only at the start of a line, so the boundary may appear inside
// data elsewhere. Errors (kInvalidArgument): the boundary never appears, no close delimiter
// ("--boundary--"), a part whose header block does not end with an empty line, or a malformed
// header line. A part may have no headers at all (it then starts with the empty line).
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary);

struct XapiMultipart {
  // The first part: one Statement or an array of them, as sent (parse and validate it next).
  std::string statements_json;
  // Attachment data by its X-Experience-API-Hash, in lower case. Each entry's hash has been
  // checked against the data. A hash sent twice keeps one copy (the data is identical).
  std::map<std::string, std::string> attachments;
  // The Content-Type each attachment part declared, by the same key; absent when the part had
  // none (Communication 1.5.2 only says a part SHOULD have one).
  std::map<std::string, std::string> content_types;
};

// Parses an xAPI Statement request body. `content_type` is the request's Content-Type header and
// must be multipart/mixed with a boundary. The first part must be application/json. Every other
// part must have "Content-Transfer-Encoding: binary" and an X-Experience-API-Hash holding the
// SHA-2 hex digest of its data (SHA-224, -256, -384 or -512, told apart by length), and the data
// must have that digest. Each rule broken is a kInvalidArgument error that says which part;
// a hash mismatch names the hash. Matching parts to the Statements' Attachment Objects (and
// refusing parts that match none) is the caller's job: it needs the parsed Statements.
Result<XapiMultipart> ParseXapiMultipart(std::string_view body, std::string_view content_type);

// One attachment to send in a multipart response.
struct OutgoingAttachment {
  std::string_view sha2;          // sent as X-Experience-API-Hash, as given
  std::string_view content_type;  // empty sends application/octet-stream
  std::string_view data;
};

// A boundary that occurs in none of the content, so it can frame it. Deterministic: derived from
// the JSON and the hashes, lengthened in the (unlikely) case that it occurs.
std::string ChooseBoundary(std::string_view statements_json,
                           const std::vector<OutgoingAttachment>& attachments);

// The Content-Type header for a body built with `boundary`.
std::string MultipartContentType(std::string_view boundary);

// A multipart/mixed body in the xAPI format (Communication 1.5.2), for GET /statements with
// attachments=true: the Statement result JSON first (application/json), then one part per
// attachment with Content-Type, "Content-Transfer-Encoding: binary" and X-Experience-API-Hash.
// `boundary` must occur in none of the content; ChooseBoundary picks one that does not.
std::string BuildMultipart(std::string_view statements_json,
                           const std::vector<OutgoingAttachment>& attachments,
                           std::string_view boundary);

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Lower-case hex SHA-2 digest of `data` whose hex form has `hex_len` digits: 56 (SHA-224),
// 64 (SHA-256), 96 (SHA-384) or 128 (SHA-512). Any other length gives an empty string.
std::string Sha2Hex(std::string_view data, size_t hex_len);

}  // namespace attune::xapi
