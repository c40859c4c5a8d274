#include "services/roleplay/scenario_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "core/content_files.h"
#include "engines/scenario/graph_check.h"
#include "services/practice/emotion_vocabulary.h"

namespace attune::roleplay {
namespace {

using scenario::Scenario;

const std::set<std::string, std::less<>> kRoles = {"any",     "sales", "support", "engineering",
                                                   "manager", "hr",    "peer"};
const std::set<std::string, std::less<>> kSeniority = {"any", "ic", "lead", "manager", "director"};
const std::set<std::string, std::less<>> kThemes = {
    "giving_feedback", "upset_customer", "disengaged_report", "peer_conflict", "bad_news",
    "performance",     "grief",          "senior_pushback"};
const std::set<std::string, std::less<>> kTopFields = {
    "id",      "version", "title",       "summary", "roles",  "seniority", "theme",
    "persona", "context", "counterpart", "goals",   "rubric", "start",     "nodes"};

// Reads fields of one YAML mapping, remembering the first problem with its line.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  bool ok() const { return ok_; }
  const Error& error() const { return error_; }

  void Fail(const YAML::Node& at, const std::string& what) {
    if (!ok_) return;
    ok_ = false;
    const int line = at.IsDefined() ? at.Mark().line + 1 : 1;
    error_ = Error(ErrorCode::kInvalidArgument, file_ + ":" + std::to_string(line) + ": " + what);
  }
  void FailAt(int line, const std::string& what) {
    if (!ok_) return;
    ok_ = false;
    error_ = Error(ErrorCode::kInvalidArgument, file_ + ":" + std::to_string(line) + ": " + what);
  }

  YAML::Node Field(const YAML::Node& map, const std::string& key, const std::string& where) {
    YAML::Node n = map[key];
    if (!n.IsDefined() || n.IsNull()) Fail(map, where + "\"" + key + "\" is missing");
    return n;
  }

  std::string Text(const YAML::Node& map, const std::string& key, const std::string& where = "",
                   size_t max = 4000) {
    if (!ok_) return {};
    YAML::Node n = Field(map, key, where);
    if (!ok_) return {};
    if (!n.IsScalar()) {
      Fail(n, where + "\"" + key + "\" must be text");
      return {};
    }
    std::string s = n.Scalar();
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    if (s.empty()) Fail(n, where + "\"" + key + "\" must not be empty");
    if (s.size() > max) Fail(n, where + "\"" + key + "\" is too long");
    return s;
  }

  std::string OneOf(const YAML::Node& map, const std::string& key,
                    const std::set<std::string, std::less<>>& allowed,
                    const std::string& where = "") {
    std::string s = Text(map, key, where);
    if (ok_ && !allowed.count(s))
      Fail(map[key], where + "\"" + key + "\": \"" + s + "\" is not allowed");
    return s;
  }

  std::vector<std::string> List(const YAML::Node& map, const std::string& key,
                                const std::set<std::string, std::less<>>* allowed = nullptr,
                                const std::string& where = "") {
    std::vector<std::string> out;
    if (!ok_) return out;
    YAML::Node n = Field(map, key, where);
    if (!ok_) return out;
    if (!n.IsSequence() || n.size() == 0) {
      Fail(n, where + "\"" + key + "\" must be a non-empty list");
      return out;
    }
    for (const auto& v : n) {
      if (!v.IsScalar() || (allowed && !allowed->count(v.Scalar()))) {
        Fail(v, where + "\"" + key + "\": \"" + (v.IsScalar() ? v.Scalar() : "?") +
                    "\" is not allowed");
        return out;
      }
      out.push_back(v.Scalar());
    }
    return out;
  }

  double Number(const YAML::Node& map, const std::string& key, double lo, double hi,
                const std::string& where = "") {
    if (!ok_) return 0;
    YAML::Node n = Field(map, key, where);
    double v = 0;
    if (ok_ && (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || v < lo || v > hi)) {
      Fail(n, where + "\"" + key + "\" must be a number from " + Format(lo) + " to " + Format(hi));
    }
    return v;
  }

  std::string Emotion(const YAML::Node& map, const std::string& key, const std::string& where) {
    std::string e = Text(map, key, where);
    if (ok_ && practice::EmotionIndex(e) < 0) {
      Fail(map[key], where + "\"" + key + "\": \"" + e +
                         "\" is not one of the 14 emotions of docs/item-bank.md");
    }
    return e;
  }

