#include "engines/affect/f1_metrics.h"

#include <algorithm>

namespace attune::affect {

F1Counter::F1Counter(int num_classes) : tp_(num_classes), fp_(num_classes), fn_(num_classes) {}

void F1Counter::Add(const std::vector<int>& gold, const std::vector<int>& predicted) {
  const int n = static_cast<int>(tp_.size());
  std::vector<char> g(n, 0), p(n, 0);
  for (int c : gold)
    if (c >= 0 && c < n) g[c] = 1;
  for (int c : predicted)
    if (c >= 0 && c < n) p[c] = 1;
  for (int c = 0; c < n; ++c) {
    tp_[c] += g[c] && p[c];
    fp_[c] += !g[c] && p[c];
    fn_[c] += g[c] && !p[c];
  }
}

F1Report F1Counter::Report() const {
  F1Report r;
  const size_t n = tp_.size();
  long tp = 0, fp = 0, fn = 0;
  for (size_t c = 0; c < n; ++c) {
    double p = tp_[c] + fp_[c] ? static_cast<double>(tp_[c]) / (tp_[c] + fp_[c]) : 0;
    double rec = tp_[c] + fn_[c] ? static_cast<double>(tp_[c]) / (tp_[c] + fn_[c]) : 0;
    r.precision.push_back(p);
    r.recall.push_back(rec);
    r.f1.push_back(p + rec > 0 ? 2 * p * rec / (p + rec) : 0);
    r.support.push_back(static_cast<int>(tp_[c] + fn_[c]));
    r.macro_f1 += r.f1.back() / static_cast<double>(std::max<size_t>(n, 1));
    tp += tp_[c];
    fp += fp_[c];
    fn += fn_[c];
  }
  r.micro_f1 = 2 * tp + fp + fn ? 2.0 * tp / (2.0 * tp + fp + fn) : 0;
  return r;
}

}  // namespace attune::affect
