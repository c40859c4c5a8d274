#include "services/practice/item_bank.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "core/content_files.h"
#include "services/practice/emotion_vocabulary.h"

namespace attune::practice {
namespace {

const std::set<std::string, std::less<>> kSettings = {"chat_message", "email", "meeting",
                                                      "conversation", "situation"};
const std::set<std::string, std::less<>> kRoles = {"any",     "sales", "support", "engineering",
                                                   "manager", "hr",    "peer"};
const std::set<std::string, std::less<>> kSeniority = {"any", "ic", "lead", "manager", "director"};
const std::set<std::string, std::less<>> kItemFields = {
    "id",   "version",  "modality", "setting", "roles",       "seniority", "targets",
    "stem", "question", "options",  "key",     "explanation", "irt"};
constexpr size_t kMaxText = 4000;

// Reads one item, collecting the first problem with its position.
class ItemReader {
 public:
  ItemReader(const YAML::Node& node, const std::string& file) : node_(node), file_(file) {}

  Result<Item> Read() {
    Item item;
    item.source = file_ + ":" + std::to_string(node_.Mark().line + 1);
    if (!node_.IsMap()) return Fail(node_, "", "each item must be a mapping of fields");
    item.id = String("id");
    if (ok_ && !ValidId(item.id)) {
      Fail(node_["id"], "id", "must be 1-64 lower-case letters, digits and '-'");
    }
    id_ = item.id;
    for (const auto& entry : node_) {
      const std::string field = entry.first.as<std::string>("");
      if (!kItemFields.count(field)) Fail(entry.first, field, "is not a known field");
    }
    item.version = Int("version");
    if (ok_ && item.version < 1) Fail(node_["version"], "version", "must be 1 or more");
    const std::string modality = String("modality");
    if (modality == "recognition") {
      item.modality = Modality::kRecognition;
    } else if (modality == "understanding") {
      item.modality = Modality::kUnderstanding;
    } else if (modality == "management") {
      item.modality = Modality::kManagement;
    } else if (ok_) {
      Fail(node_["modality"], "modality", "must be recognition, understanding or management");
    }
    item.setting = OneOf("setting", kSettings);
    item.roles = ListOf("roles", kRoles);
    item.seniority = ListOf("seniority", kSeniority);
    item.targets = Emotions("targets");
    if (ok_ && (item.targets.empty() || item.targets.size() > 2)) {
      Fail(node_["targets"], "targets", "must name 1 or 2 emotions");
    }
    item.stem = Text("stem");
    item.question = Text("question");
    item.explanation = Text("explanation");
    if (ok_) ReadOptions(item);
    item.key = String("key");
    if (ok_ && !item.Option(item.key)) {
      Fail(node_["key"], "key", "\"" + item.key + "\" is not one of the options");
    }
    if (ok_ && item.modality == Modality::kRecognition &&
        std::find(item.targets.begin(), item.targets.end(), item.key) == item.targets.end()) {
      Fail(node_["key"], "key", "a recognition item's key must be one of its targets");
    }
    if (ok_) ReadIrt(item);
    if (!ok_) return error_;
    return item;
  }

 private:
  static bool ValidId(const std::string& id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
  }

  Error Fail(const YAML::Node& at, const std::string& field, const std::string& message) {
    if (!ok_) return error_;
    ok_ = false;
    const int line = at.IsDefined() ? at.Mark().line + 1 : node_.Mark().line + 1;
    std::string where = file_ + ":" + std::to_string(line) + ": ";
    if (!id_.empty()) where += "item \"" + id_ + "\": ";
    if (!field.empty()) where += "field \"" + field + "\" ";
    error_ = Error(ErrorCode::kInvalidArgument, where + message, field);
    return error_;
  }

  YAML::Node Required(const std::string& field) {
    YAML::Node n = node_[field];
    if (!n.IsDefined() || n.IsNull()) Fail(node_, field, "is missing");
    return n;
  }

  std::string String(const std::string& field) {
    if (!ok_) return {};
    YAML::Node n = Required(field);
    if (!ok_) return {};
    if (!n.IsScalar()) {
      Fail(n, field, "must be a string");
      return {};
    }
    return n.Scalar();
  }

  std::string Text(const std::string& field) {
    std::string s = String(field);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    if (ok_ && s.empty()) Fail(node_[field], field, "must not be empty");
    if (ok_ && s.size() > kMaxText) Fail(node_[field], field, "is longer than 4000 characters");
    return s;
  }

  int Int(const std::string& field) {
    if (!ok_) return 0;
    YAML::Node n = Required(field);
    if (!ok_) return 0;
    int value = 0;
    if (!n.IsScalar() || !YAML::convert<int>::decode(n, value))
      Fail(n, field, "must be an integer");
    return value;
  }

