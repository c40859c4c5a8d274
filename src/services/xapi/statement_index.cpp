#include "services/xapi/statement_index.h"

#include <openssl/sha.h>

#include <algorithm>

namespace attune::xapi {
namespace {

using nlohmann::json;

bool IsAgentOrGroup(const json& o) {
  const std::string type = o.value("objectType", "Agent");
  return type == "Agent" || type == "Group";
}

bool IsActivity(const json& o) { return o.value("objectType", "Activity") == "Activity"; }

class RefCollector {
 public:
  explicit RefCollector(const std::string& org_id) : org_id_(org_id) {}

  void Add(const std::string& key_text, bool broad) {
    const int64_t key = RefKey(org_id_, key_text);
    for (auto& r : refs_) {
      if (r.key != key) continue;
      r.broad = r.broad && broad;  // plain wins
      return;
    }
    refs_.push_back({key, broad});
  }

  // An Agent or Group, and a Group's members.
  void AddAgent(const json& agent, bool broad) {
    if (!agent.is_object()) return;
    if (auto key = AgentKey(agent)) Add(*key, broad);
    if (agent.value("objectType", "") == "Group" && agent.contains("member")) {
      for (const auto& m : agent["member"]) {
        if (auto key = AgentKey(m)) Add(*key, broad);
      }
    }
  }

  void AddContext(const json& stmt) {
    if (!stmt.contains("context")) return;
    const json& ctx = stmt["context"];
    if (ctx.contains("instructor")) AddAgent(ctx["instructor"], true);
    if (ctx.contains("team")) AddAgent(ctx["team"], true);
    if (ctx.contains("contextActivities")) {
      for (const auto& [kind, list] : ctx["contextActivities"].items()) {
        for (const auto& a : list) Add(ActivityKey(a.value("id", "")), true);
      }
    }
  }

  std::vector<StatementRef> Take() {
    std::stable_partition(refs_.begin(), refs_.end(), [](const auto& r) { return !r.broad; });
    return std::move(refs_);
  }

 private:
  const std::string& org_id_;
  std::vector<StatementRef> refs_;
};

json IdsAgent(const json& agent) {
  json out = json::object();
  if (agent.contains("objectType")) out["objectType"] = agent["objectType"];
  for (const char* ifi : {"mbox", "mbox_sha1sum", "openid", "account"}) {
    if (agent.contains(ifi)) {
      out[ifi] = agent[ifi];
      return out;
    }
  }
  // Anonymous Group: identified by its members.
  if (agent.contains("member")) {
    out["member"] = json::array();
    for (const auto& m : agent["member"]) out["member"].push_back(IdsAgent(m));
  }
  return out;
}

json IdsObject(const json& object);

json IdsContext(const json& ctx) {
  json out = ctx;
  if (out.contains("instructor")) out["instructor"] = IdsAgent(out["instructor"]);
  if (out.contains("team")) out["team"] = IdsAgent(out["team"]);
  if (out.contains("contextActivities")) {
    for (auto& [kind, list] : out["contextActivities"].items()) {
      for (auto& a : list) a = json{{"id", a["id"]}};
    }
  }
  return out;
}

json IdsStatementBody(const json& stmt) {
  json out = stmt;
  if (out.contains("actor")) out["actor"] = IdsAgent(out["actor"]);
  if (out.contains("verb")) out["verb"] = json{{"id", out["verb"]["id"]}};
  if (out.contains("object")) out["object"] = IdsObject(out["object"]);
  if (out.contains("context")) out["context"] = IdsContext(out["context"]);
  if (out.contains("authority")) out["authority"] = IdsAgent(out["authority"]);
  return out;
}

json IdsObject(const json& object) {
  const std::string type = object.value("objectType", "Activity");
  if (type == "Activity") return json{{"id", object["id"]}};
  if (type == "Agent" || type == "Group") return IdsAgent(object);
  if (type == "SubStatement") return IdsStatementBody(object);
  return object;  // StatementRef is already just an id
}

}  // namespace

std::optional<std::string> AgentKey(const json& agent) {
  if (!agent.is_object() || !IsAgentOrGroup(agent)) return std::nullopt;
  if (agent.contains("mbox")) return "agent:mbox:" + agent["mbox"].get<std::string>();
  if (agent.contains("mbox_sha1sum")) {
    std::string sha = agent["mbox_sha1sum"].get<std::string>();
    std::transform(sha.begin(), sha.end(), sha.begin(), ::tolower);
    return "agent:sha1:" + sha;
  }
  if (agent.contains("openid")) return "agent:openid:" + agent["openid"].get<std::string>();
  if (agent.contains("account")) {
    const json& a = agent["account"];
    // A space cannot occur in an IRL, so it separates the two parts unambiguously.
    return "agent:account:" + a.value("homePage", "") + " " + a.value("name", "");
  }
  return std::nullopt;
}

std::string ActivityKey(const std::string& activity_id) { return "activity:" + activity_id; }
std::string VerbKey(const std::string& verb_id) { return "verb:" + verb_id; }
std::string RegistrationKey(const std::string& registration) {
  return "registration:" + registration;
}

int64_t RefKey(const std::string& org_id, const std::string& key) {
  const std::string text = org_id + "\n" + key;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | digest[i];
  return static_cast<int64_t>(v >> 1);  // non-negative in every database's BIGINT
}

std::vector<StatementRef> StatementRefsFor(const std::string& org_id, const json& stmt) {
  RefCollector refs(org_id);
  refs.Add(VerbKey(stmt["verb"]["id"].get<std::string>()), false);
  if (stmt.contains("context") && stmt["context"].contains("registration")) {
    refs.Add(RegistrationKey(stmt["context"]["registration"].get<std::string>()), false);
  }
  refs.AddAgent(stmt["actor"], false);
  const json& object = stmt["object"];
  if (IsAgentOrGroup(object) && object.contains("objectType")) {
    refs.AddAgent(object, false);
  } else if (IsActivity(object)) {
    refs.Add(ActivityKey(object["id"].get<std::string>()), false);
  } else if (object.value("objectType", "") == "SubStatement") {
    refs.AddAgent(object["actor"], true);
    const json& inner = object["object"];
    if (IsAgentOrGroup(inner) && inner.contains("objectType")) {
      refs.AddAgent(inner, true);
    } else if (IsActivity(inner)) {
      refs.Add(ActivityKey(inner["id"].get<std::string>()), true);
    }
    refs.AddContext(object);
  }
  if (stmt.contains("authority")) refs.AddAgent(stmt["authority"], true);
  refs.AddContext(stmt);
  return refs.Take();
}

json IdsFormat(const json& stmt) { return IdsStatementBody(stmt); }

}  // namespace attune::xapi
