#pragma once
// The trained emotion model: everything inference needs, in one value that serialises to one file.
// Weights are int8 with one scale per head (4x smaller than float, no measurable F1 loss), stored
// feature-major so scoring a feature touches one contiguous row of all heads.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "engines/affect/feature_extractor.h"
#include "engines/affect/label_schema.h"
#include "engines/affect/lexicon.h"

namespace attune::affect {

// One binary classifier: p = sigmoid(platt_a * (scale * w.x + bias) + platt_b).
struct Head {
  float scale = 1;  // dequantisation factor of this head's int8 weights
  float bias = 0;
  float platt_a = 1;  // Platt calibration fitted on the dev split
  float platt_b = 0;
  float threshold = 0.5f;  // on the calibrated probability, tuned for F1 on dev
};

struct AffectModel {
  FeatureConfig features;
  LabelSchema schema;
  Lexicon lexicon;          // built (Build() called) once loaded
  std::vector<Head> heads;  // schema.num_heads(): fine labels, Ekman groups, sentiment groups
  // Per level (0 fine labels, 1 Ekman, 2 sentiment): when no head passes its threshold, predict the
  // one with the highest probability/threshold ratio anyway. Every GoEmotions text has at least one
  // label; dev F1 decides per level whether forcing one helps.
  std::array<bool, 3> at_least_one = {true, true, true};
  uint32_t stride = 0;          // heads rounded up to a multiple of 8 (row length in weights)
  std::vector<int8_t> weights;  // dimension x stride, row-major by feature
  std::string provenance;       // free text: data hashes, options, dev metrics (for the card)

  uint32_t Dimension() const;
  Status Validate() const;
};

// File format "ATTAFF" v1: little-endian sections, FNV-1a-64 checksum of everything before it.
std::string SerializeModel(const AffectModel& model);
// Parses untrusted bytes: truncation, corruption and absurd sizes are errors, never crashes.
Result<AffectModel> ParseModel(std::string_view bytes);

Status SaveModelFile(const AffectModel& model, const std::string& path);
Result<AffectModel> LoadModelFile(const std::string& path);

}  // namespace attune::affect