  std::optional<scenario::Signal> SignalOf(const YAML::Node& n, const std::string& where) {
    if (!n.IsScalar()) {
      Fail(n, where + "a signal must be a name");
      return std::nullopt;
    }
    auto s = scenario::SignalFromName(n.Scalar());
    if (!s) Fail(n, where + "\"" + n.Scalar() + "\" is not a signal (see docs/scenarios.md)");
    return s;
  }

  void Closed(const YAML::Node& map, const std::set<std::string, std::less<>>& fields,
              const std::string& where) {
    for (const auto& entry : map) {
      const std::string key = entry.first.as<std::string>("");
      if (!fields.count(key)) Fail(entry.first, where + "\"" + key + "\" is not a known field");
    }
  }

 private:
  static std::string Format(double x) {
    std::ostringstream os;
    os << x;
    return os.str();
  }
  std::string file_;
  bool ok_ = true;
  Error error_;
};

void ReadRubric(Reader& r, const YAML::Node& root, Scenario& s) {
  YAML::Node rubric = r.Field(root, "rubric", "");
  if (!r.ok()) return;
  if (!rubric.IsSequence() || rubric.size() < 3 || rubric.size() > 5) {
    r.Fail(rubric, "\"rubric\" must list 3 to 5 criteria");
    return;
  }
  std::set<std::string> ids;
  for (const auto& c : rubric) {
    if (!c.IsMap()) return r.Fail(c, "each rubric criterion must be a mapping");
    const std::string where = "rubric criterion: ";
    r.Closed(c, {"id", "criterion", "behaviours", "weight", "signal", "avoid"}, where);
    scenario::Criterion criterion;
    criterion.line = c.Mark().line + 1;
    criterion.id = r.Text(c, "id", where);
    criterion.criterion = r.Text(c, "criterion", where);
    criterion.behaviours = r.List(c, "behaviours", nullptr, where);
    criterion.weight = static_cast<int>(r.Number(c, "weight", 1, 5, where));
    const bool has_signal = c["signal"].IsDefined(), has_avoid = c["avoid"].IsDefined();
    if (r.ok() && has_signal == has_avoid) {
      return r.Fail(c, "rubric criterion \"" + criterion.id +
                           "\" needs exactly one of \"signal\" and \"avoid\"");
    }
    if (!r.ok()) return;
    auto signal = r.SignalOf(has_signal ? c["signal"] : c["avoid"], where);
    if (!signal) return;
    criterion.signal = *signal;
    criterion.avoid = has_avoid;
    if (!ids.insert(criterion.id).second) {
      return r.Fail(c, "rubric criterion \"" + criterion.id + "\" appears twice");
    }
    s.rubric.push_back(std::move(criterion));
  }
}

void ReadNodes(Reader& r, const YAML::Node& root, Scenario& s) {
  YAML::Node nodes = r.Field(root, "nodes", "");
  if (!r.ok()) return;
  if (!nodes.IsSequence()) return r.Fail(nodes, "\"nodes\" must be a list");
  for (const auto& n : nodes) {
    if (!n.IsMap()) return r.Fail(n, "each node must be a mapping");
    scenario::Node node;
    node.line = n.Mark().line + 1;
    node.id = r.Text(n, "id", "node: ");
    const std::string where = "node \"" + node.id + "\": ";
    r.Closed(n, {"id", "says", "emotion", "branches", "end", "experiment"}, where);
    node.says = r.Text(n, "says", where, 1000);
    if (n["emotion"].IsDefined()) node.emotion = r.Emotion(n, "emotion", where);
    if (n["end"].IsDefined()) {
      const std::string end = r.OneOf(n, "end", {"success", "partial", "failure"}, where);
      node.end = end == "success"   ? scenario::Outcome::kSuccess
                 : end == "partial" ? scenario::Outcome::kPartial
                                    : scenario::Outcome::kFailure;
      if (n["experiment"].IsDefined()) node.experiment = r.Text(n, "experiment", where, 500);
    } else if (n["experiment"].IsDefined()) {
      r.Fail(n["experiment"], where + "only end nodes have an \"experiment\"");
    }
    if (n["branches"].IsDefined()) {
      YAML::Node branches = n["branches"];
      if (!branches.IsSequence()) return r.Fail(branches, where + "\"branches\" must be a list");
      for (const auto& b : branches) {
        if (!b.IsMap()) return r.Fail(b, where + "each branch must be a mapping");
        r.Closed(b, {"when", "next"}, where + "branch: ");
        scenario::Branch branch;
        branch.line = b.Mark().line + 1;
        branch.next = r.Text(b, "next", where + "branch: ");
        if (b["when"].IsDefined()) {
          if (!b["when"].IsSequence() || b["when"].size() == 0) {
            return r.Fail(b["when"], where + "\"when\" must be a non-empty list of signals");
          }
          for (const auto& w : b["when"]) {
            const std::string name = w.IsScalar() ? w.Scalar() : "";
            const bool negated = name.rfind("not_", 0) == 0;
            auto signal = scenario::SignalFromName(negated ? name.substr(4) : name);
            if (!signal) {
              return r.Fail(w, where + "\"" + name +
                                   "\" is not a signal or not_<signal> (see docs/scenarios.md)");
            }
            branch.when.push_back({*signal, negated});
          }
        }
        node.branches.push_back(std::move(branch));
      }
    }
    if (!r.ok()) return;
    s.nodes.push_back(std::move(node));
  }
}

}  // namespace

