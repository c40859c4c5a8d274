#include "engines/affect/model_trainer.h"

#include <linear.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <sstream>
#include <thread>

#include "engines/affect/affect_evaluation.h"
#include "engines/affect/calibration.h"
#include "engines/affect/emotion_classifier.h"

namespace attune::affect {
namespace {

void Quiet(const char*) {}

// Sparse rows in liblinear's layout: 1-based ascending indices, then the bias node, then -1.
struct SparseProblem {
  std::vector<feature_node> nodes;
  std::vector<size_t> row_start;
  int dimension = 0;
};

SparseProblem BuildProblem(const std::vector<LabeledText>& data,
                           const FeatureExtractor& extractor) {
  SparseProblem p;
  p.dimension = static_cast<int>(extractor.dimension());
  TokenizedText tokens;
  FeatureVector f;
  std::vector<std::pair<uint32_t, double>> row;
  for (const LabeledText& ex : data) {
    Tokenize(ex.text, tokens);
    extractor.Extract(tokens, false, f);
    row.clear();
    for (uint32_t i : f.word) row.push_back({i, f.word_value});
    for (uint32_t i : f.chars) row.push_back({i, f.char_value});
    for (size_t k = 0; k < f.dense_index.size(); ++k)
      row.push_back({f.dense_index[k], f.dense_value[k]});
    std::sort(row.begin(), row.end());
    p.row_start.push_back(p.nodes.size());
    for (size_t k = 0; k < row.size(); ++k) {
      // Repeated indices (counts, or hash collisions between groups) add up, as in Margins().
      if (!p.nodes.empty() && p.nodes.size() > p.row_start.back() &&
          p.nodes.back().index == static_cast<int>(row[k].first) + 1) {
        p.nodes.back().value += row[k].second;
      } else {
        p.nodes.push_back({static_cast<int>(row[k].first) + 1, row[k].second});
      }
    }
    p.nodes.push_back({p.dimension + 1, 1.0});  // bias feature
    p.nodes.push_back({-1, 0});
  }
  return p;
}

// Which examples are positive for head h.
std::vector<char> Targets(const std::vector<LabeledText>& data, const LabelSchema& s, int head) {
  std::vector<char> y(data.size(), 0);
  for (size_t i = 0; i < data.size(); ++i) {
    for (int l : data[i].labels) {
      if (head < s.ekman_offset())
        y[i] |= (l == head);
      else if (head < s.sentiment_offset())
        y[i] |= (s.ekman.group_of_label[l] == head - s.ekman_offset());
      else
        y[i] |= (s.sentiment.group_of_label[l] == head - s.sentiment_offset());
    }
  }
  return y;
}

struct HeadWeights {
  std::vector<float> w;  // dimension entries
  float bias = 0;
  int positives = 0;
};

HeadWeights TrainHead(const SparseProblem& sp, std::vector<feature_node*>& rows,
                      const std::vector<char>& y01, const TrainOptions& opt) {
  HeadWeights out;
  out.w.assign(sp.dimension, 0.0f);
  std::vector<double> y(y01.size());
  for (size_t i = 0; i < y01.size(); ++i) {
    y[i] = y01[i] ? 1 : -1;
    out.positives += y01[i];
  }
  const int negatives = static_cast<int>(y01.size()) - out.positives;
  if (out.positives == 0 || negatives == 0) {
    out.bias = out.positives == 0 ? -10.0f : 10.0f;  // degenerate head: constant answer
    return out;
  }
  problem prob;
  prob.l = static_cast<int>(y.size());
  prob.n = sp.dimension + 1;
  prob.y = y.data();
  prob.x = rows.data();
  prob.bias = 1.0;
  int weight_label[2] = {1, -1};
  double weight[2] = {
      std::pow(static_cast<double>(negatives) / out.positives, opt.positive_weight_power), 1.0};
  parameter param{};
  param.solver_type = L2R_LR;
  param.eps = opt.epsilon;
  param.C = opt.c;
  param.nr_weight = 2;
  param.weight_label = weight_label;
  param.weight = weight;
  param.p = 0.1;
  param.init_sol = nullptr;
  model* m = train(&prob, &param);
  // liblinear orients w towards the first label it saw; flip so positive margins mean "yes".
  const double sign = m->label[0] == 1 ? 1.0 : -1.0;
  for (int j = 0; j < sp.dimension; ++j) out.w[j] = static_cast<float>(sign * m->w[j]);
  out.bias = static_cast<float>(sign * m->w[sp.dimension] * m->bias);
  free_and_destroy_model(&m);
  return out;
}

// Trains every head on `data` (float weights).
std::vector<HeadWeights> TrainHeads(const std::vector<LabeledText>& data,
                                    const FeatureExtractor& extractor, const LabelSchema& schema,
                                    const TrainOptions& opt) {
  const int heads = schema.num_heads();
  SparseProblem sp = BuildProblem(data, extractor);
  std::vector<feature_node*> rows;
  for (size_t start : sp.row_start) rows.push_back(&sp.nodes[start]);

  std::vector<HeadWeights> trained(heads);
  std::atomic<int> next{0};
  auto worker = [&] {
    for (int h; (h = next.fetch_add(1)) < heads;) {
      trained[h] = TrainHead(sp, rows, Targets(data, schema, h), opt);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, opt.threads); ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return trained;
}

// Stores the heads' weights in `model` as int8 (one scale per head) with their biases; the
// model's features, lexicon, schema and stride are already set.
void Quantise(const std::vector<HeadWeights>& trained, AffectModel& model) {
  const uint32_t dim = static_cast<uint32_t>(trained.empty() ? 0 : trained[0].w.size());
  model.weights.assign(static_cast<size_t>(dim) * model.stride, 0);
  for (size_t h = 0; h < trained.size(); ++h) {
    float max_abs = 0;
    for (float v : trained[h].w) max_abs = std::max(max_abs, std::abs(v));
    const float scale = max_abs > 0 ? max_abs / 127.0f : 1.0f;
    model.heads[h].scale = scale;
    model.heads[h].bias = trained[h].bias;
    for (uint32_t j = 0; j < dim; ++j) {
      long q = std::lround(trained[h].w[j] / scale);
      model.weights[static_cast<size_t>(j) * model.stride + h] =
          static_cast<int8_t>(std::clamp<long>(q, -127, 127));
    }
  }
}

// Each head's margin on each text, computed exactly as the shipped classifier computes it.
Result<std::vector<std::vector<float>>> MarginsOn(const AffectModel& model,
                                                  const std::vector<LabeledText>& texts) {
  const int heads = model.schema.num_heads();
  std::vector<std::vector<float>> margins(heads, std::vector<float>(texts.size()));
  ASSIGN_OR_RETURN(auto probe, EmotionClassifier::Create(model));
  EmotionClassifier::Scratch scratch;
  TokenizedText tokens;
  std::vector<float> m(heads);
  FeatureExtractor ex(probe->model().features, probe->model().lexicon);
  for (size_t i = 0; i < texts.size(); ++i) {
    Tokenize(texts[i].text, tokens);
    ex.Extract(tokens, false, scratch.features);
    probe->Margins(scratch.features, scratch, m.data());
    for (int h = 0; h < heads; ++h) margins[h][i] = m[h];
  }
  return margins;
}

std::string Fixed(double v) {
  std::ostringstream s;
  s.precision(4);
  s << std::fixed << v;
  return s.str();
}

}  // namespace

Result<AffectModel> TrainAffectModel(const TrainInputs& in, const TrainOptions& opt) {
  if (!in.train || in.train->empty()) return Error(ErrorCode::kInvalidArgument, "no training data");
  if (!in.dev || in.dev->empty()) return Error(ErrorCode::kInvalidArgument, "no dev data");
  RETURN_IF_ERROR(in.schema.Validate());
  auto say = [&](const std::string& s) {
    if (opt.progress) opt.progress(s);
  };
  set_print_string_function(&Quiet);

  AffectModel model;
  model.features = opt.features;
  model.schema = in.schema;
  model.lexicon = in.lexicon;
  model.lexicon.Build();
  const int heads = in.schema.num_heads();
  model.heads.resize(heads);
  model.stride = static_cast<uint32_t>((heads + 7) / 8 * 8);
  FeatureExtractor extractor(model.features, model.lexicon);

  say("featurizing and training on " + std::to_string(in.train->size()) + " texts (dimension " +
      std::to_string(extractor.dimension()) + ")");
  Quantise(TrainHeads(*in.train, extractor, in.schema, opt), model);
  say("trained " + std::to_string(heads) + " heads");

  // Calibration data: the shipped model's margins on dev and, with folds, out-of-fold margins on
  // train (each text scored by a model trained without it). Dev alone has 13 examples of grief
  // and 18 of relief, so thresholds tuned on it alone transfer poorly to new text.
  ASSIGN_OR_RETURN(auto margins, MarginsOn(model, *in.dev));
  std::vector<std::vector<char>> targets(heads);
  for (int h = 0; h < heads; ++h) targets[h] = Targets(*in.dev, in.schema, h);
  if (opt.calibration_folds > 1) {
    const int k_folds = opt.calibration_folds;
    // Folds drawn at random (a fixed seed; std::mt19937's output is the same everywhere), not
    // by position, so a file sorted by label still gives every fold every label.
    std::mt19937 rng(20201);
    std::vector<int> fold_of(in.train->size());
    for (int& f : fold_of) f = static_cast<int>(rng() % k_folds);
    for (int fold = 0; fold < k_folds; ++fold) {
      std::vector<LabeledText> rest, held_out;
      for (size_t i = 0; i < in.train->size(); ++i) {
        (fold_of[i] == fold ? held_out : rest).push_back((*in.train)[i]);
      }
      AffectModel fold_model = model;
      Quantise(TrainHeads(rest, extractor, in.schema, opt), fold_model);
      ASSIGN_OR_RETURN(auto fold_margins, MarginsOn(fold_model, held_out));
      for (int h = 0; h < heads; ++h) {
        margins[h].insert(margins[h].end(), fold_margins[h].begin(), fold_margins[h].end());
        std::vector<char> y = Targets(held_out, in.schema, h);
        targets[h].insert(targets[h].end(), y.begin(), y.end());
      }
      say("calibration fold " + std::to_string(fold + 1) + " of " + std::to_string(k_folds));
    }
  }
  std::ostringstream prov;
  prov << in.provenance << "options: hash_bits=" << opt.features.hash_bits
       << " char=" << opt.features.char_min << "-" << opt.features.char_max << " C=" << opt.c
       << " positive_weight_power=" << opt.positive_weight_power << " eps=" << opt.epsilon
       << " calibration_folds=" << opt.calibration_folds << "\n";
  for (int h = 0; h < heads; ++h) {
    const std::vector<char>& y = targets[h];
    PlattParams pp = FitPlatt(margins[h], y);
    model.heads[h].platt_a = static_cast<float>(pp.a);
    model.heads[h].platt_b = static_cast<float>(pp.b);
    std::vector<float> probs(margins[h].size());
    for (size_t i = 0; i < probs.size(); ++i)
      probs[i] =
          1.0f /
          (1.0f + std::exp(-(model.heads[h].platt_a * margins[h][i] + model.heads[h].platt_b)));
    ThresholdChoice tc = TuneThreshold(probs, y);
    model.heads[h].threshold = tc.threshold;
  }

  // Keep the at-least-one-label rule per level only where it helps macro-F1 on dev. Levels are
  // independent, so one evaluation with the rule on and one with it off decide all three.
  AffectEvaluation with_rule, without_rule;
  for (bool rule : {true, false}) {
    model.at_least_one = {rule, rule, rule};
    auto c = EmotionClassifier::Create(model);
    if (!c.ok()) return c.error();
    (rule ? with_rule : without_rule) = EvaluateAffect(**c, *in.dev);
  }
  const F1Report* reports[2][3] = {
      {&with_rule.fine, &with_rule.ekman, &with_rule.sentiment},
      {&without_rule.fine, &without_rule.ekman, &without_rule.sentiment}};
  const char* level_names[3] = {"28", "ekman", "sentiment"};
  for (int level = 0; level < 3; ++level) {
    double on = reports[0][level]->macro_f1, off = reports[1][level]->macro_f1;
    model.at_least_one[level] = on >= off;
    prov << "dev macro_f1_" << level_names[level] << ": " << Fixed(std::max(on, off))
         << " (at_least_one=" << (on >= off ? "on" : "off") << ")\n";
  }
  model.provenance = prov.str();
  say(prov.str());
  RETURN_IF_ERROR(model.Validate());
  return model;
}

}  // namespace attune::affect
