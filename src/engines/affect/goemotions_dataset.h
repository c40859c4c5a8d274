#pragma once
// Reader for the GoEmotions TSV splits: text TAB comma-separated label ids TAB comment id, no
// header, no quoting (see data/goemotions/SOURCE.md).
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace attune::affect {

struct LabeledText {
  std::string text;
  std::vector<int> labels;  // fine label indices, ascending
};

// Parses a whole split; every label id must be in [0, num_labels). Errors name the line.
Result<std::vector<LabeledText>> ParseGoEmotionsTsv(std::string_view tsv, int num_labels);
Result<std::vector<LabeledText>> ReadGoEmotionsTsv(const std::string& path, int num_labels);

}  // namespace attune::affect
