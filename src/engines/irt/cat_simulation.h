#pragma once
// Monte Carlo evaluation of the adaptive test over a bank: simulated learners with known ability
// answer according to the bank's true model (2PL, or the nominal model where an item has one), and
// the estimates are compared with the truth. Used by `attune bench cat` and by the tests;
// deterministic for a seed.
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
  // Where the true bank models its options: the items that got a nominal fit, and the
  // correlation of fitted and true option slopes (each item's centred on their mean).
  int nominal_items = 0;
  double slope_correlation = 0;
};

// Recalibration study: the bank starts from perturbed parameters (as an author's guesses would
// be: a and b only), learners take adaptive tests selected with those guesses while answering
// from the true parameters, and MML refits the bank from the adaptive data alone. Where the true
// bank has a nominal model, the learners pick options by it and the refit models the options too.
// `model_options` false refits right/wrong only; `fitted`, when not null, receives the refitted
// bank.
RecoverySummary SimulateRecalibration(const std::vector<BankItem>& true_bank,
                                      const CatPolicy& policy, const SimulationOptions& options,
                                      bool model_options = true,
                                      std::vector<BankItem>* fitted = nullptr);

// A made-up truth for studying the nominal model, since no real answers exist yet: each item of
// three or more options keeps its 2PL key curve (slope a, intercept -a b); one random distractor
// is a near miss chosen more by stronger learners (slope 0.5 a), the others get slopes uniform
// in [-0.25 a, 0.25 a], and intercepts vary by N(0, 0.5) around an equal split.
std::vector<BankItem> WithSyntheticNominalTruth(const std::vector<BankItem>& bank,
                                                const std::vector<ItemChoices>& choices,
                                                uint64_t seed);

}  // namespace attune::irt
