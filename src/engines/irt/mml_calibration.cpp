#include "engines/irt/mml_calibration.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engines/irt/ability_posterior.h"

namespace attune::irt {
namespace {

// Expected counts of one item at each quadrature node: how many learners (in expectation) at
// that ability answered it, how many of them answered correctly and, for an item with a nominal
// fit, how many chose each option (chosen[option][node]).
struct ExpectedCounts {
  std::vector<double> answered;
  std::vector<double> correct;
  std::vector<std::vector<double>> chosen;
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
  return ItemParameters{a, -c / a, {}};
}

// Solves (-H) x = g in place of g for a symmetric negative definite H (Cholesky); false when H is
// not negative definite.
bool SolveNegativeDefinite(std::vector<double> h, std::vector<double>& g, int d) {
  for (double& v : h) v = -v;
  for (int j = 0; j < d; ++j) {
    double diagonal = h[j * d + j];
    for (int k = 0; k < j; ++k) diagonal -= h[j * d + k] * h[j * d + k];
    if (!(diagonal > 0)) return false;
    h[j * d + j] = std::sqrt(diagonal);
    for (int i = j + 1; i < d; ++i) {
      double v = h[i * d + j];
      for (int k = 0; k < j; ++k) v -= h[i * d + k] * h[j * d + k];
      h[i * d + j] = v / h[j * d + j];
    }
  }
  for (int i = 0; i < d; ++i) {  // L y = g
    for (int k = 0; k < i; ++k) g[i] -= h[i * d + k] * g[k];
    g[i] /= h[i * d + i];
  }
  for (int i = d - 1; i >= 0; --i) {  // L^T x = y
    for (int k = i + 1; k < d; ++k) g[i] -= h[k * d + i] * g[k];
    g[i] /= h[i * d + i];
  }
  return true;
}

// One M-step of the nominal model for one item: Newton-Raphson on the expected complete-data
// log-likelihood of the options chosen plus independent normal priors on every slope and
// intercept (which also pin down the softmax's free constant). The objective is concave, so a
// few steps suffice.
NominalParameters MaximiseNominal(const NominalParameters& start, const NominalParameters& prior,
                                  const std::vector<std::vector<double>>& chosen,
                                  const std::vector<double>& nodes, double slope_sd,
                                  double intercept_sd) {
  const int m = start.options(), d = 2 * m;
  NominalParameters x = start;
  std::vector<double> g(d), h(d * d), p(m);
  const double slope_precision = 1 / (slope_sd * slope_sd);
  const double intercept_precision = 1 / (intercept_sd * intercept_sd);
  for (int iteration = 0; iteration < 25; ++iteration) {
    std::fill(h.begin(), h.end(), 0.0);
    for (int k = 0; k < m; ++k) {
      g[k] = -(x.slopes[k] - prior.slopes[k]) * slope_precision;
      g[m + k] = -(x.intercepts[k] - prior.intercepts[k]) * intercept_precision;
      h[k * d + k] = -slope_precision;
      h[(m + k) * d + m + k] = -intercept_precision;
    }
    for (size_t q = 0; q < nodes.size(); ++q) {
      double n = 0;
      for (int k = 0; k < m; ++k) n += chosen[k][q];
      if (n <= 0) continue;
      const double t = nodes[q];
      OptionProbabilities(x, t, p);
      for (int k = 0; k < m; ++k) {
        const double residual = chosen[k][q] - n * p[k];
        g[k] += t * residual;
        g[m + k] += residual;
        for (int l = 0; l < m; ++l) {
          const double w = n * p[k] * ((k == l ? 1.0 : 0.0) - p[l]);
          h[k * d + l] -= t * t * w;
          h[k * d + m + l] -= t * w;
          h[(m + k) * d + l] -= t * w;
          h[(m + k) * d + m + l] -= w;
        }
      }
    }
    if (!SolveNegativeDefinite(h, g, d)) break;  // g now holds the Newton step
    double largest = 0;
    for (double v : g) largest = std::max(largest, std::abs(v));
    const double scale = largest > 1 ? 1 / largest : 1;  // modest steps, as for the 2PL
    for (int k = 0; k < m; ++k) {
      x.slopes[k] += scale * g[k];
      x.intercepts[k] += scale * g[m + k];
    }
    if (scale * largest < 1e-7) break;
  }
  return x;
}

double LargestChange(const NominalParameters& x, const NominalParameters& y) {
  double largest = 0;
  for (int k = 0; k < x.options(); ++k) {
    largest = std::max({largest, std::abs(x.slopes[k] - y.slopes[k]),
                        std::abs(x.intercepts[k] - y.intercepts[k])});
  }
  return largest;
}

}  // namespace

CalibrationResult CalibrateMml(const std::vector<CalibrationResponse>& responses,
                               std::vector<ItemParameters> start, const CalibrationOptions& options,
                               const std::vector<ItemChoices>& choices) {
  const int items = static_cast<int>(start.size());
  CalibrationResult result;
  result.items = std::move(start);
  result.responses_per_item.assign(items, 0);
  result.estimated.assign(items, 0);
  result.nominal.assign(items, 0);

  // Responses grouped by person (the E-step integrates each person's ability separately).
  std::vector<size_t> order(responses.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return responses[x].person < responses[y].person; });
  for (const CalibrationResponse& r : responses) {
    if (r.item >= 0 && r.item < items) ++result.responses_per_item[r.item];
  }
  std::vector<int64_t> with_option(items, 0);
  for (const CalibrationResponse& r : responses) {
    if (r.item >= 0 && r.item < items && static_cast<size_t>(r.item) < choices.size() &&
        r.option >= 0 && r.option < choices[r.item].options) {
      ++with_option[r.item];
    }
  }
  // The nominal model's prior is centred where the item starts: its last nominal fit, or its 2PL.
  std::vector<NominalParameters> nominal_prior(items);
  for (int i = 0; i < items; ++i) {
    result.estimated[i] = result.responses_per_item[i] >= options.min_responses ? 1 : 0;
    if (!result.estimated[i]) continue;
    ItemParameters& item = result.items[i];
    const ItemChoices layout = static_cast<size_t>(i) < choices.size() ? choices[i] : ItemChoices{};
    const bool modelled = options.min_nominal_responses > 0 && layout.options >= 3 &&
                          layout.key >= 0 && layout.key < layout.options &&
                          with_option[i] >= options.min_nominal_responses;
    if (!modelled) {
      item.nominal = {};
      continue;
    }
    if (item.nominal.options() != layout.options || item.nominal.key != layout.key) {
      item.nominal = EmbedTwoPl(item.a, item.b, layout.options, layout.key);
    }
    nominal_prior[i] = item.nominal;
    result.nominal[i] = 1;
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
  // log P(option | node) of the items with a nominal model, [item][option * nq + node].
  std::vector<std::vector<double>> log_option(items);
  std::vector<ExpectedCounts> counts(items);
  for (int cycle = 1; cycle <= options.max_cycles; ++cycle) {
    for (int i = 0; i < items; ++i) {
      const ItemParameters& item = result.items[i];
      for (size_t q = 0; q < nq; ++q) {
        log_p[i * nq + q] = LogLikelihood(item, grid.nodes[q], {true});
        log_q[i * nq + q] = LogLikelihood(item, grid.nodes[q], {false});
      }
      const int m = item.nominal.options();
      log_option[i].resize(m * nq);
      for (int k = 0; k < m; ++k) {
        for (size_t q = 0; q < nq; ++q) {
          log_option[i][k * nq + q] =
              LogLikelihood(item, grid.nodes[q], {k == item.nominal.key, k});
        }
      }
      counts[i].answered.assign(nq, 0);
      counts[i].correct.assign(nq, 0);
      counts[i].chosen.assign(result.nominal[i] ? m : 0, std::vector<double>(nq, 0));
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
        const int m = result.items[r.item].nominal.options();
        const double* row = r.option >= 0 && r.option < m
                                ? log_option[r.item].data() + r.option * nq
                                : (r.correct ? log_p.data() : log_q.data()) + r.item * nq;
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
        if (r.option >= 0 && r.option < static_cast<int>(c.chosen.size())) {
          for (size_t q = 0; q < nq; ++q) c.chosen[r.option][q] += posterior[q];
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
      result.items[i].a = next.a;
      result.items[i].b = next.b;
      if (result.nominal[i]) {
        NominalParameters nominal =
            MaximiseNominal(result.items[i].nominal, nominal_prior[i], counts[i].chosen, grid.nodes,
                            options.nominal_slope_prior_sd, options.nominal_intercept_prior_sd);
        largest_change = std::max(largest_change, LargestChange(nominal, result.items[i].nominal));
        result.items[i].nominal = std::move(nominal);
      }
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
