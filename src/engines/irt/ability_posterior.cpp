#include "engines/irt/ability_posterior.h"

#include <algorithm>
#include <cmath>

namespace attune::irt {

QuadratureGrid QuadratureGrid::Normal(double mean, double sd, int points, double lo, double hi) {
  QuadratureGrid grid;
  grid.nodes.resize(points);
  grid.log_prior.resize(points);
  for (int q = 0; q < points; ++q) {
    const double x = lo + (hi - lo) * q / (points - 1);
    const double z = (x - mean) / sd;
    grid.nodes[q] = x;
    grid.log_prior[q] = -0.5 * z * z;  // constants cancel when the posterior is normalised
  }
  return grid;
}

AbilityPosterior::AbilityPosterior(QuadratureGrid grid)
    : grid_(std::move(grid)), log_posterior_(grid_.log_prior) {}

void AbilityPosterior::Observe(const ItemParameters& item, ItemAnswer answer) {
  for (size_t q = 0; q < grid_.nodes.size(); ++q) {
    log_posterior_[q] += LogLikelihood(item, grid_.nodes[q], answer);
  }
  ++responses_;
}

AbilityEstimate AbilityPosterior::Estimate() const {
  const double top = *std::max_element(log_posterior_.begin(), log_posterior_.end());
  double mass = 0, first = 0, second = 0;
  for (size_t q = 0; q < grid_.nodes.size(); ++q) {
    const double w = std::exp(log_posterior_[q] - top);
    mass += w;
    first += w * grid_.nodes[q];
    second += w * grid_.nodes[q] * grid_.nodes[q];
  }
  AbilityEstimate estimate;
  estimate.theta = first / mass;
  estimate.se = std::sqrt(std::max(0.0, second / mass - estimate.theta * estimate.theta));
  return estimate;
}

}  // namespace attune::irt
