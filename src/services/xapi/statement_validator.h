#pragma once
// Strict validation and normalisation of xAPI 1.0.3 Statements (IEEE 9274.1.1, "Data" part), the
// first step of the Learning Record Store. It is a pure function: no HTTP, no storage. Every
// rejection is a kInvalidArgument Error whose `field` is a JSON pointer to the offending property.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace attune::xapi {

inline constexpr int kMaxStatementDepth = 32;  // the same limit as JsonBody
inline constexpr std::string_view kVoidedVerb = "http://adlnet.gov/expapi/verbs/voided";

struct ValidationOptions {
  // `stored` and `authority` are the LRS's to set. Statements posted by a client are refused when
  // they carry them unless the caller (say, an import of another LRS's export) trusts the source.
  bool allow_lrs_set_properties = false;
};

struct ValidatedStatement {
  // The statement in normal form: UUIDs lower-cased, timestamps in UTC (see NormaliseTimestamp),
  // single contextActivities objects wrapped in arrays, "version" set to "1.0.0" when absent.
  // Everything else is kept as given.
  nlohmann::json statement;
  std::optional<std::string> id;         // normalised; absent when the client sent none
  std::optional<std::string> timestamp;  // normalised
  bool voiding = false;                  // verb is kVoidedVerb
  std::optional<std::string> voided_statement_id;
};

Result<ValidatedStatement> ValidateStatement(const nlohmann::json& stmt,
                                             const ValidationOptions& options = {});
// The same, taking the statement over rather than copying it (the ingest path: a batch of 100
// statements is 100 trees fewer to build and free).
Result<ValidatedStatement> ValidateStatement(nlohmann::json&& stmt,
                                             const ValidationOptions& options = {});

}  // namespace attune::xapi
