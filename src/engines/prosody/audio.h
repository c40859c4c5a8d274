#pragma once
// Mono audio in memory: what every prosody and speech step works on.
#include <vector>

namespace attune::prosody {

struct Audio {
  std::vector<float> samples;  // mono, full scale ±1
  int sample_rate = 0;

  double duration_s() const {
    return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0.0;
  }
};

}  // namespace attune::prosody
