#include "engines/irt/cat_simulation.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace attune::irt {
namespace {

struct Accumulator {
  std::vector<int> lengths;
  double squared_error = 0, error = 0, squared_se = 0, se = 0;
  int covered = 0, reached = 0;

  void Add(double truth, const AbilityEstimate& estimate, int length, bool reached_target) {
    lengths.push_back(length);
    const double e = estimate.theta - truth;
    error += e;
    squared_error += e * e;
    se += estimate.se;
    squared_se += estimate.se * estimate.se;
    if (std::abs(e) <= 1.96 * estimate.se) ++covered;
    if (reached_target) ++reached;
  }

  TestOutcomeSummary Summarise(const std::vector<int64_t>& exposure, double true_variance) {
    TestOutcomeSummary s;
    const double n = static_cast<double>(lengths.size());
    s.learners = static_cast<int>(lengths.size());
    if (lengths.empty()) return s;
    s.mean_items = std::accumulate(lengths.begin(), lengths.end(), 0.0) / n;
    std::vector<int> sorted = lengths;
    std::sort(sorted.begin(), sorted.end());
    s.p95_items = sorted[std::min(sorted.size() - 1, static_cast<size_t>(std::ceil(0.95 * n)) - 1)];
    s.rmse = std::sqrt(squared_error / n);
    s.bias = error / n;
    s.coverage = covered / n;
    s.mean_se = se / n;
    s.reliability = 1 - (squared_se / n) / true_variance;
    s.reached_target = reached / n;
    for (int64_t count : exposure) s.max_exposure = std::max(s.max_exposure, count / n);
    return s;
  }
};

double SampleVariance(const std::vector<double>& x) {
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / x.size();
  double sum = 0;
  for (double v : x) sum += (v - mean) * (v - mean);
  return sum / (x.size() - 1);
}

// A simulated answer from the item's true model: an option when it models its options, else right
// or wrong.
ItemAnswer Answer(const ItemParameters& item, double theta, std::mt19937_64& engine) {
  std::uniform_real_distribution<double> uniform(0, 1);
  if (item.nominal.empty()) return {uniform(engine) < ProbabilityCorrect(item, theta), -1};
  const int option = SampleOption(item.nominal, theta, uniform(engine));
  return {option == item.nominal.key, option};
}

std::vector<double> DrawAbilities(int learners, std::mt19937_64& engine) {
  std::normal_distribution<double> normal(0, 1);
  std::vector<double> theta(learners);
  for (double& t : theta) t = normal(engine);
  return theta;
}

double Correlation(const std::vector<double>& x, const std::vector<double>& y, double* slope) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (slope) *slope = sxy / sxx;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace

TestOutcomeSummary SimulateAdaptive(const std::vector<BankItem>& selection_bank,
                                    const std::vector<BankItem>& true_bank, const CatPolicy& policy,
                                    const SimulationOptions& options,
                                    std::vector<CalibrationResponse>* log) {
  std::mt19937_64 engine(options.seed);
  SeededRandom random(options.seed ^ 0x9e3779b97f4a7c15ULL);
  const std::vector<double> abilities = DrawAbilities(options.learners, engine);
  const ItemSelector selector(selection_bank, policy);
  ExposureCounts exposure;
  exposure.administered.assign(selection_bank.size(), 0);
  Accumulator totals;
  std::vector<int> administered;
  for (int learner = 0; learner < options.learners; ++learner) {
    ++exposure.tests;
    AbilityPosterior posterior;
    administered.clear();
    AbilityEstimate estimate = posterior.Estimate();
    while (!selector.ShouldStop(estimate, static_cast<int>(administered.size()))) {
      const int item = selector.Next(estimate, administered, exposure, random);
      if (item < 0) break;
      const ItemAnswer answer = Answer(true_bank[item].params, abilities[learner], engine);
      posterior.Observe(selection_bank[item].params, answer);
      administered.push_back(item);
      ++exposure.administered[item];
      if (log) log->push_back({learner, item, answer.correct, answer.option});
      estimate = posterior.Estimate();
    }
    totals.Add(abilities[learner], estimate, static_cast<int>(administered.size()),
               estimate.se <= policy.target_se);
  }
  return totals.Summarise(exposure.administered, SampleVariance(abilities));
}

std::vector<int> BestFixedForm(const std::vector<BankItem>& bank, int length) {
  const QuadratureGrid grid = QuadratureGrid::Normal(0, 1, 81, -4, 4);
  double total_weight = 0;
  for (double lp : grid.log_prior) total_weight += std::exp(lp);
  std::vector<std::pair<double, int>> scored;
  for (size_t i = 0; i < bank.size(); ++i) {
    double expected = 0;
    for (size_t q = 0; q < grid.nodes.size(); ++q) {
      expected += std::exp(grid.log_prior[q]) * ItemInformation(bank[i].params, grid.nodes[q]);
    }
    scored.emplace_back(expected / total_weight, static_cast<int>(i));
  }
  std::sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) {
    return x.first > y.first || (x.first == y.first && x.second < y.second);
  });
  std::vector<int> form;
  for (int k = 0; k < length && k < static_cast<int>(scored.size()); ++k) {
    form.push_back(scored[k].second);
  }
  return form;
}

