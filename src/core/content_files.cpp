#include "core/content_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace attune {

Result<std::string> ReadTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kNotFound, path.string() + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error(ErrorCode::kInvalidArgument, path.string() + ": cannot be read");
  return text.str();
}

Result<std::vector<std::filesystem::path>> ListContentFiles(const std::filesystem::path& dir,
                                                            std::string_view extension,
                                                            std::string_view what) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Error(ErrorCode::kNotFound,
                 std::string(what) + " directory " + dir.string() + " does not exist");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace attune
