#include "services/xapi/strict_json.h"

#include <set>
#include <vector>

#include "services/xapi/statement_validator.h"

namespace attune::xapi {
namespace {

struct Refusal {
  std::string message;
};

}  // namespace

Result<nlohmann::json> ParseStrictJson(std::string_view text) {
  using nlohmann::json;
  std::vector<std::set<std::string>> keys;  // one set per open object
  auto callback = [&](int depth, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        keys.emplace_back();
        [[fallthrough]];
      case json::parse_event_t::array_start:
        if (depth >= kMaxStatementDepth) {
          throw Refusal{"the JSON is nested deeper than " + std::to_string(kMaxStatementDepth) +
                        " levels"};
        }
        break;
      case json::parse_event_t::object_end:
        if (!keys.empty()) keys.pop_back();
        break;
      case json::parse_event_t::key:
        if (!keys.empty() && !keys.back().insert(parsed.get<std::string>()).second) {
          throw Refusal{"the key \"" + parsed.get<std::string>() +
                        "\" appears twice in one object"};
        }
        break;
      default:
        break;
    }
    return true;
  };
  try {
    return json::parse(text.begin(), text.end(), callback);
  } catch (const Refusal& r) {
    return Error(ErrorCode::kInvalidArgument, r.message);
  } catch (const json::exception& e) {
    return Error(ErrorCode::kInvalidArgument,
                 std::string("the body is not valid JSON: ") + e.what());
  }
}

}  // namespace attune::xapi
