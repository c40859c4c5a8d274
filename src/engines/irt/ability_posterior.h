#pragma once
// Expected a posteriori (EAP) ability estimation on a fixed quadrature grid. The posterior is kept
// as log densities on the grid and updated response by response, so an adaptive test pays O(grid)
// per answer. EAP rather than maximum likelihood: it is finite after all-correct or all-wrong
// answers, and its posterior SD is the standard error the stopping rule and the ERPS interval use.
#include <vector>

#include "engines/irt/item_response_model.h"

namespace attune::irt {

// Nodes in [-5, 5] with the log density of the reference population N(mean, sd) at each node.
struct QuadratureGrid {
  std::vector<double> nodes;
  std::vector<double> log_prior;

  static QuadratureGrid Normal(double mean = 0, double sd = 1, int points = 101, double lo = -5,
                               double hi = 5);
};

struct AbilityEstimate {
  double theta = 0;
  double se = 1;
};

class AbilityPosterior {
 public:
  explicit AbilityPosterior(QuadratureGrid grid = QuadratureGrid::Normal());

  void Observe(const ItemParameters& item, ItemAnswer answer);
  AbilityEstimate Estimate() const;
  int responses() const { return responses_; }

 private:
  QuadratureGrid grid_;
  std::vector<double> log_posterior_;
  int responses_ = 0;
};

}  // namespace attune::irt
