#include "engines/affect/lexicon.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "engines/affect/stable_hash.h"

namespace attune::affect {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

template <typename F>
void ForEachLine(std::string_view text, F&& f) {
  size_t start = 0;
  size_t line_no = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? nl : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    f(line, ++line_no);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
}

}  // namespace

Status Lexicon::AddVaderTsv(std::string_view tsv) {
  Status status;
  ForEachLine(tsv, [&](std::string_view line, size_t line_no) {
    if (line.empty() || !status.ok()) return;
    auto cols = SplitTabs(line);
    float v = 0;
    if (cols.size() < 2 ||
        std::from_chars(cols[1].data(), cols[1].data() + cols[1].size(), v).ec != std::errc()) {
      status = Error(ErrorCode::kInvalidArgument,
                     "VADER lexicon line " + std::to_string(line_no) + " is not word<TAB>valence");
      return;
    }
    AddVader(std::string(cols[0]), v);
  });
  return status;
}

Status Lexicon::AddEmpathTsv(std::string_view tsv) {
  ForEachLine(tsv, [&](std::string_view line, size_t) {
    auto cols = SplitTabs(line);
    if (cols.size() < 2 || cols[0].empty()) return;
    std::vector<std::string> words;
    for (size_t i = 1; i < cols.size(); ++i)
      if (!cols[i].empty() && cols[i].find('_') == std::string_view::npos)
        words.emplace_back(cols[i]);
    // Empath repeats a few words inside a category; keep each once so counts are not inflated.
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    AddCategory(std::string(cols[0]), std::move(words));
  });
  if (category_names_.empty())
    return Error(ErrorCode::kInvalidArgument, "Empath lexicon has no categories");
  return Ok();
}

void Lexicon::AddVader(std::string word, float valence) {
  vader_.emplace_back(std::move(word), valence);
}

void Lexicon::AddCategory(std::string name, std::vector<std::string> words) {
  category_names_.push_back(std::move(name));
  category_words_.push_back(std::move(words));
}

void Lexicon::Build() {
  // Gather categories per word in category order; std::map keeps the build deterministic.
  std::map<uint64_t, std::vector<uint16_t>> cats;
  for (size_t c = 0; c < category_words_.size(); ++c)
    for (const std::string& w : category_words_[c])
      cats[HashBytes(w)].push_back(static_cast<uint16_t>(c));
  table_.clear();
  category_ids_.clear();
  for (auto& [h, ids] : cats) {
    Entry e;
    e.first_category = static_cast<uint32_t>(category_ids_.size());
    e.num_categories = static_cast<uint32_t>(ids.size());
    category_ids_.insert(category_ids_.end(), ids.begin(), ids.end());
    table_[h] = e;
  }
  for (const auto& [w, v] : vader_) table_[HashBytes(w)].vader = v;
}

}  // namespace attune::affect
