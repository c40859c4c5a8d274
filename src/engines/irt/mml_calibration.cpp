#include "engines/irt/mml_calibration.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engines/irt/ability_posterior.h"

namespace attune::irt {
namespace {

// Expected counts of one item at each quadrature node: how many learners (in expectation) at
// that ability answered it, and how many of them answered correctly.
struct ExpectedCounts {
  std::vector<double> answered;
  std::vector<double> correct;
};

// One M-step for one item: Newton-Raphson in the slope-intercept form z = a theta + c, which is
// better conditioned than (a, b), on the expected complete-data log-likelihood plus the prior.
ItemParameters MaximiseItem(const ItemParameters& start, double prior_a,
                            const ExpectedCounts& counts, const std::vector<double>& nodes,
                            double log_a_prior_sd) {
  double a = start.a, c = -start.a * start.b;
  for (int iteration = 0; iteration < 25; ++iteration) {
    double ga = 0, gc = 0, haa = 0, hac = 0, hcc = 0;
    for (size_t q = 0; q < nodes.size(); ++q) {
      const double n = counts.answered[q];
      if (n <= 0) continue;
      const double p = 1.0 / (1.0 + std::exp(-(a * nodes[q] + c)));
      const double residual = counts.correct[q] - n * p;
      const double w = n * p * (1 - p);
      ga += residual * nodes[q];
      gc += residual;
      haa -= w * nodes[q] * nodes[q];
      hac -= w * nodes[q];
      hcc -= w;
    }
    if (log_a_prior_sd > 0) {
      const double s2 = log_a_prior_sd * log_a_prior_sd;
      const double la = std::log(a / prior_a);
      ga += -1 / a - la / (s2 * a);
      // Only the concave part of the prior's curvature, so the Hessian stays negative definite.
      haa += std::min(0.0, 1 / (a * a) - (1 - la) / (s2 * a * a));
    }
    hcc -= 1e-9;  // keeps the system solvable for an item nobody answered at some nodes
    const double det = haa * hcc - hac * hac;
    if (!(det > 0)) break;
    double da = -(hcc * ga - hac * gc) / det;
    double dc = -(-hac * ga + haa * gc) / det;
    // Step halving keeps the discrimination positive and the step modest.
    double scale = 1;
    while ((a + scale * da <= 0.05 || std::abs(scale * da) > 1 || std::abs(scale * dc) > 2) &&
           scale > 1e-4) {
      scale /= 2;
    }
    a += scale * da;
    c += scale * dc;
    if (std::abs(scale * da) < 1e-7 && std::abs(scale * dc) < 1e-7) break;
  }
  return ItemParameters{a, -c / a};
}

}  // namespace

CalibrationResult CalibrateMml(const std::vector<CalibrationResponse>& responses,
                               std::vector<ItemParameters> start,
                               const CalibrationOptions& options) {
  const int items = static_cast<int>(start.size());
  CalibrationResult result;
  result.items = std::move(start);
  result.responses_per_item.assign(items, 0);
  result.estimated.assign(items, 0);

  // Responses grouped by person (the E-step integrates each person's ability separately).
  std::vector<size_t> order(responses.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return responses[x].person < responses[y].person; });
  for (const CalibrationResponse& r : responses) {
    if (r.item >= 0 && r.item < items) ++result.responses_per_item[r.item];
  }
  for (int i = 0; i < items; ++i) {
    result.estimated[i] = result.responses_per_item[i] >= options.min_responses ? 1 : 0;
  }

  const QuadratureGrid grid = QuadratureGrid::Normal(0, 1, options.quadrature_points);
  const size_t nq = grid.nodes.size();
  std::vector<double> log_weight(nq);
  {
    double total = 0;
    for (double lp : grid.log_prior) total += std::exp(lp);
    for (size_t q = 0; q < nq; ++q) log_weight[q] = grid.log_prior[q] - std::log(total);
  }

  // The prior on each discrimination is centred on its starting value (the author's or the last
  // calibration's), so sparse adaptive data refines a rather than pulling it toward 1.
  std::vector<double> prior_a(items);
  for (int i = 0; i < items; ++i) prior_a[i] = result.items[i].a;
  std::vector<double> log_p(items * nq), log_q(items * nq), posterior(nq);
  std::vector<ExpectedCounts> counts(items);
  for (int cycle = 1; cycle <= options.max_cycles; ++cycle) {
    for (int i = 0; i < items; ++i) {
      for (size_t q = 0; q < nq; ++q) {
        log_p[i * nq + q] = LogLikelihood(result.items[i], grid.nodes[q], true);
        log_q[i * nq + q] = LogLikelihood(result.items[i], grid.nodes[q], false);
      }
      counts[i].answered.assign(nq, 0);
      counts[i].correct.assign(nq, 0);
    }
    // E-step.
    double log_likelihood = 0;
    for (size_t begin = 0; begin < order.size();) {
      size_t end = begin;
      const int person = responses[order[begin]].person;
      while (end < order.size() && responses[order[end]].person == person) ++end;
      std::copy(log_weight.begin(), log_weight.end(), posterior.begin());
      for (size_t k = begin; k < end; ++k) {
        const CalibrationResponse& r = responses[order[k]];
        if (r.item < 0 || r.item >= items) continue;
        const double* row = (r.correct ? log_p.data() : log_q.data()) + r.item * nq;
        for (size_t q = 0; q < nq; ++q) posterior[q] += row[q];
      }
      const double top = *std::max_element(posterior.begin(), posterior.end());
      double mass = 0;
      for (size_t q = 0; q < nq; ++q) mass += (posterior[q] = std::exp(posterior[q] - top));
      log_likelihood += top + std::log(mass);
      for (size_t q = 0; q < nq; ++q) posterior[q] /= mass;
      for (size_t k = begin; k < end; ++k) {
        const CalibrationResponse& r = responses[order[k]];
        if (r.item < 0 || r.item >= items) continue;
        ExpectedCounts& c = counts[r.item];
        for (size_t q = 0; q < nq; ++q) c.answered[q] += posterior[q];
        if (r.correct) {
          for (size_t q = 0; q < nq; ++q) c.correct[q] += posterior[q];
        }
      }
      begin = end;
    }
    result.log_likelihood = log_likelihood;
    // M-step.
    double largest_change = 0;
    for (int i = 0; i < items; ++i) {
      if (!result.estimated[i]) continue;
      const ItemParameters next =
          MaximiseItem(result.items[i], prior_a[i], counts[i], grid.nodes, options.log_a_prior_sd);
      largest_change = std::max({largest_change, std::abs(next.a - result.items[i].a),
                                 std::abs(next.b - result.items[i].b)});
      result.items[i] = next;
    }
    result.cycles = cycle;
    if (largest_change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  return result;
}

}  // namespace attune::irt
