#pragma once
// Item calibration by marginal maximum likelihood with the EM algorithm (Bock & Aitkin 1981): the
// learners' abilities are integrated out over the reference population N(0, 1) on a quadrature
// grid, so the scale stays anchored to that population and does not drift or inflate. Unlike
// Elo-style online updates, MML over all responses is consistent for data collected adaptively:
// the choice of item depends only on earlier observed answers, which the likelihood already
// conditions on (Mislevy & Chang 2000). Attune refits the bank periodically with this.
//
// Every refitted item gets 2PL parameters. A multiple-choice item with enough answers whose option
// is known also gets the nominal model of its options (item_response_model.h), fitted in the same
// EM with a prior centred on the 2PL (distractor slopes 0): where the wrong choices carry no
// information the slopes stay near zero and the item scores as before.
#include <cstdint>
#include <vector>

#include "engines/irt/item_response_model.h"

namespace attune::irt {

struct CalibrationResponse {
  int person = 0;  // dense index, 0..persons-1
  int item = 0;    // index into the bank
  bool correct = false;
  int option = -1;  // index of the chosen option; -1 when unknown
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
  // The nominal model is fitted to items of three or more options with at least this many
  // answers whose option is known (0: never). Below that a near miss and a far miss cannot be
  // told apart reliably.
  int min_nominal_responses = 300;
  // Priors of the nominal model, centred on the item's last nominal fit or, the first time, on
  // its 2PL (EmbedTwoPl): they keep the fit finite for an option nobody picks and shrink it
  // toward the right/wrong model where the answers say little.
  double nominal_slope_prior_sd = 0.5;
  double nominal_intercept_prior_sd = 1.0;
};

struct CalibrationResult {
  std::vector<ItemParameters> items;
  std::vector<int64_t> responses_per_item;
  std::vector<char> estimated;  // 1 where the item had enough responses to be refitted
  std::vector<char> nominal;    // 1 where the nominal model of its options was fitted too
  int cycles = 0;
  bool converged = false;
  double log_likelihood = 0;  // marginal log-likelihood at the final parameters
};

// `choices` (indexed like the bank; empty: none) names the items whose options may be modelled.
// A refitted item that does not get a nominal fit loses any nominal parameters it started with,
// so its 2PL parameters are the whole model.
CalibrationResult CalibrateMml(const std::vector<CalibrationResponse>& responses,
                               std::vector<ItemParameters> start,
                               const CalibrationOptions& options = {},
                               const std::vector<ItemChoices>& choices = {});

}  // namespace attune::irt
