#pragma once
// The item bank: assessment and practice items authored as YAML files under content/items/
// (format: docs/item-bank.md), validated on load. Any error stops the load and names the file,
// line, item and field, so an author can fix it without reading code.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "engines/irt/item_selector.h"

namespace attune::practice {

enum class Modality { kRecognition = 0, kUnderstanding = 1, kManagement = 2 };
inline constexpr int kModalities = 3;
std::string_view ModalityName(Modality m);

struct ItemOption {
  std::string id;        // for recognition items, the emotion name
  std::string text;      // what the learner sees
  std::string emotion;   // empty for management options without one
  std::string feedback;  // management only: why this response helps or hurts
};

struct Item {
  std::string id;
  int version = 1;
  Modality modality = Modality::kRecognition;
  std::string setting;
  std::vector<std::string> roles;
  std::vector<std::string> seniority;
  std::vector<std::string> targets;
  std::string stem;
  std::string question;
  std::vector<ItemOption> options;
  std::string key;  // the id of the correct option
  std::string explanation;
  irt::ItemParameters irt;
  std::string source;  // "file:line" where the item starts

  const ItemOption* Option(std::string_view option_id) const;
  // The position of an option in `options`, or -1.
  int OptionIndex(std::string_view option_id) const;
  // An answer given to `answered_version` of the item, as the IRT models see it: right or wrong,
  // and which option (-1 when not given, or when the answer was to another version, whose
  // options may differ from this one's).
  irt::ItemAnswer ScoredAnswer(bool correct, const std::optional<std::string>& option_id,
                               int64_t answered_version) const;
  // The emotion of the keyed option, else the first target.
  std::string_view KeyEmotion() const;
  bool IsFor(std::string_view role, std::string_view seniority_level) const;
};

class ItemBank {
 public:
  // Every *.yaml file under `dir`, recursively, in path order.
  static Result<ItemBank> LoadDirectory(const std::filesystem::path& dir);
  // One file's text; `file_name` is used in error messages only.
  static Result<std::vector<Item>> ParseFile(std::string_view text, const std::string& file_name);
  static Result<ItemBank> FromItems(std::vector<Item> items);

  const std::vector<Item>& items() const { return items_; }
  // The index of an item id, or -1.
  int IndexOf(std::string_view id) const;
  // The bank as the IRT engine sees it (same indexes), using `parameters` where given (the
  // calibrated values) and each item's authored parameters otherwise.
  std::vector<irt::BankItem> ToIrtBank(
      const std::unordered_map<std::string, irt::ItemParameters>& parameters = {}) const;
  // How many options each item has and which is keyed (same indexes), for calibrating the nominal
  // model of the options.
  std::vector<irt::ItemChoices> Choices() const;

 private:
  std::vector<Item> items_;
  std::unordered_map<std::string, int> index_;
};

}  // namespace attune::practice
