#pragma once
// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines (EPITOME's replies do).
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace attune::affect {

// Rows of fields; a trailing newline does not add an empty row. An unterminated quote is an error.
Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view csv);

}  // namespace attune::affect
