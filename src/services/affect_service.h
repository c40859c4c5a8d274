#pragma once
// Text affect analysis for authenticated callers: emotions, tone and empathy of short texts.
// Results are returned, never stored here: a service that needs to keep them (role-play, coaching)
// stores them under its own data stream and consent checks.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "engines/affect/affect_engine.h"
#include "services/principal.h"

namespace attune {

class AffectService {
 public:
  static constexpr size_t kMaxBatch = 1000;

  // The model is loaded on first use, once (38 MiB, ~130 ms), so commands that never analyse text
  // do not pay for it; `attune serve` loads it at start. A missing or broken model file leaves the
  // service unavailable (every call answers kUnavailable with the reason) rather than stopping
  // the server.
  explicit AffectService(std::string model_path) : model_path_(std::move(model_path)) {}

  // Loads the model if needed; false when it cannot be loaded.
  bool available() const;
  // Only after available() returned true.
  const affect::AffectEngine& engine() const { return *engine_; }

  // One result per text; a bad text (empty, binary, invalid UTF-8) fails alone.
  Result<std::vector<Result<affect::TextAnalysis>>> Analyze(const Principal& p,
                                                            const std::vector<std::string>& texts,
                                                            bool explain) const;
  Result<affect::EmpathyAssessment> Empathy(const Principal& p, const std::string& message,
                                            const std::string& reply) const;

 private:
  Status CheckAvailable() const;
  std::string model_path_;
  mutable std::once_flag load_once_;
  mutable std::unique_ptr<affect::AffectEngine> engine_;
  mutable std::string unavailable_reason_;
};

}  // namespace attune
