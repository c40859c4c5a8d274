#include "engines/affect/affect_engine.h"

#include <algorithm>

#include "engines/affect/text_input.h"
#include "engines/affect/valence_arousal.h"

namespace attune::affect {

Result<std::unique_ptr<AffectEngine>> AffectEngine::Create(AffectModel model) {
  ASSIGN_OR_RETURN(auto classifier, EmotionClassifier::Create(std::move(model)));
  return std::unique_ptr<AffectEngine>(new AffectEngine(std::move(classifier)));
}

Result<std::unique_ptr<AffectEngine>> AffectEngine::LoadFile(const std::string& path) {
  ASSIGN_OR_RETURN(AffectModel model, LoadModelFile(path));
  return Create(std::move(model));
}

AffectEngine::AffectEngine(std::unique_ptr<EmotionClassifier> classifier)
    : classifier_(std::move(classifier)), empathy_(classifier_.get()) {}

Result<TextAnalysis> AffectEngine::Analyze(std::string_view input,
                                           const AnalyzeOptions& options) const {
  ASSIGN_OR_RETURN(CheckedText checked, CheckText(input));
  TextAnalysis out;
  out.truncated = checked.truncated;
  out.analysed_bytes = checked.text.size();
  out.original_chars = checked.original_chars;

  const LabelSchema& s = classifier_->schema();
  EmotionClassifier::Scratch scratch;
  std::vector<float> probs(classifier_->num_heads());
  classifier_->Score(checked.text, scratch, probs.data(), options.explain);

  EmotionResult& e = out.emotions;
  const auto [ek_first, ek_count] = classifier_->LevelRange(1);
  const auto [se_first, se_count] = classifier_->LevelRange(2);
  e.label_probabilities.assign(probs.begin(), probs.begin() + s.labels.size());
  e.ekman_probabilities.assign(probs.begin() + ek_first, probs.begin() + ek_first + ek_count);
  e.sentiment_probabilities.assign(probs.begin() + se_first, probs.begin() + se_first + se_count);
  for (int label : classifier_->Select(probs.data(), 0)) {
    PredictedLabel p{label, probs[label], {}};
    if (options.explain) p.evidence = classifier_->Explain(scratch, label, options.max_evidence);
    e.labels.push_back(std::move(p));
  }
  std::stable_sort(e.labels.begin(), e.labels.end(),
                   [](const auto& a, const auto& b) { return a.probability > b.probability; });
  auto argmax = [](const std::vector<float>& v) {
    return static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
  };
  e.ekman_label = argmax(e.ekman_probabilities);
  e.sentiment_label = argmax(e.sentiment_probabilities);

  if (options.tone) out.tone = tone_.Analyze(scratch.tokens);
  Circumplex va =
      EstimateValenceArousal(s.labels, e.label_probabilities.data(), out.tone.intensity);
  e.valence = va.valence;
  e.arousal = va.arousal;
  return out;
}

std::vector<Result<TextAnalysis>> AffectEngine::AnalyzeBatch(
    const std::vector<std::string_view>& texts, const AnalyzeOptions& options) const {
  std::vector<Result<TextAnalysis>> out;
  out.reserve(texts.size());
  for (std::string_view t : texts) out.push_back(Analyze(t, options));
  return out;
}

Result<EmpathyAssessment> AffectEngine::AssessEmpathy(std::string_view message,
                                                      std::string_view reply) const {
  auto field = [](Error e, const char* name) {
    e.message = std::string(name) + ": " + e.message;
    e.field = name;
    return e;
  };
  auto m = CheckText(message);
  if (!m.ok()) return field(m.error(), "message");
  auto r = CheckText(reply);
  if (!r.ok()) return field(r.error(), "reply");
  return empathy_.Score(m->text, r->text);
}

}  // namespace attune::affect
