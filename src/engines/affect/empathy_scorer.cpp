#include "engines/affect/empathy_scorer.h"

#include <algorithm>
#include <set>

#include "engines/affect/stable_hash.h"
#include "engines/affect/tone_lexicon.h"

namespace attune::affect {
namespace {

void AddSpans(const TokenizedText& t, const std::vector<PhraseMatcher::Match>& matches,
              std::string_view cue, std::vector<EmpathySpan>& out) {
  for (const auto& m : matches)
    out.push_back({t.tokens[m.first_token].begin, t.tokens[m.last_token].end, cue});
}

// Token range [first, last] of the reply covered by a byte range.
std::pair<uint32_t, uint32_t> TokensIn(const TokenizedText& t, uint32_t begin, uint32_t end) {
  uint32_t first = UINT32_MAX, last = 0;
  for (uint32_t i = 0; i < t.tokens.size(); ++i) {
    if (t.tokens[i].begin >= begin && t.tokens[i].end <= end) {
      first = std::min(first, i);
      last = i;
    }
  }
  return {first, last};
}

// Drops matches that overlap any of `stronger`, so "I'm so sorry" is not also reported as "sorry".
void RemoveOverlaps(std::vector<PhraseMatcher::Match>& matches,
                    const std::vector<PhraseMatcher::Match>& stronger) {
  std::erase_if(matches, [&](const PhraseMatcher::Match& m) {
    for (const auto& s : stronger)
      if (m.first_token <= s.last_token && s.first_token <= m.last_token) return true;
    return false;
  });
}

bool IsYou(std::string_view w) {
  return w == "you" || w == "your" || w == "you're" || w == "youre" || w == "yourself" ||
         w == "u" || w == "ur" || w == "you've" || w == "you'd" || w == "you'll";
}

}  // namespace

EmpathyScorer::EmpathyScorer(const EmotionClassifier* classifier)
    : classifier_(classifier),
      warmth_strong_(lexicon::kWarmthStrong),
      warmth_weak_(lexicon::kWarmthWeak),
      offer_help_(lexicon::kOfferHelp),
      understanding_(lexicon::kUnderstandingGeneric),
      reflection_(lexicon::kReflection),
      shared_experience_(lexicon::kSharedExperience),
      dismissive_(lexicon::kDismissive),
      blame_(lexicon::kYouBlame),
      feeling_words_(lexicon::kFeelingWords),
      experience_words_(lexicon::kExperienceWords) {
  for (std::string_view w : lexicon::kStopWords) stop_words_.push_back(HashBytes(w));
  std::sort(stop_words_.begin(), stop_words_.end());
}

EmpathyAssessment EmpathyScorer::Score(std::string_view message, std::string_view reply) const {
  EmpathyAssessment a;
  TokenizedText msg, rep;
  Tokenize(message, msg);
  Tokenize(reply, rep);

  // Content words of the message: what a reflective reply or a specific question would echo.
  std::set<uint64_t> message_content;
  for (const Token& t : msg.tokens) {
    if (t.kind != TokenKind::kWord || t.norm_size < 3) continue;
    uint64_t h = HashBytes(msg.Norm(t));
    if (!std::binary_search(stop_words_.begin(), stop_words_.end(), h)) message_content.insert(h);
  }
  std::vector<char> echoes(rep.tokens.size(), 0);
  int echo_count = 0, reply_content = 0;
  for (uint32_t i = 0; i < rep.tokens.size(); ++i) {
    const Token& t = rep.tokens[i];
    if (t.kind != TokenKind::kWord || t.norm_size < 3) continue;
    uint64_t h = HashBytes(rep.Norm(t));
    if (std::binary_search(stop_words_.begin(), stop_words_.end(), h)) continue;
    ++reply_content;
    if (message_content.count(h)) {
      echoes[i] = 1;
      ++echo_count;
    }
  }

  // Emotional reactions: explicit warmth is strong; encouragement, offers of help, or a reply the
  // emotion model reads as caring are weak; dismissive or blaming phrases take a level away.
  MechanismScore& er = a.emotional_reaction;
  auto strong = warmth_strong_.FindAll(rep);
  auto weak = warmth_weak_.FindAll(rep);
  auto help = offer_help_.FindAll(rep);
  RemoveOverlaps(weak, strong);
  AddSpans(rep, strong, "warmth", er.spans);
  AddSpans(rep, weak, "encouragement", er.spans);
  AddSpans(rep, help, "offer_of_help", er.spans);
  bool caring = false;
  if (classifier_) {
    int head = classifier_->schema().Find("caring");
    if (head >= 0) {
      EmotionClassifier::Scratch scratch;
      std::vector<float> probs(classifier_->num_heads());
      classifier_->Score(reply, scratch, probs.data(), /*with_sources=*/true);
      if (probs[head] >= classifier_->model().heads[head].threshold) {
        caring = true;
        for (const Evidence& e : classifier_->Explain(scratch, head, 2))
          er.spans.push_back({e.begin, e.end, "caring_emotion"});
      }
    }
  }
  er.level = !strong.empty() ? 2 : (!weak.empty() || !help.empty() || caring) ? 1 : 0;
  AddSpans(rep, dismissive_.FindAll(rep), "dismissive", a.dismissive);
  AddSpans(rep, blame_.FindAll(rep), "blame", a.dismissive);
  if (!a.dismissive.empty()) er.level = std::max(0, er.level - 1);

  // Interpretations: a reflection of the other's state ("it sounds like you...") or a shared
  // experience ("I've been there") is strong; a generic "I understand" or a paraphrase that echoes
  // the message's content words is weak.
  MechanismScore& ip = a.interpretation;
  auto reflection = reflection_.FindAll(rep);
  auto shared = shared_experience_.FindAll(rep);
  auto generic = understanding_.FindAll(rep);
  RemoveOverlaps(shared, reflection);
  RemoveOverlaps(generic, reflection);
  RemoveOverlaps(generic, shared);
  AddSpans(rep, reflection, "reflection", ip.spans);
  AddSpans(rep, shared, "shared_experience", ip.spans);
  AddSpans(rep, generic, "understanding", ip.spans);
  const bool paraphrase =
      echo_count >= 3 || (reply_content > 0 && echo_count >= 2 && echo_count * 4 >= reply_content);
  if (paraphrase) {
    for (uint32_t i = 0; i < rep.tokens.size(); ++i)
      if (echoes[i]) ip.spans.push_back({rep.tokens[i].begin, rep.tokens[i].end, "paraphrase"});
  }
  ip.level = (!reflection.empty() || !shared.empty()) ? 2
             : (!generic.empty() || paraphrase)       ? 1
                                                      : 0;

  // Explorations: a question to the other person about their feelings or experience, or about
  // something from their message, is strong; any other open question is weak.
  MechanismScore& ex = a.exploration;
  ToneReport tone = tone_.Analyze(rep);
  auto feelings = feeling_words_.FindAll(rep, /*keep_negated=*/true);
  auto experiences = experience_words_.FindAll(rep, /*keep_negated=*/true);
  for (const ToneHit& q : tone.hits) {
    if (q.marker != ToneMarker::kOpenQuestion && q.marker != ToneMarker::kClosedQuestion) continue;
    auto [first, last] = TokensIn(rep, q.begin, q.end);
    if (first == UINT32_MAX) continue;
    bool to_you = false, about_feelings = false, specific = false;
    for (uint32_t i = first; i <= last; ++i) {
      to_you |= IsYou(rep.Norm(rep.tokens[i]));
      specific |= echoes[i] != 0;
    }
    for (const auto* list : {&feelings, &experiences})
      for (const auto& m : *list) about_feelings |= m.first_token >= first && m.last_token <= last;
    int level = 0;
    if (to_you && (about_feelings || specific))
      level = 2;
    else if (q.marker == ToneMarker::kOpenQuestion || to_you)
      level = 1;
    if (level == 0) continue;
    ex.spans.push_back({q.begin, q.end, level == 2 ? "question_about_feelings" : "question"});
    ex.level = std::max(ex.level, level);
  }
  return a;
}

}  // namespace attune::affect
