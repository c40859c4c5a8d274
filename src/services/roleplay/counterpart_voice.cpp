#include "services/roleplay/counterpart_voice.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/http_url.h"
#include "core/utf8.h"

namespace attune::roleplay {

using nlohmann::json;

Result<std::unique_ptr<CounterpartVoice>> CounterpartVoice::Create(CounterpartVoiceConfig config) {
  auto url = ParseHttpUrl(config.url);
  if (!url) {
    return Error(ErrorCode::kInvalidArgument,
                 "counterpart_llm_url must be http(s)://host[:port]/path: " + config.url,
                 "counterpart_llm_url");
  }
  if (config.model.empty()) {
    return Error(ErrorCode::kInvalidArgument, "counterpart_llm_model is required",
                 "counterpart_llm_model");
  }
  std::string path = url->path;
  while (!path.empty() && path.back() == '/') path.pop_back();
  path += "/chat/completions";
  return std::unique_ptr<CounterpartVoice>(
      new CounterpartVoice(std::move(config), url->origin, std::move(path)));
}

std::string CounterpartVoice::RequestBody(const CounterpartCue& cue) const {
  const scenario::Scenario& s = *cue.scenario;
  const long intensity = std::lround(cue.state.intensity * 100);
  const std::string system =
      "You voice " + s.persona.name + ", " + s.persona.role +
      ", in a workplace role-play that someone is using to practise a hard conversation. " +
      s.persona.description + "\nSituation: " + s.context + "\nRight now " + s.persona.name +
      " feels " + cue.state.emotion + " at an intensity of " + std::to_string(intensity) +
      "% (0 is calm, 100 very strong).\nRewrite the scripted line you are given in " +
      s.persona.name +
      "'s own words: keep its meaning, facts and intent, match the emotion and its intensity, "
      "and use at most three sentences. Do not give advice, do not judge the other person's "
      "reply, and do not add facts. Answer with the line only: no name, no quotation marks, no "
      "stage directions.";
  const std::string user = "The other person just said: \"" + cue.learner_reply +
                           "\"\nScripted line to say next: \"" + cue.scripted_line + "\"";
  json body = {{"model", config_.model},
               {"messages",
                {{{"role", "system"}, {"content", system}}, {{"role", "user"}, {"content", user}}}},
               {"temperature", 0.7},
               {"max_tokens", 160},
               {"stream", false}};
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<std::string> CounterpartVoice::LineFrom(const std::string& response_body) {
  const json r = json::parse(response_body, nullptr, false);
  if (!r.is_object() || !r.contains("choices") || !r["choices"].is_array() ||
      r["choices"].empty()) {
    return std::nullopt;
  }
  const json& message = r["choices"][0].value("message", json::object());
  if (!message.is_object() || !message.contains("content") || !message["content"].is_string()) {
    return std::nullopt;
  }
  std::string line = message["content"].get<std::string>();
  // Models add what they were asked not to: surrounding whitespace and quotes, a "Name:" prefix.
  auto trim = [&] {
    const auto first = line.find_first_not_of(" \t\r\n\"“”");
    const auto last = line.find_last_not_of(" \t\r\n\"“”");
    line = first == std::string::npos ? "" : line.substr(first, last - first + 1);
  };
  trim();
  static const std::regex kNamePrefix(R"(^[A-Z][\w .'-]{0,40}:\s+)");
  line = std::regex_replace(line, kNamePrefix, "", std::regex_constants::format_first_only);
  trim();
  if (line.empty() || !IsValidUtf8(line)) return std::nullopt;
  if (line.size() > kMaxLineChars) {
    // Cut at the last sentence end that fits; a line that runs on is not usable.
    const auto end = line.find_last_of(".!?", kMaxLineChars - 1);
    if (end == std::string::npos) return std::nullopt;
    line.resize(end + 1);
  }
  return line;
}

std::optional<std::string> CounterpartVoice::Voice(const CounterpartCue& cue) const {
  httplib::Client client(origin_);  // certificates are verified for https
  const auto timeout = std::chrono::milliseconds(config_.timeout_ms);
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  httplib::Headers headers;
  if (!config_.api_key.empty()) headers.emplace("Authorization", "Bearer " + config_.api_key);
  auto res = client.Post(path_, headers, RequestBody(cue), "application/json");
  if (!res) {
    spdlog::warn("counterpart LLM unreachable ({}); using the scripted line",
                 httplib::to_string(res.error()));
    return std::nullopt;
  }
  if (res->status != 200) {
    spdlog::warn("counterpart LLM answered {}; using the scripted line", res->status);
    return std::nullopt;
  }
  auto line = LineFrom(res->body);
  if (!line) spdlog::warn("counterpart LLM answer unusable; using the scripted line");
  return line;
}

}  // namespace attune::roleplay
