// The recogniser on a real (synthesised) spoken reply: the words come back in order, with times
// inside the audio, and the voice analysis joins them to the prosody.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "engines/prosody/audio_decoder.h"
#include "engines/speech/voice_analysis.h"

namespace attune::speech {
namespace {

prosody::Audio Fixture() {
  const char* root = std::getenv("ATTUNE_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") + "/tests/fixtures/voice/frustrating_release.wav",
                   std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto audio = prosody::DecodeAudio(bytes.str());
  EXPECT_TRUE(audio.ok());
  return audio.ok() ? *audio : prosody::Audio{};
}

TEST(SpeechRecognizer, RecognisesTheWordsOfASpokenReplyWithTheirTimes) {
  auto recognizer = SpeechRecognizer::Open(kDefaultModelDir);
  ASSERT_TRUE(recognizer.ok()) << recognizer.error().message;
  const prosody::Audio audio = Fixture();
  auto transcript = (*recognizer)->Transcribe(audio);
  ASSERT_TRUE(transcript.ok()) << transcript.error().message;
  // "I hear you. That sounds really frustrating. What happened with the release?" PocketSphinx's
  // general model is no match for a modern recogniser, but the content words come through.
  EXPECT_NE(transcript->text.find("frustrating"), std::string::npos) << transcript->text;
  EXPECT_NE(transcript->text.find("release"), std::string::npos) << transcript->text;
  double previous = 0;
  for (const auto& w : transcript->words) {
    EXPECT_GE(w.begin_s, previous - 1e-9) << w.word;
    EXPECT_GT(w.end_s, w.begin_s) << w.word;
    EXPECT_LE(w.end_s, audio.duration_s() + 0.02) << w.word;
    EXPECT_EQ(w.word.find('('), std::string::npos);
    previous = w.end_s;
  }
}

TEST(SpeechRecognizer, IsSafeToShareBetweenThreadsAndRefusesOtherRates) {
  auto recognizer = SpeechRecognizer::Open(kDefaultModelDir, 1);
  ASSERT_TRUE(recognizer.ok());
  const prosody::Audio audio = Fixture();
  std::string first, second;
  std::thread other([&] { first = (*recognizer)->Transcribe(audio)->text; });
  second = (*recognizer)->Transcribe(audio)->text;
  other.join();
  EXPECT_EQ(first, second);  // one decoder, taken in turn, gives the same answer each time
  prosody::Audio wrong_rate{std::vector<float>(8000, 0.0f), 8000};
  EXPECT_FALSE((*recognizer)->Transcribe(wrong_rate).ok());
}

TEST(SpeechRecognizer, SaysWhereTheModelShouldBe) {
  auto missing = SpeechRecognizer::Open("/nonexistent/model");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("pocketsphinx-en-us"), std::string::npos);
}

TEST(VoiceAnalysis, JoinsWordsToProsody) {
  auto recognizer = SpeechRecognizer::Open(kDefaultModelDir);
  ASSERT_TRUE(recognizer.ok());
  auto voice = AnalyzeVoice(Fixture(), recognizer->get());
  ASSERT_TRUE(voice.ok());
  ASSERT_TRUE(voice->transcript.has_value());
  EXPECT_GT(voice->prosody.syllables, 10);
  EXPECT_GT(voice->prosody.f0_mean_hz, 70);
  EXPECT_LT(voice->prosody.f0_mean_hz, 300);
  // espeak-ng at 150 words per minute; the recogniser splits and merges a few words.
  EXPECT_GT(voice->words_per_minute, 90);
  EXPECT_LT(voice->words_per_minute, 260);
  auto prosody_only = AnalyzeVoice(Fixture(), nullptr);
  ASSERT_TRUE(prosody_only.ok());
  EXPECT_FALSE(prosody_only->transcript.has_value());
}

}  // namespace
}  // namespace attune::speech
