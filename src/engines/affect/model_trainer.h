#pragma once
// Trains the shipped emotion model from GoEmotions: one-vs-rest L2-regularised logistic regression
// (liblinear's primal trust-region solver, which uses no random numbers) per fine label, Ekman
// group and sentiment group; int8 quantisation; Platt calibration and F1 thresholds fitted on dev
// and on out-of-fold predictions for train.
// Same inputs and options give a byte-identical model file, whatever the thread count.
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "engines/affect/affect_model.h"
#include "engines/affect/goemotions_dataset.h"

namespace attune::affect {

struct TrainOptions {
  FeatureConfig features;
  double c = 1.0;  // inverse regularisation strength
  // Positive examples of a head weigh (negatives/positives)^power: 0 = unweighted, 1 = balanced.
  // Partial balancing lifts recall on rare labels without flooding frequent ones.
  double positive_weight_power = 0.5;
  double epsilon = 0.01;  // liblinear stopping tolerance
  int threads = 1;        // heads train in parallel; results do not depend on this
  // Platt scaling and thresholds are fitted on dev plus, when this is above 1, out-of-fold
  // margins on train from this many models each trained without one fold.
  int calibration_folds = 10;
  // Receives one line per step (the engine does no logging of its own).
  std::function<void(const std::string&)> progress;
};

struct TrainInputs {
  const std::vector<LabeledText>* train = nullptr;
  const std::vector<LabeledText>* dev = nullptr;  // for calibration and thresholds only
  LabelSchema schema;
  Lexicon lexicon;         // unbuilt or built; copied into the model
  std::string provenance;  // appended to the model's provenance text
};

Result<AffectModel> TrainAffectModel(const TrainInputs& inputs, const TrainOptions& options);

}  // namespace attune::affect
