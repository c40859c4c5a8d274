#include "engines/prosody/audio_decoder.h"

#include <sndfile.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

namespace attune::prosody {
namespace {

// libsndfile's virtual I/O over a read-only byte range.
struct MemoryFile {
  std::string_view bytes;
  sf_count_t pos = 0;
};

sf_count_t Length(void* user) { return static_cast<MemoryFile*>(user)->bytes.size(); }
sf_count_t Seek(sf_count_t offset, int whence, void* user) {
  auto* f = static_cast<MemoryFile*>(user);
  const sf_count_t size = static_cast<sf_count_t>(f->bytes.size());
  sf_count_t target = offset;
  if (whence == SEEK_CUR) target = f->pos + offset;
  if (whence == SEEK_END) target = size + offset;
  f->pos = std::clamp<sf_count_t>(target, 0, size);
  return f->pos;
}
sf_count_t Read(void* out, sf_count_t count, void* user) {
  auto* f = static_cast<MemoryFile*>(user);
  const sf_count_t n =
      std::min<sf_count_t>(count, static_cast<sf_count_t>(f->bytes.size()) - f->pos);
  if (n <= 0) return 0;
  std::memcpy(out, f->bytes.data() + f->pos, static_cast<size_t>(n));
  f->pos += n;
  return n;
}
sf_count_t Write(const void*, sf_count_t, void*) { return 0; }
sf_count_t Tell(void* user) { return static_cast<MemoryFile*>(user)->pos; }

Error Invalid(std::string message) {
  return Error(ErrorCode::kInvalidArgument, std::move(message), "audio");
}

}  // namespace

Result<Audio> DecodeAudio(std::string_view bytes, const AudioLimits& limits) {
  if (bytes.empty()) return Invalid("the audio is empty");
  MemoryFile file{bytes};
  SF_VIRTUAL_IO io{Length, Seek, Read, Write, Tell};
  SF_INFO info{};
  std::unique_ptr<SNDFILE, int (*)(SNDFILE*)> sf(sf_open_virtual(&io, SFM_READ, &info, &file),
                                                 sf_close);
  if (!sf) {
    return Invalid(std::string("this is not audio Attune can read (send WAV, FLAC or Ogg): ") +
                   sf_strerror(nullptr));
  }
  if (info.channels < 1 || info.frames <= 0) return Invalid("the audio holds no samples");
  if (info.samplerate < limits.min_sample_rate || info.samplerate > limits.max_sample_rate) {
    return Invalid("a sample rate of " + std::to_string(info.samplerate) +
                   " Hz is not supported (use " + std::to_string(limits.min_sample_rate) + " to " +
                   std::to_string(limits.max_sample_rate) + " Hz)");
  }
  const double duration = static_cast<double>(info.frames) / info.samplerate;
  if (duration > limits.max_duration_s) {
    char message[160];
    std::snprintf(message, sizeof message,
                  "the audio lasts %.1f s; a reply may last at most %.0f s", duration,
                  limits.max_duration_s);
    return Error(ErrorCode::kPayloadTooLarge, message, "audio");
  }

  std::vector<float> interleaved(static_cast<size_t>(info.frames) * info.channels);
  const sf_count_t got = sf_readf_float(sf.get(), interleaved.data(), info.frames);
  if (got <= 0) return Invalid("the audio could not be decoded: it is truncated or damaged");

  Audio audio;
  audio.sample_rate = info.samplerate;
  audio.samples.resize(static_cast<size_t>(got));
  const float scale = 1.0f / static_cast<float>(info.channels);
  for (sf_count_t i = 0; i < got; ++i) {
    float sum = 0;
    for (int c = 0; c < info.channels; ++c) sum += interleaved[i * info.channels + c];
    audio.samples[i] = sum * scale;
  }
  return audio;
}

}  // namespace attune::prosody
