#pragma once
// Monte Carlo evaluation of the adaptive test over a bank: simulated learners with known ability
// answer according to the 2PL model, and the estimates are compared with the truth. Used by
// `attune bench cat` and by the tests; deterministic for a seed.
#include <cstdint>
#include <vector>

#include "engines/irt/item_selector.h"
#include "engines/irt/mml_calibration.h"

namespace attune::irt {

struct TestOutcomeSummary {
  int learners = 0;
  double mean_items = 0;
  double p95_items = 0;
  double rmse = 0;      // of the EAP estimate against the true ability
  double bias = 0;      // mean (estimate - truth)
  double coverage = 0;  // share of 95% intervals (estimate ± 1.96 SE) holding the truth
  double mean_se = 0;
  double reliability = 0;     // marginal: 1 - mean(SE^2) / var(true ability)
  double reached_target = 0;  // share of tests that stopped at the target SE (not at max length)
  double max_exposure = 0;    // largest share of learners who saw one item
};

struct SimulationOptions {
  int learners = 10000;
  uint64_t seed = 1;
};

// Learners' true abilities are drawn from N(0, 1). `selection_bank` is what the test believes
// (the parameters it selects and scores with); `true_bank` generates the answers. They are the
// same except in the recalibration study. Appends every response to `log` when it is not null.
TestOutcomeSummary SimulateAdaptive(const std::vector<BankItem>& selection_bank,
                                    const std::vector<BankItem>& true_bank, const CatPolicy& policy,
                                    const SimulationOptions& options,
                                    std::vector<CalibrationResponse>* log = nullptr);

// The best fixed form of a length: the items with the most information over the reference
// population (the Fisher information integrated over N(0, 1)).
std::vector<int> BestFixedForm(const std::vector<BankItem>& bank, int length);

TestOutcomeSummary SimulateFixedForm(const std::vector<BankItem>& bank,
                                     const std::vector<int>& form,
                                     const SimulationOptions& options);

// The shortest best fixed form whose marginal reliability reaches `reliability`; -1 if even the
// whole bank does not.
int FixedFormLengthFor(const std::vector<BankItem>& bank, double reliability,
                       const SimulationOptions& options);

struct RecoverySummary {
  double b_correlation = 0;
  double b_slope = 0;  // least-squares slope of estimated on true difficulty
  double b_rmse = 0;
  double a_correlation = 0;
  int items_estimated = 0;
  int cycles = 0;
};

// Recalibration study: the bank starts from perturbed parameters (as an author's guesses would
// be), learners take adaptive tests selected with those guesses while answering from the true
// parameters, and MML refits the bank from the adaptive data alone.
RecoverySummary SimulateRecalibration(const std::vector<BankItem>& true_bank,
                                      const CatPolicy& policy, const SimulationOptions& options);

}  // namespace attune::irt
