#include "engines/affect/tone_markers.h"

#include <algorithm>
#include <cmath>

#include "engines/affect/tone_lexicon.h"

namespace attune::affect {
namespace {

constexpr std::array<std::string_view, kNumToneMarkers> kNames = {
    "open_question", "closed_question", "acknowledgement", "validation",
    "you_blame",     "absolutist",      "hedge",           "apology",
    "politeness",    "filler",          "intensifier",     "caps",
    "exclamation"};

bool IsSentenceEnd(std::string_view norm) {
  return !norm.empty() && (norm[0] == '.' || norm[0] == '!' || norm[0] == '?');
}

// Words in capitals that are ordinary acronyms, not shouting.
bool IsCommonAcronym(std::string_view norm) {
  static constexpr std::array<std::string_view, 14> kAcronyms = {
      "ok", "tv", "usa", "uk", "eu", "ceo", "hr", "it", "pm", "am", "lol", "omg", "id", "faq"};
  return std::find(kAcronyms.begin(), kAcronyms.end(), norm) != kAcronyms.end();
}

}  // namespace

std::string_view ToneMarkerName(ToneMarker m) { return kNames[static_cast<size_t>(m)]; }

ToneAnalyzer::ToneAnalyzer()
    : acknowledgement_(lexicon::kAcknowledgement),
      validation_(lexicon::kValidation),
      blame_(lexicon::kYouBlame),
      absolutist_(lexicon::kAbsolutist),
      hedge_(lexicon::kHedge),
      apology_(lexicon::kApology),
      politeness_(lexicon::kPoliteness),
      filler_(lexicon::kFiller),
      intensifier_(lexicon::kIntensifier),
      open_question_starts_(lexicon::kOpenQuestionStarts) {}

void ToneAnalyzer::AddPhraseHits(const TokenizedText& text, const std::vector<uint64_t>& hashes,
                                 const PhraseMatcher& matcher, ToneMarker marker,
                                 ToneReport& report) const {
  for (const auto& m : matcher.FindAll(text, hashes)) {
    report.hits.push_back(
        {marker, text.tokens[m.first_token].begin, text.tokens[m.last_token].end});
    ++report.counts[static_cast<size_t>(marker)];
  }
}

// A question is a sentence ending in "?" (or a trailing sentence opening with a wh-word and no
// final punctuation, as chat often has). It is open when, after discourse openers, it starts with a
// wh-word or "tell me"/"describe"; otherwise closed (yes/no, either/or, declarative + "?").
void ToneAnalyzer::AddQuestions(const TokenizedText& text, const std::vector<uint64_t>& hashes,
                                ToneReport& report) const {
  const auto& tokens = text.tokens;
  std::vector<char> open_start(tokens.size(), 0);
  for (const auto& m : open_question_starts_.FindAll(text, hashes, /*keep_negated=*/true))
    open_start[m.first_token] = 1;
  uint32_t start = 0;
  for (uint32_t i = 0; i <= tokens.size(); ++i) {
    const bool at_end = i == tokens.size();
    if (!at_end && !IsSentenceEnd(text.Norm(tokens[i]))) continue;
    const bool has_mark = !at_end && text.Norm(tokens[i]).find('?') != std::string_view::npos;
    if (start < i) {
      // Skip openers like "so," "hey [NAME],".
      uint32_t first = start;
      while (first < i) {
        bool skipped = false;
        for (std::string_view opener : lexicon::kDiscourseStarts) {
          if (text.Norm(tokens[first]) == opener) {
            skipped = true;
            break;
          }
        }
        if (!skipped) break;
        ++first;
      }
      const bool open = first < i && open_start[first];
      if (has_mark || (at_end && open && i - start >= 3)) {
        ToneMarker marker = open ? ToneMarker::kOpenQuestion : ToneMarker::kClosedQuestion;
        uint32_t last = at_end ? i - 1 : i;
        report.hits.push_back({marker, tokens[start].begin, tokens[last].end});
        ++report.counts[static_cast<size_t>(marker)];
      }
    }
    start = i + 1;
  }
}

ToneReport ToneAnalyzer::Analyze(const TokenizedText& text) const {
  ToneReport report;
  const std::vector<uint64_t> hashes = PhraseMatcher::HashTokens(text);
  AddQuestions(text, hashes, report);
  AddPhraseHits(text, hashes, acknowledgement_, ToneMarker::kAcknowledgement, report);
  AddPhraseHits(text, hashes, validation_, ToneMarker::kValidation, report);
  AddPhraseHits(text, hashes, blame_, ToneMarker::kYouBlame, report);
  AddPhraseHits(text, hashes, absolutist_, ToneMarker::kAbsolutist, report);
  AddPhraseHits(text, hashes, hedge_, ToneMarker::kHedge, report);
  AddPhraseHits(text, hashes, apology_, ToneMarker::kApology, report);
  AddPhraseHits(text, hashes, politeness_, ToneMarker::kPoliteness, report);
  AddPhraseHits(text, hashes, filler_, ToneMarker::kFiller, report);
  AddPhraseHits(text, hashes, intensifier_, ToneMarker::kIntensifier, report);
  int exclamation_marks = 0;
  for (const Token& t : text.tokens) {
    std::string_view norm = text.Norm(t);
    if (t.kind == TokenKind::kWord && t.all_caps && !IsCommonAcronym(norm)) {
      report.hits.push_back({ToneMarker::kCaps, t.begin, t.end});
      ++report.counts[static_cast<size_t>(ToneMarker::kCaps)];
    }
    if (t.kind == TokenKind::kPunct && norm[0] == '!') {
      report.hits.push_back({ToneMarker::kExclamation, t.begin, t.end});
      ++report.counts[static_cast<size_t>(ToneMarker::kExclamation)];
      exclamation_marks += static_cast<int>(t.end - t.begin);
    }
  }
  // Weights: shouting a word counts most, then each "!", then an intensifier word.
  const float load = 0.5f * report.Count(ToneMarker::kCaps) + 0.35f * exclamation_marks +
                     0.3f * report.Count(ToneMarker::kIntensifier);
  report.intensity = 1.0f - std::exp(-load);
  return report;
}

}  // namespace attune::affect
