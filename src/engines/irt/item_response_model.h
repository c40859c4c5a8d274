#pragma once
// Item response models. Theta is on the scale of the reference population, N(0, 1).
//
// Every item has two-parameter logistic (2PL) parameters: the probability of the keyed answer is
// 1 / (1 + exp(-a (theta - b))), and a right/wrong score is all it uses. Once calibration has
// enough answers, a multiple-choice item may also carry Bock's (1972) nominal response model for
// its options: P(option k | theta) = exp(slope_k theta + intercept_k) / sum_j exp(slope_j theta +
// intercept_j). When stronger learners who miss pick the near miss ("disappointment" for
// "frustration") and weaker ones the far miss, the wrong choice itself says something about
// ability, which a right/wrong score throws away. With distractor slopes of zero the nominal
// model is exactly the 2PL (see EmbedTwoPl), so it only adds what the answers show.
#include <cmath>
#include <utility>
#include <vector>

namespace attune::irt {

struct NominalParameters {
  std::vector<double> slopes;      // one per option, in the item's option order
  std::vector<double> intercepts;  // the same length
  int key = -1;                    // index of the keyed option

  bool empty() const { return slopes.empty(); }
  int options() const { return static_cast<int>(slopes.size()); }
};

struct ItemParameters {
  ItemParameters() = default;
  ItemParameters(double a_, double b_, NominalParameters nominal_ = {})
      : a(a_), b(b_), nominal(std::move(nominal_)) {}

  double a = 1;               // discrimination of the right/wrong score
  double b = 0;               // difficulty
  NominalParameters nominal;  // empty: the item is scored right/wrong only
};

// The options of a multiple-choice item: how many, and which one is keyed.
struct ItemChoices {
  int options = 0;
  int key = -1;
};

// The nominal parameters equivalent to the 2PL (a, b) for an item of `options` options: the key
// has slope a and intercept -a b, every other option slope 0 and an equal share of the rest.
NominalParameters EmbedTwoPl(double a, double b, int options, int key);

// P(option | theta) for every option of a nominal item, written into `out`.
void OptionProbabilities(const NominalParameters& item, double theta, std::vector<double>& out);

// The option a learner of ability theta picks, given a uniform draw u in [0, 1): the inverse of
// the options' cumulative probabilities. Simulations and tests draw u; the model does the rest.
int SampleOption(const NominalParameters& item, double theta, double u);

// P(keyed answer | theta).
double ProbabilityCorrect(const ItemParameters& item, double theta);

// Fisher information of one response at theta: a^2 P (1 - P) for a right/wrong score; for the
// nominal model sum_k P_k (slope_k - mean slope)^2, which is never less than the right/wrong
// information of the same probabilities.
double ItemInformation(const ItemParameters& item, double theta);

// An answer as the models see it: right or wrong, and which option when known (-1: unknown).
struct ItemAnswer {
  bool correct = false;
  int option = -1;
};

// log P(answer | theta): of the chosen option when the item is nominal and the option is known,
// else of the right/wrong score, computed without cancellation for large |a (theta - b)|.
double LogLikelihood(const ItemParameters& item, double theta, ItemAnswer answer);

}  // namespace attune::irt