Result<Scenario> ParseScenario(std::string_view text, const std::string& file_name) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return Error(ErrorCode::kInvalidArgument,
                 file_name + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
  }
  if (!root.IsMap()) {
    return Error(ErrorCode::kInvalidArgument, file_name + ":1: a scenario file is a mapping");
  }
  Reader r(file_name);
  Scenario s;
  s.source = file_name;
  s.text = std::string(text);
  r.Closed(root, kTopFields, "");
  s.id = r.Text(root, "id");
  if (r.ok() && !std::all_of(s.id.begin(), s.id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      })) {
    r.Fail(root["id"], "\"id\" must be lower-case letters, digits and '-'");
  }
  s.version = static_cast<int>(r.Number(root, "version", 1, 1e6));
  s.title = r.Text(root, "title", "", 200);
  s.summary = r.Text(root, "summary", "", 1000);
  s.roles = r.List(root, "roles", &kRoles);
  s.seniority = r.List(root, "seniority", &kSeniority);
  s.theme = r.OneOf(root, "theme", kThemes);
  if (r.ok()) {
    YAML::Node persona = r.Field(root, "persona", "");
    if (r.ok() && !persona.IsMap()) r.Fail(persona, "\"persona\" must be a mapping");
    if (r.ok()) {
      r.Closed(persona, {"name", "role", "description"}, "persona: ");
      s.persona = {r.Text(persona, "name", "persona: "), r.Text(persona, "role", "persona: "),
                   r.Text(persona, "description", "persona: ")};
    }
  }
  s.context = r.Text(root, "context");
  if (r.ok()) {
    YAML::Node counterpart = r.Field(root, "counterpart", "");
    if (r.ok() && !counterpart.IsMap()) r.Fail(counterpart, "\"counterpart\" must be a mapping");
    if (r.ok()) {
      r.Closed(counterpart, {"emotion", "intensity"}, "counterpart: ");
      s.start_emotion = r.Emotion(counterpart, "emotion", "counterpart: ");
      s.start_intensity = r.Number(counterpart, "intensity", 0, 1, "counterpart: ");
    }
  }
  s.goals = r.List(root, "goals");
  if (r.ok()) ReadRubric(r, root, s);
  s.start = r.Text(root, "start");
  if (r.ok()) ReadNodes(r, root, s);
  if (!r.ok()) return r.error();
  std::vector<scenario::GraphProblem> problems = scenario::CheckGraph(s);
  if (!problems.empty()) {
    // Every problem at once (up to five), so an author fixes the graph in one pass.
    const int nodes_line = root["nodes"].Mark().line + 1;
    std::string message;
    for (size_t i = 0; i < problems.size() && i < 5; ++i) {
      const int line = problems[i].line ? problems[i].line : nodes_line;
      if (i) message += "; ";
      message += file_name + ":" + std::to_string(line) + ": " + problems[i].message;
    }
    if (problems.size() > 5) message += " (and " + std::to_string(problems.size() - 5) + " more)";
    return Error(ErrorCode::kInvalidArgument, message);
  }
  return s;
}

Result<Scenario> LoadScenarioFile(const std::filesystem::path& path) {
  ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  return ParseScenario(text, path.string());
}

Result<std::vector<Scenario>> LoadScenarioLibrary(const std::filesystem::path& dir) {
  ASSIGN_OR_RETURN(auto files, ListContentFiles(dir, ".yaml", "scenario"));
  std::vector<Scenario> out;
  std::set<std::string> ids;
  for (const auto& f : files) {
    ASSIGN_OR_RETURN(Scenario s, LoadScenarioFile(f));
    if (!ids.insert(s.id).second) {
      return Error(ErrorCode::kInvalidArgument,
                   f.string() + ":1: scenario id \"" + s.id + "\" is used by another file");
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace attune::roleplay
