#pragma once
// Item selection for computerised adaptive tests (CAT): maximum Fisher information at the current
// ability estimate, with
// - content balancing across modalities (Kingsbury & Zara 1989: serve the modality furthest below
//   its target share) and across emotions (an item's information is discounted for each earlier
//   item on the same emotion, so one test does not dwell on one emotion);
// - exposure control: restricted maximum information (Revuelta & Ponsoda 1998), an item is eligible
//   only while its running exposure rate is under the cap, combined with randomesque selection
//   (Kingsbury & Zara 1989: a uniform pick among the k most informative eligible items), so the
//   same few items are not given to everyone and the bank is not memorised;
// - stopping at a target standard error or a maximum length.
// Stateless: the caller keeps the administered items and the exposure counts (in the database in
// production, in memory in the simulation).
#include <cstdint>
#include <vector>

#include "core/random.h"
#include "engines/irt/ability_posterior.h"
#include "engines/irt/item_response_model.h"

namespace attune::irt {

struct BankItem {
  ItemParameters params;
  int modality = 0;  // index of the item's modality (recognition, understanding, management)
  int emotion = 0;   // index of the item's primary target emotion
};

struct CatPolicy {
  double target_se = 0.30;
  int min_items = 8;
  int max_items = 40;
  int randomesque = 4;
  double max_exposure = 0.25;
  // Target share of items per modality, indexed like BankItem::modality; empty: no balancing.
  std::vector<double> modality_share;
  // Information is multiplied by this for each item already given on the same emotion.
  double emotion_repeat_discount = 0.7;
};

// How often each item has been given, across all tests (the denominator includes the test in
// progress).
struct ExposureCounts {
  int64_t tests = 0;
  std::vector<int64_t> administered;  // indexed like the bank
};

class ItemSelector {
 public:
  ItemSelector(const std::vector<BankItem>& bank, CatPolicy policy);

  // The next item's index, or -1 when every item has been given. `administered` lists the items
  // already given in this test; items marked in `excluded` (indexed like the bank; may be empty)
  // are never chosen.
  int Next(const AbilityEstimate& estimate, const std::vector<int>& administered,
           const ExposureCounts& exposure, Random& random,
           const std::vector<char>& excluded = {}) const;

  bool ShouldStop(const AbilityEstimate& estimate, int items_given) const;

  const CatPolicy& policy() const { return policy_; }

 private:
  std::vector<int> ModalityOrder(const std::vector<int>& modality_counts, int given) const;

  const std::vector<BankItem>& bank_;
  CatPolicy policy_;
  int modalities_ = 0;
  int emotions_ = 0;
};

}  // namespace attune::irt
