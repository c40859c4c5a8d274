#pragma once
// RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends, a UTF-8 BOM tolerated.
// Records keep the physical line number they start on, for error reports.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace attune {

struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// kInvalidArgument (naming the line) for an unterminated quote or a stray quote inside a field.
Result<std::vector<CsvRecord>> ParseCsv(std::string_view text);

}  // namespace attune
