#pragma once
// Choosing the next practice item. Practice is for learning, not measurement, so it aims at a
// success rate of about 75% (hard enough to stretch, easy enough to keep going) rather than at
// maximum information, and it leans toward the learner's weak emotions and their own role and
// seniority. Each candidate gets a weight
//   emotion_weight x context_weight x exp(-(z - logit(target))^2 / (2 x 0.5^2)),  z = a (theta - b)
// and one is drawn in proportion to it, so sessions vary. The window is on the logit scale, where
// a bank with evenly spread difficulties is evenly dense; on the probability scale items crowd
// toward P = 1 and the draws would drift easy.
#include <vector>

#include "core/random.h"
#include "engines/irt/item_response_model.h"

namespace attune::irt {

struct PracticeCandidate {
  int item = 0;  // caller's index
  ItemParameters params;
  int emotion = 0;
  bool matches_context = false;  // the item's roles/seniority include the learner's
};

struct PracticeOptions {
  double target_success = 0.75;
  double context_weight = 2.0;  // multiplier for items written for the learner's role/seniority
};

// `emotion_weight[e]` (e.g. 1 - shrunk accuracy from the development map); missing entries are 1.
// Returns the chosen candidate's `item`, or -1 if there are no candidates.
int ChoosePracticeItem(const std::vector<PracticeCandidate>& candidates, double theta,
                       const std::vector<double>& emotion_weight, Random& random,
                       const PracticeOptions& options = {});

}  // namespace attune::irt
