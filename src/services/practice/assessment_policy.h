#pragma once
// The adaptive assessment's rules, in one place for the service and the benchmark.
#include "engines/irt/item_selector.h"

namespace attune::practice {

inline irt::CatPolicy AssessmentPolicy() {
  irt::CatPolicy policy;
  policy.target_se = 0.30;
  policy.min_items = 8;
  policy.max_items = 40;
  policy.randomesque = 4;
  policy.max_exposure = 0.25;
  // Half recognition (the core skill the ERPS names), a quarter each understanding and management:
  // every test measures all three branches.
  policy.modality_share = {0.5, 0.25, 0.25};
  policy.emotion_repeat_discount = 0.7;
  return policy;
}

}  // namespace attune::practice
