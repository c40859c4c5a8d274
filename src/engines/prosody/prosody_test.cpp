// The prosody engine on signals whose answers are known: harmonic tones of set pitch, glides,
// syllable trains with pauses, silence, and files that are not audio.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <numbers>
#include <random>
#include <string>

#include "engines/prosody/audio_decoder.h"
#include "engines/prosody/prosody_analyzer.h"

namespace attune::prosody {
namespace {

constexpr double kPi = std::numbers::pi;

// A voiced, vowel-like sound: the first harmonics of f0(t) with falling amplitudes.
void AddVoice(std::vector<float>& out, int rate, double begin_s, double end_s, double f0_begin,
              double f0_end, double amplitude = 0.3) {
  double phase = 0;
  const size_t b = static_cast<size_t>(begin_s * rate), e = static_cast<size_t>(end_s * rate);
  if (out.size() < e) out.resize(e);
  for (size_t i = b; i < e; ++i) {
    const double u = static_cast<double>(i - b) / (e - b);
    const double f0 = f0_begin + (f0_end - f0_begin) * u;
    phase += 2 * kPi * f0 / rate;
    // Smooth onset and offset, as a syllable has.
    const double envelope = std::sin(kPi * u);
    double v = 0;
    for (int h = 1; h <= 8 && h * f0 < 0.45 * rate; ++h) v += std::sin(h * phase) / h;
    out[i] += static_cast<float>(amplitude * envelope * v);
  }
}

Audio Silence(double seconds, int rate = 16000) {
  return Audio{std::vector<float>(static_cast<size_t>(seconds * rate), 0.0f), rate};
}

// A 16-bit PCM WAV file in memory.
std::string Wav(const std::vector<float>& samples, int rate, int channels = 1) {
  auto u32 = [](std::string& s, uint32_t v) { s.append(reinterpret_cast<char*>(&v), 4); };
  auto u16 = [](std::string& s, uint16_t v) { s.append(reinterpret_cast<char*>(&v), 2); };
  const uint32_t data_bytes = static_cast<uint32_t>(samples.size() * 2 * channels);
  std::string wav = "RIFF";
  u32(wav, 36 + data_bytes);
  wav += "WAVEfmt ";
  u32(wav, 16);
  u16(wav, 1);
  u16(wav, static_cast<uint16_t>(channels));
  u32(wav, static_cast<uint32_t>(rate));
  u32(wav, static_cast<uint32_t>(rate * 2 * channels));
  u16(wav, static_cast<uint16_t>(2 * channels));
  u16(wav, 16);
  wav += "data";
  u32(wav, data_bytes);
  for (float x : samples) {
    for (int c = 0; c < channels; ++c) {
      u16(wav, static_cast<uint16_t>(static_cast<int16_t>(std::lround(x * 32767))));
    }
  }
  return wav;
}

TEST(PitchTracker, FindsTheFundamentalOfASteadyVoice) {
  for (double f0 : {95.0, 150.0, 230.0, 380.0}) {
    Audio audio = Silence(1.2);
    AddVoice(audio.samples, audio.sample_rate, 0.1, 1.1, f0, f0);
    const ProsodyAnalysis a = AnalyzeProsody(audio);
    EXPECT_NEAR(a.f0_median_hz, f0, 0.01 * f0) << f0;
    EXPECT_NEAR(a.f0_mean_hz, f0, 0.02 * f0) << f0;
    EXPECT_GT(a.voiced_ratio, 0.8) << f0;
  }
}

TEST(PitchTracker, FollowsAGlideFrameByFrameWithoutOctaveErrors) {
  Audio audio = Silence(2.2);
  AddVoice(audio.samples, audio.sample_rate, 0.1, 2.1, 110, 260);
  const PitchTrack track = TrackPitch(audio);
  int voiced = 0, gross = 0;
  for (size_t f = 0; f < track.f0_hz.size(); ++f) {
    const double t = track.TimeOf(f);
    if (t < 0.25 || t > 1.95 || track.f0_hz[f] == 0) continue;
    const double truth = 110 + (260 - 110) * (t - 0.1) / 2.0;
    ++voiced;
    if (std::fabs(track.f0_hz[f] - truth) > 0.2 * truth) ++gross;
  }
  EXPECT_GT(voiced, 160);
  EXPECT_EQ(gross, 0);
  const ProsodyAnalysis a = AnalyzeProsody(audio);
  // 110 → 260 Hz is 14.9 semitones; the 5th–95th percentile range covers 90 % of it.
  EXPECT_NEAR(a.f0_range_st, 0.9 * 14.9, 1.5);
}

TEST(PitchTracker, CallsNoiseAndSilenceUnvoiced) {
  Audio audio = Silence(1.0);
  std::mt19937 rng(7);
  std::normal_distribution<float> noise(0, 0.05f);
  for (size_t i = 8000; i < audio.samples.size(); ++i) audio.samples[i] = noise(rng);
  const PitchTrack track = TrackPitch(audio);
  int voiced = 0;
  for (float f : track.f0_hz) voiced += f > 0;
  EXPECT_LT(voiced, static_cast<int>(track.f0_hz.size() / 20));
}

TEST(SpeechTiming, CountsSyllablesAndPausesOfASyllableTrain) {
  // Three syllables, a 1.2 s pause, four syllables, a 0.5 s pause, two syllables.
  Audio audio = Silence(0.5);
  double t = 0.4;
  auto syllables = [&](int n) {
    for (int i = 0; i < n; ++i) {
      AddVoice(audio.samples, audio.sample_rate, t, t + 0.18, 140, 125);
      t += 0.25;
    }
  };
  syllables(3);
  t += 1.2;
  syllables(4);
  t += 0.5;
  syllables(2);
  audio.samples.resize(static_cast<size_t>((t + 0.4) * audio.sample_rate), 0.0f);

  const ProsodyAnalysis a = AnalyzeProsody(audio);
  EXPECT_EQ(a.syllables, 9);
  EXPECT_EQ(a.pauses, 2);
  EXPECT_EQ(a.long_pauses, 1);
  EXPECT_NEAR(a.longest_pause_s, 1.27, 0.08);
  // Leading and trailing silence is not speaking time.
  EXPECT_NEAR(a.speaking_time_s, 9 * 0.25 - 0.07 + 1.2 + 0.5, 0.1);
  EXPECT_NEAR(a.pause_ratio, (1.27 + 0.57) / a.speaking_time_s, 0.05);
  EXPECT_NEAR(a.speech_rate_syl_s, 9 / a.speaking_time_s, 0.01);
  EXPECT_GT(a.articulation_rate_syl_s, a.speech_rate_syl_s);
}

TEST(ProsodyAnalyzer, SilenceHasNoSpeech) {
  const ProsodyAnalysis a = AnalyzeProsody(Silence(2.0));
  EXPECT_EQ(a.syllables, 0);
  EXPECT_EQ(a.f0_mean_hz, 0);
  EXPECT_EQ(a.speaking_time_s, 0);
  EXPECT_NEAR(a.duration_s, 2.0, 1e-9);
}

TEST(ProsodyAnalyzer, LouderSpeechMeasuresLouderBySixDecibelsPerDoubling) {
  Audio quiet = Silence(1.2), loud = Silence(1.2);
  AddVoice(quiet.samples, 16000, 0.1, 1.1, 150, 150, 0.1);
  AddVoice(loud.samples, 16000, 0.1, 1.1, 150, 150, 0.2);
  EXPECT_NEAR(AnalyzeProsody(loud).loudness_db - AnalyzeProsody(quiet).loudness_db, 6.02, 0.2);
}

TEST(AudioDecoder, ReadsWavAtAnySupportedRateAndMixesChannels) {
  for (int rate : {8000, 22050, 44100, 48000}) {
    Audio audio = Silence(1.2, rate);
    AddVoice(audio.samples, rate, 0.1, 1.1, 200, 200);
    auto decoded = DecodeAudio(Wav(audio.samples, rate, 2));
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(decoded->sample_rate, rate);
    EXPECT_EQ(decoded->samples.size(), audio.samples.size());
    EXPECT_NEAR(AnalyzeProsody(*decoded).f0_median_hz, 200, 2) << rate;
  }
}

TEST(AudioDecoder, RefusesWhatIsNotUsableAudioWithAReason) {
  auto text = DecodeAudio("this is a text file, not a recording");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(text.error().message.find("not audio"), std::string::npos);

  EXPECT_EQ(DecodeAudio("").error().code, ErrorCode::kInvalidArgument);

  auto low = DecodeAudio(Wav(std::vector<float>(4000, 0.0f), 4000));
  ASSERT_FALSE(low.ok());
  EXPECT_NE(low.error().message.find("4000 Hz is not supported"), std::string::npos);

  auto long_audio = DecodeAudio(Wav(std::vector<float>(8000 * 61, 0.0f), 8000));
  ASSERT_FALSE(long_audio.ok());
  EXPECT_EQ(long_audio.error().code, ErrorCode::kPayloadTooLarge);

  // A WAV header that promises more than it holds still decodes what is there.
  std::string wav = Wav(std::vector<float>(16000, 0.1f), 16000);
  auto truncated = DecodeAudio(std::string_view(wav).substr(0, wav.size() / 2));
  ASSERT_TRUE(truncated.ok());
  EXPECT_LT(truncated->samples.size(), 16000u);
}

}  // namespace
}  // namespace attune::prosody
