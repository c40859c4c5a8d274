#include "core/csv_reader.h"

namespace attune {

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRecord> records;
  CsvRecord current;
  std::string field;
  int line = 1;
  current.line = 1;
  bool in_quotes = false, field_was_quoted = false, record_has_content = false;
  auto end_field = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    field_was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    // Blank lines are skipped rather than reported as one-column rows.
    if (record_has_content || current.fields.size() > 1) records.push_back(std::move(current));
    current = CsvRecord{};
    record_has_content = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (!field.empty() || field_was_quoted) {
          return Error(ErrorCode::kInvalidArgument,
                       "line " + std::to_string(line) + ": a quote inside an unquoted field");
        }
        in_quotes = field_was_quoted = record_has_content = true;
        break;
      case ',':
        end_field();
        record_has_content = true;
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;
        [[fallthrough]];
      case '\n':
        end_record();
        current.line = ++line;
        break;
      default:
        if (field_was_quoted) {
          return Error(ErrorCode::kInvalidArgument,
                       "line " + std::to_string(line) + ": text after a closing quote");
        }
        field += c;
        record_has_content = true;
    }
  }
  if (in_quotes) {
    return Error(ErrorCode::kInvalidArgument,
                 "line " + std::to_string(current.line) + ": a quoted field is never closed");
  }
  if (!field.empty() || !current.fields.empty() || record_has_content) end_record();
  return records;
}

}  // namespace attune
