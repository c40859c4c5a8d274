#pragma once
// Sample-rate conversion (libsamplerate's band-limited sinc): speech is analysed at fixed rates so
// that frame sizes, filters and the recogniser's acoustic model always see the same signal.
#include "engines/prosody/audio.h"

namespace attune::prosody {

Audio Resample(const Audio& in, int target_rate);

}  // namespace attune::prosody
