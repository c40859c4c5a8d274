#pragma once
// Parses xAPI request JSON strictly: RFC 8259 syntax, no duplicate keys in any object (which
// nlohmann::json would silently resolve to the last one, so two readers could see different
// statements) and no nesting deeper than kMaxStatementDepth. Errors are kInvalidArgument and say
// where the problem is.
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/result.h"

namespace attune::xapi {

Result<nlohmann::json> ParseStrictJson(std::string_view text);

}  // namespace attune::xapi
