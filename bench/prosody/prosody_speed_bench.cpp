// Prosody and speech-to-text speed on one core (issue 5): a 60 s spoken reply through the prosody
// engine (decode, resample, pitch, intensity, nuclei, pauses), and 20 s through the recogniser.
// The speech is the repository's voice fixture repeated with pauses, at 16 kHz and at 44.1 kHz.
// Usage: prosody_speed_bench FIXTURE.wav [runs=20]. Prints name=value lines.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engines/prosody/audio_decoder.h"
#include "engines/prosody/prosody_analyzer.h"
#include "engines/prosody/resampler.h"
#include "engines/speech/speech_recognizer.h"

using namespace attune;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

prosody::Audio Repeat(const prosody::Audio& one, double seconds) {
  prosody::Audio out{{}, one.sample_rate};
  const size_t want = static_cast<size_t>(seconds * one.sample_rate);
  while (out.samples.size() < want) {
    out.samples.insert(out.samples.end(), one.samples.begin(), one.samples.end());
    out.samples.insert(out.samples.end(), one.sample_rate / 2, 0.0f);  // a half-second pause
  }
  out.samples.resize(want);
  return out;
}

double Percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(q * (v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: prosody_speed_bench FIXTURE.wav [runs]\n");
    return 2;
  }
  const int runs = argc > 2 ? std::atoi(argv[2]) : 20;
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto fixture = prosody::DecodeAudio(bytes.str());
  if (!fixture.ok()) {
    std::fprintf(stderr, "%s\n", fixture.error().message.c_str());
    return 1;
  }
  const prosody::Audio minute16k = Repeat(*fixture, 60);
  const prosody::Audio minute44k = prosody::Resample(minute16k, 44100);
  for (const auto* audio : {&minute16k, &minute44k}) {
    std::vector<double> ms;
    int syllables = 0;
    for (int r = 0; r < runs; ++r) {
      const auto t0 = Clock::now();
      syllables = prosody::AnalyzeProsody(*audio).syllables;
      ms.push_back(Ms(t0, Clock::now()));
    }
    const double p50 = Percentile(ms, 0.5);
    const int khz = audio->sample_rate / 1000;
    std::printf("prosody_60s_%dk_ms_p50=%.1f\n", khz, p50);
    std::printf("prosody_60s_%dk_ms_p95=%.1f\n", khz, Percentile(ms, 0.95));
    std::printf("prosody_60s_%dk_realtime_factor=%.0f\n", khz, 60000.0 / p50);
    std::printf("prosody_60s_%dk_syllables=%d\n", khz, syllables);
  }

  auto recognizer = speech::SpeechRecognizer::Open(speech::kDefaultModelDir, 2);  // as the server
  if (!recognizer.ok()) {
    std::fprintf(stderr, "%s\n", recognizer.error().message.c_str());
    return 1;
  }
  const prosody::Audio twenty = Repeat(*fixture, 20);
  auto t0 = Clock::now();
  (void)(*recognizer)->Transcribe(prosody::Audio{std::vector<float>(1600, 0.0f), 16000});
  std::printf("stt_model_load_ms=%.0f\n", Ms(t0, Clock::now()));
  std::vector<double> ms;
  const int stt_runs = std::max(3, runs / 4);
  for (int r = 0; r < stt_runs; ++r) {
    t0 = Clock::now();
    (void)(*recognizer)->Transcribe(twenty);
    ms.push_back(Ms(t0, Clock::now()));
  }
  std::printf("stt_20s_ms_p50=%.0f\n", Percentile(ms, 0.5));
  std::printf("stt_20s_ms_max=%.0f\n", Percentile(ms, 1.0));
  std::printf("stt_realtime_factor=%.1f\n", 20000.0 / Percentile(ms, 0.5));
  return 0;
}
