#pragma once
// The label sets the model predicts: the fine GoEmotions labels and two coarser groupings of them
// (Ekman-6 + neutral, sentiment + neutral). Each grouping gets its own trained heads, because a
// classifier trained on the coarse target beats summing fine-label probabilities.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace attune::affect {

struct Grouping {
  std::string name;                 // "ekman", "sentiment"
  std::vector<std::string> groups;  // e.g. anger, disgust, ..., neutral
  std::vector<int> group_of_label;  // fine label index -> group index

  int Find(std::string_view group) const;
};

struct LabelSchema {
  std::vector<std::string> labels;  // fine labels in data order; GoEmotions: 28, last "neutral"
  Grouping ekman;
  Grouping sentiment;

  int Find(std::string_view label) const;
  int num_heads() const {
    return static_cast<int>(labels.size() + ekman.groups.size() + sentiment.groups.size());
  }
  int ekman_offset() const { return static_cast<int>(labels.size()); }
  int sentiment_offset() const { return ekman_offset() + static_cast<int>(ekman.groups.size()); }

  // Builds a grouping from `group -> fine labels` lists; labels not listed map to a group named
  // like themselves when it exists (GoEmotions' "neutral"), otherwise it is an error.
  static Result<Grouping> MakeGrouping(
      const std::vector<std::string>& labels, std::string name,
      const std::vector<std::pair<std::string, std::vector<std::string>>>& groups);
  Status Validate() const;
};

}  // namespace attune::affect
