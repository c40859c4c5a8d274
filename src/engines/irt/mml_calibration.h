#pragma once
// Item calibration by marginal maximum likelihood with the EM algorithm (Bock & Aitkin 1981): the
// learners' abilities are integrated out over the reference population N(0, 1) on a quadrature
// grid, so the scale stays anchored to that population and does not drift or inflate. Unlike
// Elo-style online updates, MML over all responses is consistent for data collected adaptively:
// the choice of item depends only on earlier observed answers, which the likelihood already
// conditions on (Mislevy & Chang 2000). Attune refits the bank periodically with this.
#include <cstdint>
#include <vector>

#include "engines/irt/item_response_model.h"

namespace attune::irt {

struct CalibrationResponse {
  int person = 0;  // dense index, 0..persons-1
  int item = 0;    // index into the bank
  bool correct = false;
};

struct CalibrationOptions {
  int max_cycles = 500;
  double tolerance = 1e-4;  // largest change of any a or b in one cycle
  // Items with fewer responses keep their starting parameters (they still inform the abilities).
  int min_responses = 50;
  // Bayes modal estimation: log a ~ N(log a_start, sd^2) keeps a finite for items everyone gets
  // right and steadies it where adaptive data says little about it.
  double log_a_prior_sd = 0.5;
  int quadrature_points = 61;
};

struct CalibrationResult {
  std::vector<ItemParameters> items;
  std::vector<int64_t> responses_per_item;
  std::vector<char> estimated;  // 1 where the item had enough responses to be refitted
  int cycles = 0;
  bool converged = false;
  double log_likelihood = 0;  // marginal log-likelihood at the final parameters
};

CalibrationResult CalibrateMml(const std::vector<CalibrationResponse>& responses,
                               std::vector<ItemParameters> start,
                               const CalibrationOptions& options = {});

}  // namespace attune::irt
