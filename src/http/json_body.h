#pragma once
// Strict reading of JSON request bodies: the body must be an object of known keys (closed schema),
// nested no deeper than kMaxDepth, with each value of the declared type. Every failure names the
// offending field.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace attune {

class JsonBody {
 public:
  static constexpr int kMaxDepth = 32;
  static Result<JsonBody> Parse(const std::string& body, std::initializer_list<const char*> keys);

  Result<std::string> RequiredString(const char* key, size_t max_bytes = 10'000) const;
  Result<std::optional<std::string>> OptString(const char* key, size_t max_bytes = 10'000) const;
  // Absent -> nullopt; null -> optional(nullopt); string -> optional(value).
  Result<std::optional<std::optional<std::string>>> NullableString(const char* key) const;
  Result<std::optional<int>> OptInt(const char* key) const;
  Result<std::optional<bool>> OptBool(const char* key) const;
  Result<std::optional<std::vector<std::string>>> OptStringArray(const char* key,
                                                                 size_t max_items = 100) const;

 private:
  explicit JsonBody(nlohmann::json j) : j_(std::move(j)) {}
  nlohmann::json j_;
};

}  // namespace attune
