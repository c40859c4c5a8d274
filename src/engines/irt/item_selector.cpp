#include "engines/irt/item_selector.h"

#include <algorithm>
#include <numeric>

namespace attune::irt {

ItemSelector::ItemSelector(const std::vector<BankItem>& bank, CatPolicy policy)
    : bank_(bank), policy_(std::move(policy)) {
  for (const BankItem& item : bank_) {
    modalities_ = std::max(modalities_, item.modality + 1);
    emotions_ = std::max(emotions_, item.emotion + 1);
  }
  modalities_ = std::max<int>(modalities_, policy_.modality_share.size());
}

std::vector<int> ItemSelector::ModalityOrder(const std::vector<int>& modality_counts,
                                             int given) const {
  std::vector<int> order(modalities_);
  std::iota(order.begin(), order.end(), 0);
  if (policy_.modality_share.empty()) return order;
  // The deficit after this item: how far each modality would be below its share.
  auto deficit = [&](int m) {
    const double share =
        m < static_cast<int>(policy_.modality_share.size()) ? policy_.modality_share[m] : 0.0;
    return share * (given + 1) - modality_counts[m];
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](int x, int y) { return deficit(x) > deficit(y); });
  return order;
}

int ItemSelector::Next(const AbilityEstimate& estimate, const std::vector<int>& administered,
                       const ExposureCounts& exposure, Random& random,
                       const std::vector<char>& excluded) const {
  const int n = static_cast<int>(bank_.size());
  std::vector<char> used(n, 0);
  for (int i = 0; i < n && i < static_cast<int>(excluded.size()); ++i) used[i] = excluded[i];
  std::vector<int> modality_counts(modalities_, 0), emotion_counts(emotions_, 0);
  for (int i : administered) {
    if (i < 0 || i >= n) continue;
    used[i] = 1;
    ++modality_counts[bank_[i].modality];
    ++emotion_counts[bank_[i].emotion];
  }
  const double cap =
      policy_.max_exposure * static_cast<double>(std::max<int64_t>(exposure.tests, 1));
  auto eligible = [&](int i, bool restrict_exposure) {
    if (used[i]) return false;
    if (!restrict_exposure || exposure.administered.empty()) return true;
    return static_cast<double>(exposure.administered[i]) < cap;
  };

  // Prefer the most under-served modality with an eligible item; if the exposure cap leaves nothing
  // anywhere (a tiny bank), fall back to any unused item rather than end the test early.
  std::vector<std::pair<double, int>> scored;
  for (bool restrict_exposure : {true, false}) {
    for (int modality : ModalityOrder(modality_counts, static_cast<int>(administered.size()))) {
      scored.clear();
      for (int i = 0; i < n; ++i) {
        if (!eligible(i, restrict_exposure)) continue;
        if (!policy_.modality_share.empty() && bank_[i].modality != modality) continue;
        double info = ItemInformation(bank_[i].params, estimate.theta);
        for (int k = 0; k < emotion_counts[bank_[i].emotion]; ++k) {
          info *= policy_.emotion_repeat_discount;
        }
        scored.emplace_back(info, i);
      }
      if (!scored.empty()) break;
    }
    if (!scored.empty()) break;
  }
  if (scored.empty()) return -1;
  const size_t k = std::min<size_t>(std::max(policy_.randomesque, 1), scored.size());
  std::partial_sort(scored.begin(), scored.begin() + k, scored.end(),
                    [](const auto& x, const auto& y) {
                      return x.first > y.first || (x.first == y.first && x.second < y.second);
                    });
  const size_t pick = std::min(k - 1, static_cast<size_t>(random.NextDouble() * k));
  return scored[pick].second;
}

bool ItemSelector::ShouldStop(const AbilityEstimate& estimate, int items_given) const {
  if (items_given >= policy_.max_items) return true;
  return items_given >= policy_.min_items && estimate.se <= policy_.target_se;
}

}  // namespace attune::irt
