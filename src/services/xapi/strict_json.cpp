#include "services/xapi/strict_json.h"

#include <set>
#include <vector>

#include "services/xapi/statement_validator.h"

namespace attune::xapi {
namespace {

struct Refusal {
  std::string message;
};
struct DuplicateKey {};

// Parses `text`, refusing objects nested too deep and, when `name_duplicates`, naming the first
// key that appears twice in one object. Without it a duplicate is only detected (DuplicateKey):
// an object that closes with fewer members than keys were read had one overwritten, which costs
// a counter per object instead of a copy of every key.
nlohmann::json Parse(std::string_view text, bool name_duplicates) {
  using nlohmann::json;
  std::vector<size_t> counts;               // keys read, one per open object
  std::vector<std::set<std::string>> keys;  // when naming duplicates
  auto callback = [&](int depth, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        counts.push_back(0);
        if (name_duplicates) keys.emplace_back();
        [[fallthrough]];
      case json::parse_event_t::array_start:
        if (depth >= kMaxStatementDepth) {
          throw Refusal{"the JSON is nested deeper than " + std::to_string(kMaxStatementDepth) +
                        " levels"};
        }
        break;
      case json::parse_event_t::object_end:
        if (!counts.empty()) {
          if (counts.back() != parsed.size()) throw DuplicateKey{};
          counts.pop_back();
        }
        if (!keys.empty()) keys.pop_back();
        break;
      case json::parse_event_t::key:
        if (!counts.empty()) ++counts.back();
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
  return json::parse(text.begin(), text.end(), callback);
}

}  // namespace

Result<nlohmann::json> ParseStrictJson(std::string_view text) {
  using nlohmann::json;
  try {
    try {
      return Parse(text, /*name_duplicates=*/false);
    } catch (const DuplicateKey&) {
      return Parse(text, /*name_duplicates=*/true);  // again, to say which key
    }
  } catch (const Refusal& r) {
    return Error(ErrorCode::kInvalidArgument, r.message);
  } catch (const DuplicateKey&) {
    return Error(ErrorCode::kInvalidArgument, "a key appears twice in one object");
  } catch (const json::exception& e) {
    return Error(ErrorCode::kInvalidArgument,
                 std::string("the body is not valid JSON: ") + e.what());
  }
}

}  // namespace attune::xapi
