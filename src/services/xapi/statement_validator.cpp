#include "services/xapi/statement_validator.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "services/xapi/xapi_formats.h"

namespace attune::xapi {
namespace {

using nlohmann::json;
using Keys = std::initializer_list<std::string_view>;

Error Invalid(const std::string& path, std::string message) {
  return Error(ErrorCode::kInvalidArgument, std::move(message), path);
}

// RFC 6901: extension keys are IRIs, so "/" and "~" must be escaped in pointers.
std::string Child(const std::string& path, std::string_view key) {
  std::string out = path + "/";
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Index(const std::string& path, size_t i) { return path + "/" + std::to_string(i); }

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Whether a container is nested deeper than kMaxStatementDepth; if so, `path` is set to the
// pointer of the first one. The pointer is built on the way back out, so a statement within the
// limit (every real one) is checked without building a string per value.
bool TooDeep(const json& v, int depth, std::string& path) {
  if (!v.is_structured()) return false;
  if (depth > kMaxStatementDepth) return true;
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (TooDeep(it.value(), depth + 1, path)) {
        path = Child("", it.key()) + path;
        return true;
      }
    }
  } else {
    for (size_t i = 0; i < v.size(); ++i) {
      if (TooDeep(v[i], depth + 1, path)) {
        path = Index("", i) + path;
        return true;
      }
    }
  }
  return false;
}

const std::map<std::string, std::vector<std::string>, std::less<>>& ComponentsByInteraction() {
  static const auto* kMap = new std::map<std::string, std::vector<std::string>, std::less<>>{
      {"true-false", {}},
      {"choice", {"choices"}},
      {"fill-in", {}},
      {"long-fill-in", {}},
      {"matching", {"source", "target"}},
      {"performance", {"steps"}},
      {"sequencing", {"choices"}},
      {"likert", {"scale"}},
      {"numeric", {}},
      {"other", {}},
  };
  return *kMap;
}

class Validator {
 public:
  explicit Validator(const ValidationOptions& options) : options_(options) {}

  Status Statement(json& v) {
    const std::string path;
    RETURN_IF_ERROR(RequireObject(v, path, "a Statement"));
    RETURN_IF_ERROR(CheckKeys(v, path,
                              {"id", "actor", "verb", "object", "result", "context", "timestamp",
                               "stored", "authority", "version", "attachments"},
                              "a Statement"));
    if (!options_.allow_lrs_set_properties) {
      for (const char* key : {"stored", "authority"}) {
        if (v.contains(key)) return Invalid(Child(path, key), "is set by the LRS, not the client");
      }
    }
    RETURN_IF_ERROR(Require(v, path, {"actor", "verb", "object"}, "a Statement"));
    if (v.contains("id")) RETURN_IF_ERROR(Uuid(v["id"], "/id"));
    RETURN_IF_ERROR(StatementBody(v, path, /*in_sub_statement=*/false));
    if (v.contains("stored")) RETURN_IF_ERROR(Timestamp(v["stored"], "/stored"));
    if (v.contains("authority")) RETURN_IF_ERROR(Authority(v["authority"], "/authority"));
    if (v.contains("version")) RETURN_IF_ERROR(Version(v["version"], "/version"));
    return Ok();
  }

 private:
  // The properties a Statement shares with a SubStatement.
  Status StatementBody(json& v, const std::string& path, bool in_sub_statement) {
    RETURN_IF_ERROR(Actor(v["actor"], Child(path, "actor")));
    RETURN_IF_ERROR(Verb(v["verb"], Child(path, "verb")));
    RETURN_IF_ERROR(Object(v["object"], Child(path, "object"), in_sub_statement));
    if (v.contains("result")) RETURN_IF_ERROR(ResultObject(v["result"], Child(path, "result")));
    if (v.contains("context")) {
      const json& object = v["object"];
      bool object_is_activity =
          !object.contains("objectType") || object["objectType"] == "Activity";
      RETURN_IF_ERROR(Context(v["context"], Child(path, "context"), object_is_activity));
    }
    if (v.contains("timestamp")) {
      RETURN_IF_ERROR(Timestamp(v["timestamp"], Child(path, "timestamp")));
    }
    if (v.contains("attachments")) {
      RETURN_IF_ERROR(Attachments(v["attachments"], Child(path, "attachments")));
    }
    // Voiding (Data 2.3.2): the object of a voiding statement is the statement it voids. Inside a
    // SubStatement the verb voids nothing, so the rule applies to the top level only.
    if (!in_sub_statement && v["verb"]["id"].get_ref<const std::string&>() == kVoidedVerb) {
      const json& object = v["object"];
      if (!object.contains("objectType") || object["objectType"] != "StatementRef") {
        return Invalid(Child(Child(path, "object"), "objectType"),
                       "must be \"StatementRef\" when the verb is " + std::string(kVoidedVerb));
      }
    }
    return Ok();
  }

