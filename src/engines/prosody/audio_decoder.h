#pragma once
// Decodes an audio file held in memory (WAV, FLAC, Ogg Vorbis/Opus, AIFF: whatever libsndfile
// reads) into mono samples. Nothing touches the disk: a learner's voice is processed in memory and
// discarded unless they choose to keep it. Refuses, with a message a person can act on, bytes that
// are not audio, audio longer than the limit and sample rates the analysis cannot use.
#include <string_view>

#include "core/result.h"
#include "engines/prosody/audio.h"

namespace attune::prosody {

struct AudioLimits {
  double max_duration_s = 60;
  int min_sample_rate = 8000;  // below this speech loses the formants the recogniser needs
  int max_sample_rate = 96000;
};

Result<Audio> DecodeAudio(std::string_view bytes, const AudioLimits& limits = {});

}  // namespace attune::prosody