TestOutcomeSummary SimulateFixedForm(const std::vector<BankItem>& bank,
                                     const std::vector<int>& form,
                                     const SimulationOptions& options) {
  std::mt19937_64 engine(options.seed);
  const std::vector<double> abilities = DrawAbilities(options.learners, engine);
  std::vector<int64_t> exposure(bank.size(), 0);
  for (int item : form) exposure[item] = options.learners;
  Accumulator totals;
  for (double theta : abilities) {
    AbilityPosterior posterior;
    for (int item : form) {
      posterior.Observe(bank[item].params, Answer(bank[item].params, theta, engine));
    }
    totals.Add(theta, posterior.Estimate(), static_cast<int>(form.size()), false);
  }
  return totals.Summarise(exposure, SampleVariance(abilities));
}

int FixedFormLengthFor(const std::vector<BankItem>& bank, double reliability,
                       const SimulationOptions& options) {
  const int n = static_cast<int>(bank.size());
  auto reaches = [&](int length) {
    return SimulateFixedForm(bank, BestFixedForm(bank, length), options).reliability >= reliability;
  };
  if (!reaches(n)) return -1;
  int lo = 1, hi = n;  // reliability grows with length: binary search for the shortest
  while (lo < hi) {
    const int mid = (lo + hi) / 2;
    if (reaches(mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

RecoverySummary SimulateRecalibration(const std::vector<BankItem>& true_bank,
                                      const CatPolicy& policy, const SimulationOptions& options,
                                      bool model_options, std::vector<BankItem>* fitted) {
  std::mt19937_64 engine(options.seed + 17);
  std::normal_distribution<double> normal(0, 1);
  std::vector<BankItem> guessed = true_bank;
  std::vector<ItemChoices> choices(true_bank.size());
  for (size_t i = 0; i < guessed.size(); ++i) {
    ItemParameters& item = guessed[i].params;
    if (model_options) choices[i] = {item.nominal.options(), item.nominal.key};
    item.nominal = {};  // authors guess a and b only
    item.b += 0.5 * normal(engine);
    item.a *= std::exp(0.25 * normal(engine));
  }
  std::vector<CalibrationResponse> log;
  SimulateAdaptive(guessed, true_bank, policy, options, &log);
  std::vector<ItemParameters> start;
  for (const BankItem& item : guessed) start.push_back(item.params);
  const CalibrationResult fit = CalibrateMml(log, start, {}, choices);
  if (fitted) {
    *fitted = guessed;
    for (size_t i = 0; i < fitted->size(); ++i) (*fitted)[i].params = fit.items[i];
  }

  std::vector<double> true_b, fitted_b, true_a, fitted_a;
  for (size_t i = 0; i < true_bank.size(); ++i) {
    if (!fit.estimated[i]) continue;
    true_b.push_back(true_bank[i].params.b);
    fitted_b.push_back(fit.items[i].b);
    true_a.push_back(true_bank[i].params.a);
    fitted_a.push_back(fit.items[i].a);
  }
  RecoverySummary summary;
  summary.items_estimated = static_cast<int>(true_b.size());
  summary.cycles = fit.cycles;
  if (true_b.size() < 3) return summary;
  summary.b_correlation = Correlation(true_b, fitted_b, &summary.b_slope);
  summary.a_correlation = Correlation(true_a, fitted_a, nullptr);
  double squared = 0;
  for (size_t i = 0; i < true_b.size(); ++i) {
    squared += (fitted_b[i] - true_b[i]) * (fitted_b[i] - true_b[i]);
  }
  summary.b_rmse = std::sqrt(squared / true_b.size());

  // The nominal slopes, each item's centred on their mean (the softmax leaves a common constant
  // free, so only differences between an item's options are identified).
  std::vector<double> true_slopes, fitted_slopes;
  for (size_t i = 0; i < true_bank.size(); ++i) {
    if (!fit.nominal[i]) continue;
    ++summary.nominal_items;
    const NominalParameters& truth = true_bank[i].params.nominal;
    const NominalParameters& fitted = fit.items[i].nominal;
    const double true_mean =
        std::accumulate(truth.slopes.begin(), truth.slopes.end(), 0.0) / truth.options();
    const double fitted_mean =
        std::accumulate(fitted.slopes.begin(), fitted.slopes.end(), 0.0) / fitted.options();
    for (int k = 0; k < truth.options(); ++k) {
      true_slopes.push_back(truth.slopes[k] - true_mean);
      fitted_slopes.push_back(fitted.slopes[k] - fitted_mean);
    }
  }
  if (true_slopes.size() >= 3) {
    summary.slope_correlation = Correlation(true_slopes, fitted_slopes, nullptr);
  }
  return summary;
}

std::vector<BankItem> WithSyntheticNominalTruth(const std::vector<BankItem>& bank,
                                                const std::vector<ItemChoices>& choices,
                                                uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::normal_distribution<double> normal(0, 1);
  std::vector<BankItem> truth = bank;
  for (size_t i = 0; i < truth.size() && i < choices.size(); ++i) {
    const ItemChoices layout = choices[i];
    if (layout.options < 3 || layout.key < 0 || layout.key >= layout.options) continue;
    ItemParameters& item = truth[i].params;
    item.nominal = EmbedTwoPl(item.a, item.b, layout.options, layout.key);
    int near_miss = static_cast<int>(uniform(engine) * (layout.options - 1));
    if (near_miss >= layout.key) ++near_miss;
    for (int k = 0; k < layout.options; ++k) {
      if (k == layout.key) continue;
      item.nominal.slopes[k] = item.a * (k == near_miss ? 0.5 : 0.5 * uniform(engine) - 0.25);
      item.nominal.intercepts[k] += 0.5 * normal(engine);
    }
  }
  return truth;
}

}  // namespace attune::irt
