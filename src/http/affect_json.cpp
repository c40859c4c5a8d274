#include "http/affect_json.h"

#include <cmath>

namespace attune {
namespace {
using Json = nlohmann::json;
}  // namespace

Json Round4(double v) { return std::round(v * 10000) / 10000; }

Json SpanJson(std::string_view text, uint32_t begin, uint32_t end) {
  return {{"text", std::string(text.substr(begin, end - begin))}, {"begin", begin}, {"end", end}};
}

Json AnalysisJson(const affect::AffectEngine& engine, std::string_view text,
                  const affect::TextAnalysis& a, bool full) {
  const affect::LabelSchema& s = engine.schema();
  const affect::EmotionResult& e = a.emotions;
  Json j;
  j["labels"] = Json::array();
  for (const auto& p : e.labels) j["labels"].push_back(s.labels[p.label]);
  j["ekman_label"] = s.ekman.groups[e.ekman_label];
  j["sentiment"] = s.sentiment.groups[e.sentiment_label];
  j["valence"] = Round4(e.valence);
  j["arousal"] = Round4(e.arousal);
  Json explained = Json::array();
  for (const auto& p : e.labels) {
    Json ev = Json::array();
    for (const auto& x : p.evidence) {
      Json span = SpanJson(text, x.begin, x.end);
      span["weight"] = Round4(x.weight);
      ev.push_back(span);
    }
    explained.push_back(
        {{"label", s.labels[p.label]}, {"probability", Round4(p.probability)}, {"evidence", ev}});
  }
  j["explanation"] = explained;
  if (full) {
    Json probs = Json::object(), ekman = Json::object(), sentiment = Json::object();
    for (size_t i = 0; i < s.labels.size(); ++i)
      probs[s.labels[i]] = Round4(e.label_probabilities[i]);
    for (size_t i = 0; i < s.ekman.groups.size(); ++i)
      ekman[s.ekman.groups[i]] = Round4(e.ekman_probabilities[i]);
    for (size_t i = 0; i < s.sentiment.groups.size(); ++i)
      sentiment[s.sentiment.groups[i]] = Round4(e.sentiment_probabilities[i]);
    j["probabilities"] = probs;
    j["ekman_probabilities"] = ekman;
    j["sentiment_probabilities"] = sentiment;
  }
  Json counts = Json::object(), spans = Json::array();
  for (size_t m = 0; m < affect::kNumToneMarkers; ++m)
    if (a.tone.counts[m])
      counts[std::string(affect::ToneMarkerName(static_cast<affect::ToneMarker>(m)))] =
          a.tone.counts[m];
  for (const auto& h : a.tone.hits) {
    Json span = SpanJson(text, h.begin, h.end);
    span["marker"] = std::string(affect::ToneMarkerName(h.marker));
    spans.push_back(span);
  }
  j["tone"] = {{"counts", counts}, {"intensity", Round4(a.tone.intensity)}, {"spans", spans}};
  j["truncated"] = a.truncated;
  return j;
}

Json EmpathyJson(std::string_view reply, const affect::EmpathyAssessment& a) {
  auto mech = [&](const affect::MechanismScore& m) {
    Json spans = Json::array();
    for (const auto& s : m.spans) {
      Json span = SpanJson(reply, s.begin, s.end);
      span["cue"] = std::string(s.cue);
      spans.push_back(span);
    }
    return Json{{"level", m.level}, {"spans", spans}};
  };
  Json dismissive = Json::array();
  for (const auto& s : a.dismissive) {
    Json span = SpanJson(reply, s.begin, s.end);
    span["cue"] = std::string(s.cue);
    dismissive.push_back(span);
  }
  return {{"emotional_reaction", mech(a.emotional_reaction)},
          {"interpretation", mech(a.interpretation)},
          {"exploration", mech(a.exploration)},
          {"dismissive", dismissive}};
}

}  // namespace attune
