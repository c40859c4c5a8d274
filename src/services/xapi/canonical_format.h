#pragma once
// The "canonical" format of GET /statements (xAPI 1.0.3 Communication 2.1.3, Data 2.4.x): every
// language map is cut down to the one entry that best suits the reader's languages.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace attune::xapi {

// Returns `stmt` (already validated) with each language map (verb display, activity name and
// description, interaction component descriptions, attachment display and description, also inside
// SubStatements and context activities) reduced to one entry. `accept_languages` is in order of
// preference, without q-values (the HTTP layer sorts Accept-Language). For each range in turn the
// key is found by RFC 4647 lookup: an exact match (case-insensitive), then the range truncated at
// its last subtag ("en-US" finds "en"), then a key that extends the range ("en" finds "en-GB");
// "*" takes any. When nothing matches, the first key in the map's (sorted) order is kept.
// Extensions are never touched: their contents are not ours to interpret.
nlohmann::json CanonicalFormat(const nlohmann::json& stmt,
                               const std::vector<std::string>& accept_languages);

// The key of `language_map` that CanonicalFormat keeps; empty when the map is empty.
std::string PickLanguage(const nlohmann::json& language_map,
                         const std::vector<std::string>& accept_languages);

}  // namespace attune::xapi