  double Number(const YAML::Node& parent, const std::string& field, const std::string& path) {
    if (!ok_) return 0;
    YAML::Node n = parent[field];
    if (!n.IsDefined() || n.IsNull()) {
      Fail(parent, path, "is missing");
      return 0;
    }
    double value = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, value) || !std::isfinite(value)) {
      Fail(n, path, "must be a number");
    }
    return value;
  }

  std::string OneOf(const std::string& field, const std::set<std::string, std::less<>>& allowed) {
    std::string s = String(field);
    if (ok_ && !allowed.count(s)) Fail(node_[field], field, "\"" + s + "\" is not allowed");
    return s;
  }

  std::vector<std::string> ListOf(const std::string& field,
                                  const std::set<std::string, std::less<>>& allowed) {
    std::vector<std::string> out;
    if (!ok_) return out;
    YAML::Node n = Required(field);
    if (!ok_) return out;
    if (!n.IsSequence() || n.size() == 0) {
      Fail(n, field, "must be a non-empty list");
      return out;
    }
    for (const auto& v : n) {
      if (!v.IsScalar() || !allowed.count(v.Scalar())) {
        Fail(v, field, "\"" + (v.IsScalar() ? v.Scalar() : std::string("?")) + "\" is not allowed");
        return out;
      }
      out.push_back(v.Scalar());
    }
    return out;
  }

  std::vector<std::string> Emotions(const std::string& field) {
    std::vector<std::string> out;
    if (!ok_) return out;
    YAML::Node n = Required(field);
    if (!ok_) return out;
    if (!n.IsSequence()) {
      Fail(n, field, "must be a list of emotions");
      return out;
    }
    for (const auto& v : n) {
      if (!v.IsScalar() || EmotionIndex(v.Scalar()) < 0) {
        Fail(v, field,
             "\"" + (v.IsScalar() ? v.Scalar() : std::string("?")) +
                 "\" is not one of the 14 emotions of docs/item-bank.md");
        return out;
      }
      out.push_back(v.Scalar());
    }
    return out;
  }

  void ReadOptions(Item& item) {
    YAML::Node n = Required("options");
    if (!ok_) return;
    if (!n.IsSequence()) {
      Fail(n, "options", "must be a list");
      return;
    }
    std::set<std::string> ids;
    for (const auto& v : n) {
      ItemOption option;
      if (item.modality == Modality::kRecognition) {
        if (!v.IsScalar() || EmotionIndex(v.Scalar()) < 0) {
          Fail(v, "options", "a recognition option must be one of the 14 emotions");
          return;
        }
        option.id = option.emotion = option.text = v.Scalar();
      } else {
        if (!v.IsMap()) {
          Fail(v, "options", "each option must be a mapping with id and text");
          return;
        }
        for (const auto& entry : v) {
          const std::string f = entry.first.as<std::string>("");
          if (f != "id" && f != "text" && f != "emotion" && f != "feedback") {
            Fail(entry.first, "options." + f, "is not a known option field");
            return;
          }
        }
        auto scalar = [&](const char* f) {
          YAML::Node x = v[f];
          return x.IsDefined() && x.IsScalar() ? x.Scalar() : std::string();
        };
        option.id = scalar("id");
        option.text = scalar("text");
        option.emotion = scalar("emotion");
        option.feedback = scalar("feedback");
        if (option.id.empty() || option.text.empty()) {
          Fail(v, "options", "each option needs an id and a text");
          return;
        }
        if (!option.emotion.empty() && EmotionIndex(option.emotion) < 0) {
          Fail(v["emotion"], "options.emotion", "\"" + option.emotion + "\" is not an emotion");
          return;
        }
        if (item.modality == Modality::kUnderstanding && option.emotion.empty()) {
          Fail(v, "options.emotion", "an understanding option must name an emotion");
          return;
        }
        if (item.modality == Modality::kManagement && option.feedback.empty()) {
          Fail(v, "options.feedback", "a management option must say why it helps or hurts");
          return;
        }
      }
      if (!ids.insert(option.id).second) {
        Fail(v, "options", "option \"" + option.id + "\" appears twice");
        return;
      }
      item.options.push_back(std::move(option));
    }
    const size_t count = item.options.size();
    const bool sized = item.modality == Modality::kRecognition     ? count >= 6 && count <= 8
                       : item.modality == Modality::kUnderstanding ? count >= 4 && count <= 6
                                                                   : count == 4;
    if (!sized) {
      Fail(n, "options",
           item.modality == Modality::kRecognition     ? "a recognition item needs 6-8 options"
           : item.modality == Modality::kUnderstanding ? "an understanding item needs 4-6 options"
                                                       : "a management item needs 4 options");
    }
  }

