#include "engines/affect/label_schema.h"

#include <algorithm>

namespace attune::affect {

int Grouping::Find(std::string_view group) const {
  auto it = std::find(groups.begin(), groups.end(), group);
  return it == groups.end() ? -1 : static_cast<int>(it - groups.begin());
}

int LabelSchema::Find(std::string_view label) const {
  auto it = std::find(labels.begin(), labels.end(), label);
  return it == labels.end() ? -1 : static_cast<int>(it - labels.begin());
}

Result<Grouping> LabelSchema::MakeGrouping(
    const std::vector<std::string>& labels, std::string name,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& groups) {
  Grouping g;
  g.name = std::move(name);
  g.group_of_label.assign(labels.size(), -1);
  for (const auto& [group, members] : groups) {
    g.groups.push_back(group);
    for (const std::string& m : members) {
      auto it = std::find(labels.begin(), labels.end(), m);
      if (it == labels.end())
        return Error(ErrorCode::kInvalidArgument,
                     g.name + " grouping names unknown label '" + m + "'");
      g.group_of_label[it - labels.begin()] = static_cast<int>(g.groups.size() - 1);
    }
  }
  // Labels left over (GoEmotions' neutral) become groups of their own, in label order.
  for (size_t i = 0; i < labels.size(); ++i) {
    if (g.group_of_label[i] >= 0) continue;
    g.groups.push_back(labels[i]);
    g.group_of_label[i] = static_cast<int>(g.groups.size() - 1);
  }
  return g;
}

Status LabelSchema::Validate() const {
  if (labels.empty()) return Error(ErrorCode::kInvalidArgument, "no labels");
  for (const Grouping* g : {&ekman, &sentiment}) {
    if (g->group_of_label.size() != labels.size())
      return Error(ErrorCode::kInvalidArgument, g->name + " grouping does not cover every label");
    for (int x : g->group_of_label)
      if (x < 0 || x >= static_cast<int>(g->groups.size()))
        return Error(ErrorCode::kInvalidArgument, g->name + " grouping has a bad group index");
  }
  return Ok();
}

}  // namespace attune::affect
