#include "http/json_body.h"

#include <algorithm>

#include "core/utf8.h"

namespace attune {
namespace {

Error TypeError(const char* key, const char* expected) {
  return Error(ErrorCode::kInvalidArgument, std::string(key) + " must be " + expected, key);
}

}  // namespace

Result<JsonBody> JsonBody::Parse(const std::string& body, std::initializer_list<const char*> keys) {
  if (!IsValidUtf8(body)) {
    return Error(ErrorCode::kInvalidArgument, "the request body is not valid UTF-8");
  }
  bool too_deep = false;
  nlohmann::json j = nlohmann::json::parse(
      body,
      [&](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > kMaxDepth) too_deep = true;
        return !too_deep;
      },
      /*allow_exceptions=*/false);
  if (too_deep) {
    return Error(ErrorCode::kInvalidArgument,
                 "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  if (j.is_discarded())
    return Error(ErrorCode::kInvalidArgument, "the request body is not valid JSON");
  if (!j.is_object())
    return Error(ErrorCode::kInvalidArgument, "the request body must be a JSON object");
  for (const auto& [k, v] : j.items()) {
    if (std::none_of(keys.begin(), keys.end(), [&](const char* allowed) { return k == allowed; })) {
      return Error(ErrorCode::kInvalidArgument, "unknown field '" + k + "'", k);
    }
  }
  return JsonBody(std::move(j));
}

Result<std::string> JsonBody::RequiredString(const char* key, size_t max_bytes) const {
  ASSIGN_OR_RETURN(auto v, OptString(key, max_bytes));
  if (!v) return Error(ErrorCode::kInvalidArgument, std::string(key) + " is required", key);
  return *v;
}

Result<std::optional<std::string>> JsonBody::OptString(const char* key, size_t max_bytes) const {
  auto it = j_.find(key);
  if (it == j_.end()) return std::optional<std::string>();
  if (!it->is_string()) return TypeError(key, "a string");
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes) {
    return Error(ErrorCode::kInvalidArgument,
                 std::string(key) + " is longer than " + std::to_string(max_bytes) + " bytes", key);
  }
  return std::optional<std::string>(s);
}

Result<std::optional<std::optional<std::string>>> JsonBody::NullableString(const char* key) const {
  using R = std::optional<std::optional<std::string>>;
  auto it = j_.find(key);
  if (it == j_.end()) return R();
  if (it->is_null()) return R(std::optional<std::string>());
  if (!it->is_string()) return TypeError(key, "a string or null");
  return R(it->get<std::string>());
}

Result<std::optional<int>> JsonBody::OptInt(const char* key) const {
  auto it = j_.find(key);
  if (it == j_.end()) return std::optional<int>();
  if (!it->is_number_integer()) return TypeError(key, "an integer");
  auto v = it->get<int64_t>();
  if (v < INT32_MIN || v > INT32_MAX) return TypeError(key, "a 32-bit integer");
  return std::optional<int>(static_cast<int>(v));
}

Result<std::optional<bool>> JsonBody::OptBool(const char* key) const {
  auto it = j_.find(key);
  if (it == j_.end()) return std::optional<bool>();
  if (!it->is_boolean()) return TypeError(key, "true or false");
  return std::optional<bool>(it->get<bool>());
}

Result<std::optional<std::vector<std::string>>> JsonBody::OptStringArray(const char* key,
                                                                         size_t max_items) const {
  using R = std::optional<std::vector<std::string>>;
  auto it = j_.find(key);
  if (it == j_.end()) return R();
  if (!it->is_array() || it->size() > max_items) return TypeError(key, "an array of strings");
  std::vector<std::string> out;
  for (const auto& e : *it) {
    if (!e.is_string()) return TypeError(key, "an array of strings");
    out.push_back(e.get<std::string>());
  }
  return R(std::move(out));
}

}  // namespace attune
