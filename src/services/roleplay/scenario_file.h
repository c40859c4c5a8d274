#pragma once
// Role-play scenarios as YAML files (docs/scenarios.md), validated on load: every error names the
// file and line, and the dialogue graph is checked (reachability, dead ends, fallbacks).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "engines/scenario/scenario.h"

namespace attune::roleplay {

// One scenario file's text; `file_name` is used in messages only.
Result<scenario::Scenario> ParseScenario(std::string_view text, const std::string& file_name);
Result<scenario::Scenario> LoadScenarioFile(const std::filesystem::path& path);
// Every *.yaml under `dir`, in path order; ids must be unique.
Result<std::vector<scenario::Scenario>> LoadScenarioLibrary(const std::filesystem::path& dir);

}  // namespace attune::roleplay