  // ---- generic shape checks ----

  static Status RequireObject(const json& v, const std::string& path, std::string_view what) {
    if (!v.is_object()) {
      return Invalid(path, std::string(what) + " must be a JSON object, not " + v.type_name());
    }
    return Ok();
  }

  static Status CheckKeys(const json& v, const std::string& path, Keys allowed,
                          std::string_view what) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
        return Invalid(Child(path, it.key()), "is not a property of " + std::string(what));
      }
    }
    return Ok();
  }

  static Status Require(const json& v, const std::string& path, Keys required,
                        std::string_view what) {
    for (std::string_view key : required) {
      if (!v.contains(key)) {
        return Invalid(Child(path, key), "is required in " + std::string(what));
      }
    }
    return Ok();
  }

  static Status String(const json& v, const std::string& path) {
    if (!v.is_string()) return Invalid(path, std::string("must be a string, not ") + v.type_name());
    return Ok();
  }

  static Status Boolean(const json& v, const std::string& path) {
    if (!v.is_boolean()) {
      return Invalid(path, std::string("must be a boolean, not ") + v.type_name());
    }
    return Ok();
  }

  static Status Iri(const json& v, const std::string& path) {
    RETURN_IF_ERROR(String(v, path));
    const auto& s = v.get_ref<const std::string&>();
    if (s.empty()) return Invalid(path, "must be an IRI, not an empty string");
    if (!IsIri(s)) return Invalid(path, "must be an absolute IRI with a scheme, e.g. http://...");
    return Ok();
  }

  static Status Irl(const json& v, const std::string& path) {
    RETURN_IF_ERROR(String(v, path));
    const auto& s = v.get_ref<const std::string&>();
    if (s.empty()) return Invalid(path, "must be an IRL, not an empty string");
    if (!IsIrl(s)) return Invalid(path, "must be a resolvable IRL such as https://example.com/x");
    return Ok();
  }

  static Status Uuid(json& v, const std::string& path) {
    RETURN_IF_ERROR(String(v, path));
    if (!IsUuid(v.get_ref<const std::string&>())) {
      return Invalid(path, "must be a UUID (8-4-4-4-12 hex digits)");
    }
    // UUIDs compare case-insensitively; one case makes them comparable as plain strings.
    v = Lower(v.get<std::string>());
    return Ok();
  }

  static Status LanguageTag(const json& v, const std::string& path) {
    RETURN_IF_ERROR(String(v, path));
    if (!IsLanguageTag(v.get_ref<const std::string&>())) {
      return Invalid(path, "must be an RFC 5646 language tag such as en-US");
    }
    return Ok();
  }

  static Status LanguageMap(const json& v, const std::string& path) {
    RETURN_IF_ERROR(RequireObject(v, path, "a language map"));
    for (auto it = v.begin(); it != v.end(); ++it) {
      std::string child = Child(path, it.key());
      if (!IsLanguageTag(it.key())) {
        return Invalid(child, "is not an RFC 5646 language tag, so not a language map key");
      }
      if (!it.value().is_string()) {
        return Invalid(child, std::string("language map values must be strings, not ") +
                                  it.value().type_name());
      }
    }
    return Ok();
  }

  static Status Extensions(const json& v, const std::string& path) {
    RETURN_IF_ERROR(RequireObject(v, path, "extensions"));
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!IsIri(it.key())) {
        return Invalid(Child(path, it.key()), "extension keys must be absolute IRIs");
      }
    }
    return Ok();  // values are free-form JSON, nulls included
  }

  static Status Timestamp(json& v, const std::string& path) {
    RETURN_IF_ERROR(String(v, path));
    auto normalised = NormaliseTimestamp(v.get_ref<const std::string&>());
    if (!normalised.ok()) return Invalid(path, normalised.error().message);
    v = *normalised;
    return Ok();
  }

  // ---- actors ----

  // Validates the inverse functional identifiers present and returns how many there are.
  static Result<int> Ifis(const json& v, const std::string& path) {
    int count = 0;
    if (v.contains("mbox")) {
      ++count;
      std::string p = Child(path, "mbox");
      RETURN_IF_ERROR(String(v["mbox"], p));
      if (!IsMailtoIri(v["mbox"].get_ref<const std::string&>())) {
        return Invalid(p, "must be a mailto IRI such as mailto:someone@example.com");
      }
    }
    if (v.contains("mbox_sha1sum")) {
      ++count;
      std::string p = Child(path, "mbox_sha1sum");
      RETURN_IF_ERROR(String(v["mbox_sha1sum"], p));
      if (!IsSha1Hex(v["mbox_sha1sum"].get_ref<const std::string&>())) {
        return Invalid(p, "must be the SHA-1 of a mailto IRI as 40 hex digits");
      }
    }
    if (v.contains("openid")) {
      ++count;
      RETURN_IF_ERROR(Iri(v["openid"], Child(path, "openid")));
    }
    if (v.contains("account")) {
      ++count;
      std::string p = Child(path, "account");
      const json& account = v["account"];
      RETURN_IF_ERROR(RequireObject(account, p, "an account"));
      RETURN_IF_ERROR(CheckKeys(account, p, {"homePage", "name"}, "an account"));
      RETURN_IF_ERROR(Require(account, p, {"homePage", "name"}, "an account"));
      RETURN_IF_ERROR(Irl(account["homePage"], Child(p, "homePage")));
      RETURN_IF_ERROR(String(account["name"], Child(p, "name")));
      if (account["name"].get_ref<const std::string&>().empty()) {
        return Invalid(Child(p, "name"), "must not be empty");
      }
    }
    if (count > 1) {
      return Invalid(path,
                     "must have exactly one inverse functional identifier (mbox, mbox_sha1sum, "
                     "openid or account), not " +
                         std::to_string(count));
    }
    return count;
  }

  static Status Agent(const json& v, const std::string& path) {
    RETURN_IF_ERROR(RequireObject(v, path, "an Agent"));
    RETURN_IF_ERROR(CheckKeys(
        v, path, {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"}, "an Agent"));
    if (v.contains("objectType") && v["objectType"] != "Agent") {
      return Invalid(Child(path, "objectType"), "must be \"Agent\" here");
    }
    if (v.contains("name")) RETURN_IF_ERROR(String(v["name"], Child(path, "name")));
    ASSIGN_OR_RETURN(int ifis, Ifis(v, path));
    if (ifis == 0) {
      return Invalid(path,
                     "an Agent must have exactly one inverse functional identifier (mbox, "
                     "mbox_sha1sum, openid or account)");
    }
    return Ok();
  }

  static Status Group(const json& v, const std::string& path) {
    RETURN_IF_ERROR(RequireObject(v, path, "a Group"));
    RETURN_IF_ERROR(CheckKeys(
        v, path, {"objectType", "name", "member", "mbox", "mbox_sha1sum", "openid", "account"},
        "a Group"));
    if (!v.contains("objectType")) {
      return Invalid(Child(path, "objectType"), "is required: must be \"Group\"");
    }
    if (v["objectType"] != "Group") {
      return Invalid(Child(path, "objectType"), "must be \"Group\" here");
    }
    if (v.contains("name")) RETURN_IF_ERROR(String(v["name"], Child(path, "name")));
    ASSIGN_OR_RETURN(int ifis, Ifis(v, path));
    std::string member_path = Child(path, "member");
    if (v.contains("member")) {
      const json& member = v["member"];
      if (!member.is_array()) {
        return Invalid(member_path,
                       std::string("must be an array of Agents, not ") + member.type_name());
      }
      for (size_t i = 0; i < member.size(); ++i) {
        std::string p = Index(member_path, i);
        if (member[i].is_object() && member[i].contains("objectType") &&
            member[i]["objectType"] == "Group") {
          return Invalid(Child(p, "objectType"), "a Group's members must be Agents, not Groups");
        }
        RETURN_IF_ERROR(Agent(member[i], p));
      }
    }
    // An anonymous Group is identified only by its members, so it must list some.
    if (ifis == 0 && (!v.contains("member") || v["member"].empty())) {
      return Invalid(member_path, "is required and must not be empty in an anonymous Group");
    }
    return Ok();
  }

  static Status Actor(const json& v, const std::string& path) {
    RETURN_IF_ERROR(RequireObject(v, path, "an Agent or Group"));
    if (v.contains("objectType")) {
      const json& type = v["objectType"];
      if (type == "Group") return Group(v, path);
      if (type != "Agent") {
        return Invalid(Child(path, "objectType"), "must be \"Agent\" or \"Group\"");
      }
    }
    return Agent(v, path);
  }

  // OAuth 1.0 three-legged authority is an anonymous Group of exactly two Agents: the
  // application and the user (Data 2.4.9).
  static Status Authority(const json& v, const std::string& path) {
    RETURN_IF_ERROR(Actor(v, path));
    if (v.contains("objectType") && v["objectType"] == "Group") {
      if (!v.contains("member") || v["member"].size() != 2) {
        return Invalid(Child(path, "member"), "an authority Group must have exactly two Agents");
      }
      for (const char* ifi : {"mbox", "mbox_sha1sum", "openid", "account"}) {
        if (v.contains(ifi)) {
          return Invalid(Child(path, ifi),
                         "an authority Group is anonymous: its two Agents identify it");
        }
      }
    }
    return Ok();
  }

  // ---- verb ----

  static Status Verb(const json& v, const std::string& path) {
    RETURN_IF_ERROR(RequireObject(v, path, "a Verb"));
    RETURN_IF_ERROR(CheckKeys(v, path, {"id", "display"}, "a Verb"));
    RETURN_IF_ERROR(Require(v, path, {"id"}, "a Verb"));
    RETURN_IF_ERROR(Iri(v["id"], Child(path, "id")));
    if (v.contains("display")) RETURN_IF_ERROR(LanguageMap(v["display"], Child(path, "display")));
    return Ok();
  }

  // ---- objects ----

  Status Object(json& v, const std::string& path, bool in_sub_statement) {
    RETURN_IF_ERROR(RequireObject(v, path, "a Statement's object"));
    std::string type = "Activity";
    if (v.contains("objectType")) {
      std::string p = Child(path, "objectType");
      RETURN_IF_ERROR(String(v["objectType"], p));
      type = v["objectType"].get<std::string>();
    }
    if (type == "Activity") return Activity(v, path);
    if (type == "Agent") return Agent(v, path);
    if (type == "Group") return Group(v, path);
    if (type == "StatementRef") return StatementRef(v, path);
    if (type == "SubStatement") {
      if (in_sub_statement) {
        return Invalid(Child(path, "objectType"), "a SubStatement must not contain a SubStatement");
      }
      return SubStatement(v, path);
    }
    return Invalid(Child(path, "objectType"),
                   "must be one of Activity, Agent, Group, StatementRef, SubStatement");
  }

  static Status Activity(const json& v, const std::string& path) {
    RETURN_IF_ERROR(RequireObject(v, path, "an Activity"));
    RETURN_IF_ERROR(CheckKeys(v, path, {"objectType", "id", "definition"}, "an Activity"));
    if (v.contains("objectType") && v["objectType"] != "Activity") {
      return Invalid(Child(path, "objectType"), "must be \"Activity\" here");
    }
    RETURN_IF_ERROR(Require(v, path, {"id"}, "an Activity"));
    RETURN_IF_ERROR(Iri(v["id"], Child(path, "id")));
    if (v.contains("definition")) {
      RETURN_IF_ERROR(ActivityDefinition(v["definition"], Child(path, "definition")));
    }
    return Ok();
  }

  static Status ActivityDefinition(const json& v, const std::string& path) {
    RETURN_IF_ERROR(RequireObject(v, path, "an Activity definition"));
    RETURN_IF_ERROR(CheckKeys(
        v, path,
        {"name", "description", "type", "moreInfo", "interactionType", "correctResponsesPattern",
         "choices", "scale", "source", "target", "steps", "extensions"},
        "an Activity definition"));
    if (v.contains("name")) RETURN_IF_ERROR(LanguageMap(v["name"], Child(path, "name")));
    if (v.contains("description")) {
      RETURN_IF_ERROR(LanguageMap(v["description"], Child(path, "description")));
    }
    if (v.contains("type")) RETURN_IF_ERROR(Iri(v["type"], Child(path, "type")));
    if (v.contains("moreInfo")) RETURN_IF_ERROR(Irl(v["moreInfo"], Child(path, "moreInfo")));
    if (v.contains("extensions")) {
      RETURN_IF_ERROR(Extensions(v["extensions"], Child(path, "extensions")));
    }

    const std::vector<std::string>* allowed_components = nullptr;
    std::string interaction;
    if (v.contains("interactionType")) {
      std::string p = Child(path, "interactionType");
      RETURN_IF_ERROR(String(v["interactionType"], p));
      interaction = v["interactionType"].get<std::string>();
      auto it = ComponentsByInteraction().find(interaction);
      if (it == ComponentsByInteraction().end()) {
        return Invalid(p,
                       "must be one of true-false, choice, fill-in, long-fill-in, matching, "
                       "performance, sequencing, likert, numeric, other");
      }
      allowed_components = &it->second;
    }
    if (v.contains("correctResponsesPattern")) {
      std::string p = Child(path, "correctResponsesPattern");
      if (allowed_components == nullptr)
        return Invalid(p, "is only allowed with an interactionType");
      const json& pattern = v["correctResponsesPattern"];
      if (!pattern.is_array()) {
        return Invalid(p, std::string("must be an array of strings, not ") + pattern.type_name());
      }
      for (size_t i = 0; i < pattern.size(); ++i) RETURN_IF_ERROR(String(pattern[i], Index(p, i)));
    }
    for (const char* list : {"choices", "scale", "source", "target", "steps"}) {
      if (!v.contains(list)) continue;
      std::string p = Child(path, list);
      if (allowed_components == nullptr)
        return Invalid(p, "is only allowed with an interactionType");
      if (std::find(allowed_components->begin(), allowed_components->end(), list) ==
          allowed_components->end()) {
        return Invalid(p, "is not allowed for interactionType \"" + interaction + "\"");
      }
      RETURN_IF_ERROR(InteractionComponents(v[list], p));
    }
    return Ok();
  }

  static Status InteractionComponents(const json& v, const std::string& path) {
    if (!v.is_array()) {
      return Invalid(
          path, std::string("must be an array of interaction components, not ") + v.type_name());
    }
    std::set<std::string> ids;
    for (size_t i = 0; i < v.size(); ++i) {
      std::string p = Index(path, i);
      const json& c = v[i];
      RETURN_IF_ERROR(RequireObject(c, p, "an interaction component"));
      RETURN_IF_ERROR(CheckKeys(c, p, {"id", "description"}, "an interaction component"));
      RETURN_IF_ERROR(Require(c, p, {"id"}, "an interaction component"));
      std::string id_path = Child(p, "id");
      RETURN_IF_ERROR(String(c["id"], id_path));
      const auto& id = c["id"].get_ref<const std::string&>();
      if (id.empty()) return Invalid(id_path, "must not be empty");
      if (!ids.insert(id).second) return Invalid(id_path, "must be unique within the list");
      if (c.contains("description")) {
        RETURN_IF_ERROR(LanguageMap(c["description"], Child(p, "description")));
      }
    }
    return Ok();
  }

  static Status StatementRef(json& v, const std::string& path) {
    RETURN_IF_ERROR(RequireObject(v, path, "a StatementRef"));
    RETURN_IF_ERROR(CheckKeys(v, path, {"objectType", "id"}, "a StatementRef"));
    if (!v.contains("objectType") || v["objectType"] != "StatementRef") {
      return Invalid(Child(path, "objectType"), "must be \"StatementRef\"");
    }
    RETURN_IF_ERROR(Require(v, path, {"id"}, "a StatementRef"));
    return Uuid(v["id"], Child(path, "id"));
  }

  Status SubStatement(json& v, const std::string& path) {
    for (const char* key : {"id", "stored", "version", "authority"}) {
      if (v.contains(key)) return Invalid(Child(path, key), "must not be in a SubStatement");
    }
    RETURN_IF_ERROR(CheckKeys(
        v, path,
        {"objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments"},
        "a SubStatement"));
    RETURN_IF_ERROR(Require(v, path, {"actor", "verb", "object"}, "a SubStatement"));
    return StatementBody(v, path, /*in_sub_statement=*/true);
  }

  // ---- result ----

  static Status ResultObject(const json& v, const std::string& path) {
    RETURN_IF_ERROR(RequireObject(v, path, "a Result"));
    RETURN_IF_ERROR(
        CheckKeys(v, path, {"score", "success", "completion", "response", "duration", "extensions"},
                  "a Result"));
    if (v.contains("score")) RETURN_IF_ERROR(Score(v["score"], Child(path, "score")));
    if (v.contains("success")) RETURN_IF_ERROR(Boolean(v["success"], Child(path, "success")));
    if (v.contains("completion")) {
      RETURN_IF_ERROR(Boolean(v["completion"], Child(path, "completion")));
    }
    if (v.contains("response")) RETURN_IF_ERROR(String(v["response"], Child(path, "response")));
    if (v.contains("duration")) {
      std::string p = Child(path, "duration");
      RETURN_IF_ERROR(String(v["duration"], p));
      if (!IsIso8601Duration(v["duration"].get_ref<const std::string&>())) {
        return Invalid(p, "must be an ISO 8601 duration such as PT1H30M or PT4.5S");
      }
    }
    if (v.contains("extensions")) {
      RETURN_IF_ERROR(Extensions(v["extensions"], Child(path, "extensions")));
    }
    return Ok();
  }

  static Status Score(const json& v, const std::string& path) {
    RETURN_IF_ERROR(RequireObject(v, path, "a Score"));
    RETURN_IF_ERROR(CheckKeys(v, path, {"scaled", "raw", "min", "max"}, "a Score"));
    for (const char* key : {"scaled", "raw", "min", "max"}) {
      if (v.contains(key) && !v[key].is_number()) {
        return Invalid(Child(path, key),
                       std::string("must be a number, not ") + v[key].type_name());
      }
    }
    if (v.contains("scaled")) {
      double scaled = v["scaled"].get<double>();
      if (scaled < -1.0 || scaled > 1.0) {
        return Invalid(Child(path, "scaled"), "must be between -1 and 1");
      }
    }
    if (v.contains("min") && v.contains("max") && v["min"].get<double>() > v["max"].get<double>()) {
      return Invalid(Child(path, "min"), "must not be greater than max");
    }
    if (v.contains("raw")) {
      double raw = v["raw"].get<double>();
      if (v.contains("min") && raw < v["min"].get<double>()) {
        return Invalid(Child(path, "raw"), "must not be less than min");
      }
      if (v.contains("max") && raw > v["max"].get<double>()) {
        return Invalid(Child(path, "raw"), "must not be greater than max");
      }
    }
    return Ok();
  }

  // ---- context ----

  Status Context(json& v, const std::string& path, bool object_is_activity) {
    RETURN_IF_ERROR(RequireObject(v, path, "a Context"));
    RETURN_IF_ERROR(CheckKeys(v, path,
                              {"registration", "instructor", "team", "contextActivities",
                               "revision", "platform", "language", "statement", "extensions"},
                              "a Context"));
    if (v.contains("registration")) {
      RETURN_IF_ERROR(Uuid(v["registration"], Child(path, "registration")));
    }
    if (v.contains("instructor")) {
      RETURN_IF_ERROR(Actor(v["instructor"], Child(path, "instructor")));
    }
    if (v.contains("team")) RETURN_IF_ERROR(Group(v["team"], Child(path, "team")));
    if (v.contains("contextActivities")) {
      RETURN_IF_ERROR(ContextActivities(v["contextActivities"], Child(path, "contextActivities")));
    }
    // Data 2.4.6: revision and platform describe an Activity, so they make no sense otherwise.
    for (const char* key : {"revision", "platform"}) {
      if (!v.contains(key)) continue;
      std::string p = Child(path, key);
      if (!object_is_activity) {
        return Invalid(p, "is only allowed when the statement's object is an Activity");
      }
      RETURN_IF_ERROR(String(v[key], p));
    }
    if (v.contains("language"))
      RETURN_IF_ERROR(LanguageTag(v["language"], Child(path, "language")));
    if (v.contains("statement")) {
      RETURN_IF_ERROR(StatementRef(v["statement"], Child(path, "statement")));
    }
    if (v.contains("extensions")) {
      RETURN_IF_ERROR(Extensions(v["extensions"], Child(path, "extensions")));
    }
    return Ok();
  }

  static Status ContextActivities(json& v, const std::string& path) {
    RETURN_IF_ERROR(RequireObject(v, path, "contextActivities"));
    RETURN_IF_ERROR(
        CheckKeys(v, path, {"parent", "grouping", "category", "other"}, "contextActivities"));
    for (auto it = v.begin(); it != v.end(); ++it) {
      std::string p = Child(path, it.key());
      json& value = it.value();
      if (value.is_object()) {
        // A single Activity is allowed on input; the normal form is always an array (Data 2.4.6.2).
        RETURN_IF_ERROR(Activity(value, p));
        value = json::array({value});
        continue;
      }
      if (!value.is_array()) {
        return Invalid(p, std::string("must be an Activity or an array of Activities, not ") +
                              value.type_name());
      }
      for (size_t i = 0; i < value.size(); ++i) RETURN_IF_ERROR(Activity(value[i], Index(p, i)));
    }
    return Ok();
  }

  // ---- the rest ----

  static Status Version(const json& v, const std::string& path) {
    RETURN_IF_ERROR(String(v, path));
    const auto& s = v.get_ref<const std::string&>();
    const bool patch = s.size() >= 5 && s.compare(0, 4, "1.0.") == 0 &&
                       s.find_first_not_of("0123456789", 4) == std::string::npos;
    if (s != "1.0" && !patch) return Invalid(path, "must be 1.0 or a 1.0.x version such as 1.0.3");
    return Ok();
  }

  static Status Attachments(const json& v, const std::string& path) {
    if (!v.is_array()) {
      return Invalid(path, std::string("must be an array of Attachments, not ") + v.type_name());
    }
    for (size_t i = 0; i < v.size(); ++i) {
      std::string p = Index(path, i);
      const json& a = v[i];
      RETURN_IF_ERROR(RequireObject(a, p, "an Attachment"));
      RETURN_IF_ERROR(CheckKeys(
          a, p, {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"},
          "an Attachment"));
      RETURN_IF_ERROR(Require(a, p, {"usageType", "display", "contentType", "length", "sha2"},
                              "an Attachment"));
      RETURN_IF_ERROR(Iri(a["usageType"], Child(p, "usageType")));
      RETURN_IF_ERROR(LanguageMap(a["display"], Child(p, "display")));
      if (a.contains("description")) {
        RETURN_IF_ERROR(LanguageMap(a["description"], Child(p, "description")));
      }
      std::string content_type = Child(p, "contentType");
      RETURN_IF_ERROR(String(a["contentType"], content_type));
      if (!IsMediaType(a["contentType"].get_ref<const std::string&>())) {
        return Invalid(content_type, "must be an Internet media type such as application/pdf");
      }
      const json& length = a["length"];
      if (!length.is_number_integer() ||
          (length.is_number_integer() && !length.is_number_unsigned() &&
           length.get<int64_t>() < 0)) {
        return Invalid(Child(p, "length"), "must be a non-negative integer");
      }
      std::string sha2 = Child(p, "sha2");
      RETURN_IF_ERROR(String(a["sha2"], sha2));
      if (!IsSha2Hex(a["sha2"].get_ref<const std::string&>())) {
        return Invalid(sha2, "must be a SHA-2 hash in hex (56, 64, 96 or 128 digits)");
      }
      if (a.contains("fileUrl")) RETURN_IF_ERROR(Irl(a["fileUrl"], Child(p, "fileUrl")));
    }
    return Ok();
  }

  const ValidationOptions& options_;
};

}  // namespace

Result<ValidatedStatement> ValidateStatement(const nlohmann::json& stmt,
                                             const ValidationOptions& options) {
  return ValidateStatement(nlohmann::json(stmt), options);
}

Result<ValidatedStatement> ValidateStatement(nlohmann::json&& stmt,
                                             const ValidationOptions& options) {
  if (std::string too_deep; TooDeep(stmt, 1, too_deep)) {
    return Invalid(too_deep,
                   "is nested deeper than " + std::to_string(kMaxStatementDepth) + " levels");
  }
  ValidatedStatement out;
  out.statement = std::move(stmt);
  Validator validator(options);
  RETURN_IF_ERROR(validator.Statement(out.statement));
  // Data 2.4.10: a statement stored without a version is returned as 1.0.0.
  if (!out.statement.contains("version")) out.statement["version"] = "1.0.0";
  const json& s = out.statement;
  if (s.contains("id")) out.id = s["id"].get<std::string>();
  if (s.contains("timestamp")) out.timestamp = s["timestamp"].get<std::string>();
  if (s["verb"]["id"].get_ref<const std::string&>() == kVoidedVerb) {
    out.voiding = true;
    out.voided_statement_id = s["object"]["id"].get<std::string>();
  }
  return out;
}

}  // namespace attune::xapi
