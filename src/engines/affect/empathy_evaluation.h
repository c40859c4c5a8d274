#pragma once
// Evaluation of EmpathyScorer against EPITOME's Reddit annotations (evaluation only: the data's
// licence does not allow shipping anything trained on it, and nothing here is fitted to it).
#include <array>
#include <string>
#include <vector>

#include "core/result.h"
#include "engines/affect/empathy_scorer.h"
#include "engines/affect/f1_metrics.h"

namespace attune::affect {

struct EmpathyExample {
  std::string response_id;
  std::string seeker_post;
  std::string response;
  std::array<int, 3> level{};  // emotional reactions, interpretations, explorations
};

// Joins the three EPITOME CSV texts (same pairs, same order) into one list.
Result<std::vector<EmpathyExample>> ParseEpitome(std::string_view emotional_reactions_csv,
                                                 std::string_view interpretations_csv,
                                                 std::string_view explorations_csv);

struct EmpathyEvaluation {
  std::array<F1Report, 3> three_class;  // levels 0/1/2, macro-F1 as in the EPITOME paper
  std::array<F1Report, 3> binary;       // none vs any (level >= 1)
  std::array<double, 3> accuracy{};
  std::array<std::array<int, 9>, 3> confusion{};  // gold * 3 + predicted
  size_t examples = 0;
};

EmpathyEvaluation EvaluateEmpathy(const EmpathyScorer& scorer,
                                  const std::vector<EmpathyExample>& examples);

}  // namespace attune::affect
