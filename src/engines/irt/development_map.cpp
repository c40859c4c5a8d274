#include "engines/irt/development_map.h"

#include <algorithm>

namespace attune::irt {

DevelopmentMap BuildDevelopmentMap(const std::vector<EmotionAnswer>& answers, int emotions,
                                   const std::vector<double>& population_accuracy,
                                   const DevelopmentMapOptions& options) {
  DevelopmentMap map;
  map.matrix.assign(emotions, std::vector<int>(emotions, 0));
  int total = 0;
  for (const EmotionAnswer& a : answers) {
    if (a.target < 0 || a.target >= emotions || a.chosen < 0 || a.chosen >= emotions) continue;
    ++map.matrix[a.target][a.chosen];
    ++total;
  }
  for (int e = 0; e < emotions; ++e) {
    EmotionSkill s;
    s.emotion = e;
    s.hits = map.matrix[e][e];
    for (int k = 0; k < emotions; ++k) {
      s.shown += map.matrix[e][k];
      s.chosen += map.matrix[k][e];
    }
    const double prior =
        e < static_cast<int>(population_accuracy.size()) ? population_accuracy[e] : 0.6;
    s.raw_accuracy = s.shown ? static_cast<double>(s.hits) / s.shown : 0;
    s.shrunk_accuracy =
        (s.hits + options.prior_strength * prior) / (s.shown + options.prior_strength);
    if (s.shown && s.chosen) {
      s.unbiased_hit_rate = static_cast<double>(s.hits) * s.hits / (1.0 * s.shown * s.chosen);
    }
    if (total) s.chance_hit_rate = (1.0 * s.shown * s.chosen) / (1.0 * total * total);
    s.response_bias = s.shown ? static_cast<double>(s.chosen) / s.shown : 0;
    map.emotions.push_back(s);
  }
  for (int t = 0; t < emotions; ++t) {
    for (int c = 0; c < emotions; ++c) {
      if (t == c || map.matrix[t][c] == 0) continue;
      map.top_confusions.push_back(
          {t, c, map.matrix[t][c], static_cast<double>(map.matrix[t][c]) / map.emotions[t].shown});
    }
  }
  std::sort(map.top_confusions.begin(), map.top_confusions.end(),
            [](const Confusion& x, const Confusion& y) {
              if (x.count != y.count) return x.count > y.count;
              if (x.rate != y.rate) return x.rate > y.rate;
              return x.target != y.target ? x.target < y.target : x.chosen < y.chosen;
            });
  if (static_cast<int>(map.top_confusions.size()) > options.top_confusions) {
    map.top_confusions.resize(options.top_confusions);
  }
  // Practise the weakest emotions first; unseen emotions rank by the population prior, so a new
  // learner starts where learners usually struggle.
  std::vector<int> order(emotions);
  for (int e = 0; e < emotions; ++e) order[e] = e;
  std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
    return map.emotions[x].shrunk_accuracy < map.emotions[y].shrunk_accuracy;
  });
  order.resize(std::min(emotions, options.plan_size));
  map.practice_plan = order;
  return map;
}

}  // namespace attune::irt
