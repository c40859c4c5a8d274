#include "services/affect_service.h"

#include "services/permissions.h"

namespace attune {

bool AffectService::available() const {
  std::call_once(load_once_, [this] {
    auto engine = affect::AffectEngine::LoadFile(model_path_);
    if (engine.ok()) {
      engine_ = std::move(*engine);
    } else {
      unavailable_reason_ = "the affect model could not be loaded from " + model_path_ + ": " +
                            engine.error().message;
    }
  });
  return engine_ != nullptr;
}

Status AffectService::CheckAvailable() const {
  if (!available()) return Error(ErrorCode::kUnavailable, unavailable_reason_);
  return Ok();
}

Result<std::vector<Result<affect::TextAnalysis>>> AffectService::Analyze(
    const Principal& p, const std::vector<std::string>& texts, bool explain) const {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  RETURN_IF_ERROR(CheckAvailable());
  if (texts.empty()) return Error(ErrorCode::kInvalidArgument, "give at least one text", "texts");
  if (texts.size() > kMaxBatch) {
    return Error(ErrorCode::kInvalidArgument,
                 "at most " + std::to_string(kMaxBatch) + " texts per request", "texts");
  }
  std::vector<std::string_view> views(texts.begin(), texts.end());
  affect::AnalyzeOptions options;
  options.explain = explain;
  return engine_->AnalyzeBatch(views, options);
}

Result<affect::EmpathyAssessment> AffectService::Empathy(const Principal& p,
                                                         const std::string& message,
                                                         const std::string& reply) const {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  RETURN_IF_ERROR(CheckAvailable());
  return engine_->AssessEmpathy(message, reply);
}

}  // namespace attune
