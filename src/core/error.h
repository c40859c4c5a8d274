#pragma once
// Canonical error codes shared by every module. One table in src/http maps them to HTTP statuses.
#include <string>
#include <string_view>
#include <utility>

namespace attune {

enum class ErrorCode {
  kInvalidArgument,   // malformed input: bad JSON, wrong type, bad CSV row
  kUnauthenticated,   // no or bad credentials, expired session
  kPermissionDenied,  // authenticated but not allowed
  kNotFound,
  kAlreadyExists,       // unique key taken
  kConflict,            // state does not allow the operation (e.g. ETag mismatch, double submit)
  kFailedPrecondition,  // e.g. consent missing, jurisdiction forbids
  kPayloadTooLarge,
  kUnsupportedMediaType,
  kRateLimited,
  kUnavailable,  // a dependency (database) is unreachable; retrying may help
  kInternal,     // a bug or a broken invariant
};

std::string_view ErrorCodeName(ErrorCode code);

// An error: a code for machines and a message for people. `field` names the offending input field
// (a JSON pointer or CSV column) when there is one, so clients can highlight it.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;

  Error() = default;
  Error(ErrorCode c, std::string m, std::string f = {})
      : code(c), message(std::move(m)), field(std::move(f)) {}
};

}  // namespace attune
