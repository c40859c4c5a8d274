#include "engines/affect/goemotions_dataset.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace attune::affect {

Result<std::vector<LabeledText>> ParseGoEmotionsTsv(std::string_view tsv, int num_labels) {
  std::vector<LabeledText> out;
  size_t start = 0, line_no = 0;
  while (start < tsv.size()) {
    size_t nl = tsv.find('\n', start);
    std::string_view line = tsv.substr(start, nl == std::string_view::npos ? nl : nl - start);
    start = nl == std::string_view::npos ? tsv.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    auto bad = [&](const char* why) {
      return Error(ErrorCode::kInvalidArgument,
                   "GoEmotions line " + std::to_string(line_no) + ": " + why);
    };
    size_t t1 = line.find('\t');
    size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) return bad("expected text<TAB>labels<TAB>id");
    LabeledText ex;
    ex.text = std::string(line.substr(0, t1));
    std::string_view ids = line.substr(t1 + 1, t2 - t1 - 1);
    size_t p = 0;
    while (p <= ids.size()) {
      size_t comma = ids.find(',', p);
      std::string_view id = ids.substr(p, comma == std::string_view::npos ? comma : comma - p);
      int v = -1;
      auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), v);
      if (ec != std::errc() || end != id.data() + id.size() || v < 0 || v >= num_labels)
        return bad("label id out of range");
      ex.labels.push_back(v);
      if (comma == std::string_view::npos) break;
      p = comma + 1;
    }
    std::sort(ex.labels.begin(), ex.labels.end());
    ex.labels.erase(std::unique(ex.labels.begin(), ex.labels.end()), ex.labels.end());
    out.push_back(std::move(ex));
  }
  return out;
}

Result<std::vector<LabeledText>> ReadGoEmotionsTsv(const std::string& path, int num_labels) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kNotFound, "cannot open " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return ParseGoEmotionsTsv(buf.str(), num_labels);
}

}  // namespace attune::affect
