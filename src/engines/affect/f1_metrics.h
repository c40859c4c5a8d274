#pragma once
// Per-class and macro F1 for multi-label predictions, the figures the GoEmotions paper reports.
#include <string>
#include <vector>

namespace attune::affect {

struct F1Report {
  std::vector<double> precision, recall, f1;
  std::vector<int> support;  // gold positives per class
  double macro_f1 = 0;       // unweighted mean over classes (classes with no support count as 0)
  double micro_f1 = 0;
};

// Accumulates true/false positives one example at a time.
class F1Counter {
 public:
  explicit F1Counter(int num_classes);
  // `gold` and `predicted` are class index sets (duplicates ignored).
  void Add(const std::vector<int>& gold, const std::vector<int>& predicted);
  F1Report Report() const;

 private:
  std::vector<long> tp_, fp_, fn_;
};

}  // namespace attune::affect