  void ReadIrt(Item& item) {
    YAML::Node n = Required("irt");
    if (!ok_) return;
    if (!n.IsMap()) {
      Fail(n, "irt", "must be a mapping {a, b}");
      return;
    }
    item.irt.a = Number(n, "a", "irt.a");
    item.irt.b = Number(n, "b", "irt.b");
    if (ok_ && (item.irt.a < 0.3 || item.irt.a > 3)) {
      Fail(n["a"], "irt.a", "discrimination must be in [0.3, 3]");
    }
    if (ok_ && (item.irt.b < -4 || item.irt.b > 4)) {
      Fail(n["b"], "irt.b", "difficulty must be in [-4, 4]");
    }
  }

  const YAML::Node& node_;
  const std::string& file_;
  std::string id_;
  bool ok_ = true;
  Error error_;
};

}  // namespace

std::string_view ModalityName(Modality m) {
  switch (m) {
    case Modality::kRecognition:
      return "recognition";
    case Modality::kUnderstanding:
      return "understanding";
    case Modality::kManagement:
      return "management";
  }
  return "recognition";
}

const ItemOption* Item::Option(std::string_view option_id) const {
  for (const ItemOption& o : options) {
    if (o.id == option_id) return &o;
  }
  return nullptr;
}

int Item::OptionIndex(std::string_view option_id) const {
  for (size_t i = 0; i < options.size(); ++i) {
    if (options[i].id == option_id) return static_cast<int>(i);
  }
  return -1;
}

irt::ItemAnswer Item::ScoredAnswer(bool correct, const std::optional<std::string>& option_id,
                                   int64_t answered_version) const {
  if (!option_id || answered_version != version) return {correct, -1};
  return {correct, OptionIndex(*option_id)};
}

std::string_view Item::KeyEmotion() const {
  const ItemOption* keyed = Option(key);
  if (keyed && !keyed->emotion.empty()) return keyed->emotion;
  return targets.empty() ? std::string_view() : std::string_view(targets.front());
}

bool Item::IsFor(std::string_view role, std::string_view seniority_level) const {
  auto has = [](const std::vector<std::string>& list, std::string_view v) {
    return std::find(list.begin(), list.end(), v) != list.end();
  };
  return (has(roles, role) || has(roles, "any")) &&
         (has(seniority, seniority_level) || has(seniority, "any"));
}

Result<std::vector<Item>> ItemBank::ParseFile(std::string_view text, const std::string& file_name) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return Error(ErrorCode::kInvalidArgument,
                 file_name + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
  }
  if (!root.IsMap() || !root["items"].IsSequence()) {
    return Error(ErrorCode::kInvalidArgument,
                 file_name + ":1: the file must be a mapping with a list under \"items\"");
  }
  std::vector<Item> items;
  for (const auto& node : root["items"]) {
    Result<Item> item = ItemReader(node, file_name).Read();
    if (!item) return item.error();
    items.push_back(std::move(item.value()));
  }
  return items;
}

Result<ItemBank> ItemBank::FromItems(std::vector<Item> items) {
  ItemBank bank;
  for (Item& item : items) {
    const int index = static_cast<int>(bank.items_.size());
    auto [it, inserted] = bank.index_.emplace(item.id, index);
    if (!inserted) {
      return Error(ErrorCode::kInvalidArgument,
                   item.source + ": item \"" + item.id + "\" has the same id as the item at " +
                       bank.items_[it->second].source,
                   "id");
    }
    bank.items_.push_back(std::move(item));
  }
  return bank;
}

Result<ItemBank> ItemBank::LoadDirectory(const std::filesystem::path& dir) {
  ASSIGN_OR_RETURN(auto files, ListContentFiles(dir, ".yaml", "item bank"));
  std::vector<Item> all;
  for (const auto& file : files) {
    ASSIGN_OR_RETURN(std::string text, ReadTextFile(file));
    Result<std::vector<Item>> items = ParseFile(text, file.string());
    if (!items) return items.error();
    for (Item& item : items.value()) all.push_back(std::move(item));
  }
  if (all.empty()) {
    return Error(ErrorCode::kNotFound, "no items under " + dir.string());
  }
  return FromItems(std::move(all));
}

int ItemBank::IndexOf(std::string_view id) const {
  auto it = index_.find(std::string(id));
  return it == index_.end() ? -1 : it->second;
}

std::vector<irt::BankItem> ItemBank::ToIrtBank(
    const std::unordered_map<std::string, irt::ItemParameters>& parameters) const {
  std::vector<irt::BankItem> bank;
  bank.reserve(items_.size());
  for (const Item& item : items_) {
    auto calibrated = parameters.find(item.id);
    bank.push_back({calibrated != parameters.end() ? calibrated->second : item.irt,
                    static_cast<int>(item.modality), std::max(0, EmotionIndex(item.KeyEmotion()))});
  }
  return bank;
}

std::vector<irt::ItemChoices> ItemBank::Choices() const {
  std::vector<irt::ItemChoices> choices;
  choices.reserve(items_.size());
  for (const Item& item : items_) {
    choices.push_back({static_cast<int>(item.options.size()), item.OptionIndex(item.key)});
  }
  return choices;
}

}  // namespace attune::practice
