#pragma once
// An optional language model that voices the counterpart: it rewrites the scenario's scripted line
// in the persona's own words, at their current emotion and intensity, through any OpenAI-compatible
// chat endpoint (a local llama.cpp server, Ollama, vLLM). The deterministic scenario stays in
// charge: the LLM never chooses the branch, never sees the rubric and never scores anything, and
// when it fails, is slow or answers with something unusable, the scripted line is used.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "engines/scenario/scenario.h"
#include "engines/scenario/scenario_run.h"

namespace attune::roleplay {

struct CounterpartVoiceConfig {
  std::string url;  // http(s)://host:port/v1 (the chat/completions path is appended)
  std::string model;
  std::string api_key;  // sent as a Bearer token when set
  int timeout_ms = 4000;
};

struct CounterpartCue {
  const scenario::Scenario* scenario = nullptr;
  scenario::CounterpartState state;  // after the learner's reply
  std::string scripted_line;         // what the counterpart says next, per the scenario
  std::string learner_reply;
};

class CounterpartVoice {
 public:
  // Refuses URLs it cannot call: http:// or https:// with a host, an optional port and a path.
  static Result<std::unique_ptr<CounterpartVoice>> Create(CounterpartVoiceConfig config);

  // The line in the persona's voice, or nullopt: the caller then uses the scripted line.
  std::optional<std::string> Voice(const CounterpartCue& cue) const;

  // The chat request for `cue` (JSON text), and the usable line in a chat response, if any.
  std::string RequestBody(const CounterpartCue& cue) const;
  static std::optional<std::string> LineFrom(const std::string& response_body);

  static constexpr size_t kMaxLineChars = 600;

 private:
  CounterpartVoice(CounterpartVoiceConfig config, std::string origin, std::string path)
      : config_(std::move(config)), origin_(std::move(origin)), path_(std::move(path)) {}
  CounterpartVoiceConfig config_;
  std::string origin_;  // scheme://host:port
  std::string path_;
};

}  // namespace attune::roleplay
