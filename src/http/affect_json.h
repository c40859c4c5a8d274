#pragma once
// The JSON form of the affect engine's results, shared by the API and the CLI so both print the
// same thing. Spans carry byte offsets into the analysed text and the text they cover.
#include <nlohmann/json.hpp>
#include <string_view>

#include "engines/affect/affect_engine.h"

namespace attune {

// Rounded to 4 decimals: enough for people, smaller JSON.
nlohmann::json Round4(double v);
nlohmann::json SpanJson(std::string_view text, uint32_t begin, uint32_t end);
// `full` adds the probability of every label and group, not only the predicted ones.
nlohmann::json AnalysisJson(const affect::AffectEngine& engine, std::string_view text,
                            const affect::TextAnalysis& a, bool full);
nlohmann::json EmpathyJson(std::string_view reply, const affect::EmpathyAssessment& a);

}  // namespace attune
