#pragma once
// Authored content (the item bank, the scenario library) is a directory of text files read at
// start-up. These read them in a stable order with errors that name the path.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace attune {

// kNotFound when the file cannot be opened.
Result<std::string> ReadTextFile(const std::filesystem::path& path);

// Every regular file under `dir` (recursively) whose name ends in `extension` (".yaml"), sorted
// by path. kNotFound, naming `what` ("item bank"), when `dir` is not a directory.
Result<std::vector<std::filesystem::path>> ListContentFiles(const std::filesystem::path& dir,
                                                            std::string_view extension,
                                                            std::string_view what);

}  // namespace attune
