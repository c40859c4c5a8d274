#include "engines/scenario/reply_signals.h"

#include <cctype>

#include "core/utf8.h"

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

// Workplace commitments the empathy lexicon (written for peer support) does not list: a concrete
// next step the speaker takes on ("I'll call the depot", "let me check", "we will send").
// Phone keyboards type the curly apostrophe (U+2019), so both spellings are listed.
constexpr std::string_view kCommitments[] = {
    "i will ",    "i'll ",       "i\u2019ll ",     "let me ",       "we will ",
    "we'll ",     "we\u2019ll ", "i am going to ", "i'm going to ", "i\u2019m going to ",
    "i can get ", "i can send ", "i can call ",    "i can set up ", "i can check "};

void MarkCommitments(ReplySignals& r, std::string_view reply) {
  const std::string lower = AsciiLower(reply);
  for (std::string_view phrase : kCommitments) {
    for (size_t at = lower.find(phrase); at != std::string::npos; at = lower.find(phrase, at + 1)) {
      const bool word_start = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
      if (!word_start) continue;
      // "let me know ..." asks the other person to act; it is not an offer.
      if (phrase == "let me " && lower.compare(at + phrase.size(), 4, "know") == 0) continue;
      size_t end = lower.find_first_of(".!?;\n", at);
      if (end == std::string::npos) end = lower.size();
      Mark(r, Signal::kOfferHelp, static_cast<uint32_t>(at), static_cast<uint32_t>(end));
    }
  }
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

ReplySignals ReadSignals(std::string_view reply, const affect::TextAnalysis& analysis,
                         const affect::EmpathyAssessment& empathy,
                         const affect::LabelSchema& schema) {
  ReplySignals r;
  MarkCommitments(
      r, reply.substr(0, analysis.analysed_bytes ? analysis.analysed_bytes : reply.size()));
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
