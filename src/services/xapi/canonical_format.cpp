#include "services/xapi/canonical_format.h"

#include <string_view>

namespace attune::xapi {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsLanguageMapKey(std::string_view key) {
  return key == "display" || key == "name" || key == "description";
}

void Walk(nlohmann::json& v, const std::vector<std::string>& accept_languages) {
  if (v.is_array()) {
    for (auto& e : v) Walk(e, accept_languages);
    return;
  }
  if (!v.is_object()) return;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (it.key() == "extensions") continue;
    nlohmann::json& child = it.value();
    // In a validated statement these keys hold language maps whenever they hold objects; an
    // Agent's or account's "name" is a string and is left alone.
    if (IsLanguageMapKey(it.key()) && child.is_object()) {
      if (child.size() <= 1) continue;
      std::string keep = PickLanguage(child, accept_languages);
      nlohmann::json reduced = nlohmann::json::object();
      reduced[keep] = child[keep];
      child = std::move(reduced);
      continue;
    }
    Walk(child, accept_languages);
  }
}

}  // namespace

std::string PickLanguage(const nlohmann::json& language_map,
                         const std::vector<std::string>& accept_languages) {
  if (!language_map.is_object() || language_map.empty()) return {};
  for (const std::string& range : accept_languages) {
    if (range == "*") return language_map.begin().key();
    std::string wanted = Lower(range);
    while (!wanted.empty()) {
      for (auto it = language_map.begin(); it != language_map.end(); ++it) {
        if (Lower(it.key()) == wanted) return it.key();
      }
      size_t dash = wanted.rfind('-');
      wanted.resize(dash == std::string::npos ? 0 : dash);
    }
    std::string prefix = Lower(range) + "-";
    for (auto it = language_map.begin(); it != language_map.end(); ++it) {
      if (Lower(it.key()).compare(0, prefix.size(), prefix) == 0) return it.key();
    }
  }
  return language_map.begin().key();
}

nlohmann::json CanonicalFormat(const nlohmann::json& stmt,
                               const std::vector<std::string>& accept_languages) {
  nlohmann::json out = stmt;
  Walk(out, accept_languages);
  return out;
}

}  // namespace attune::xapi
