#include "engines/scenario/reply_signals.h"

namespace attune::scenario {

namespace {

using affect::ToneMarker;

void Mark(ReplySignals& r, Signal s, uint32_t begin, uint32_t end) {
  r.present[static_cast<size_t>(s)] = true;
  if (end > begin) r.evidence.push_back({s, begin, end});
}

void MarkTone(ReplySignals& r, const affect::ToneReport& tone, ToneMarker m, Signal s) {
  for (const affect::ToneHit& hit : tone.hits) {
    if (hit.marker == m) Mark(r, s, hit.begin, hit.end);
  }
}

void MarkSpans(ReplySignals& r, const std::vector<affect::EmpathySpan>& spans, Signal s) {
  for (const affect::EmpathySpan& span : spans) Mark(r, s, span.begin, span.end);
}

}  // namespace

std::vector<std::string> ReplySignals::Words(Signal s, const std::string& reply) const {
  std::vector<std::string> out;
  for (const SignalEvidence& e : evidence) {
    if (e.signal != s || e.end > reply.size()) continue;
    std::string words = reply.substr(e.begin, e.end - e.begin);
    bool seen = false;
    for (const std::string& w : out) seen = seen || w == words;
    if (!seen) out.push_back(std::move(words));
  }
  return out;
}

ReplySignals ReadSignals(const affect::TextAnalysis& analysis,
                         const affect::EmpathyAssessment& empathy,
                         const affect::LabelSchema& schema) {
  ReplySignals r;
  const affect::ToneReport& tone = analysis.tone;
  MarkTone(r, tone, ToneMarker::kAcknowledgement, Signal::kAcknowledgement);
  MarkTone(r, tone, ToneMarker::kValidation, Signal::kValidation);
  MarkTone(r, tone, ToneMarker::kValidation, Signal::kAcknowledgement);
  if (empathy.emotional_reaction.level >= 1) {
    MarkSpans(r, empathy.emotional_reaction.spans, Signal::kAcknowledgement);
    r.present[static_cast<size_t>(Signal::kAcknowledgement)] = true;
  }
  if (empathy.interpretation.level >= 1) {
    MarkSpans(r, empathy.interpretation.spans, Signal::kReflection);
    r.present[static_cast<size_t>(Signal::kReflection)] = true;
  }
  MarkTone(r, tone, ToneMarker::kOpenQuestion, Signal::kOpenQuestion);
  if (empathy.exploration.level >= 1) {
    MarkSpans(r, empathy.exploration.spans, Signal::kOpenQuestion);
    r.present[static_cast<size_t>(Signal::kOpenQuestion)] = true;
  }
  MarkTone(r, tone, ToneMarker::kClosedQuestion, Signal::kClosedQuestion);
  MarkTone(r, tone, ToneMarker::kApology, Signal::kApology);
  for (const auto* mechanism :
       {&empathy.emotional_reaction, &empathy.interpretation, &empathy.exploration}) {
    for (const affect::EmpathySpan& span : mechanism->spans) {
      if (span.cue == "offer_of_help") Mark(r, Signal::kOfferHelp, span.begin, span.end);
    }
  }
  MarkTone(r, tone, ToneMarker::kYouBlame, Signal::kBlame);
  MarkTone(r, tone, ToneMarker::kAbsolutist, Signal::kAbsolutist);
  MarkSpans(r, empathy.dismissive, Signal::kDismissive);
  if (tone.Count(ToneMarker::kHedge) >= 2) MarkTone(r, tone, ToneMarker::kHedge, Signal::kHedging);
  if (tone.intensity >= 0.5f) {
    r.present[static_cast<size_t>(Signal::kIntense)] = true;
    MarkTone(r, tone, ToneMarker::kCaps, Signal::kIntense);
    MarkTone(r, tone, ToneMarker::kExclamation, Signal::kIntense);
  }
  const int positive = schema.sentiment.Find("positive");
  const int negative = schema.sentiment.Find("negative");
  const int sentiment = analysis.emotions.sentiment_label;
  if (sentiment >= 0 && sentiment == positive)
    r.present[static_cast<size_t>(Signal::kPositive)] = true;
  if (sentiment >= 0 && sentiment == negative)
    r.present[static_cast<size_t>(Signal::kNegative)] = true;
  return r;
}

}  // namespace attune::scenario
