// prosody FILE: how a recording was said (pitch, loudness, speaking rate, pauses) and, with the
// offline recogniser, what was said, as one JSON object: the same analysis a spoken role-play
// reply gets (docs/voice.md).
#include <fstream>
#include <iostream>
#include <sstream>

#include "engines/prosody/audio_decoder.h"
#include "engines/speech/voice_analysis.h"
#include "main/cli_support.h"
#include "main/commands.h"
#include "services/roleplay/voice_json.h"

namespace attune {

void RegisterVoiceCommands(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "prosody", "Analyse a recording (WAV, FLAC, Ogg): pitch, loudness, rate, pauses, words");
  struct Options {
    std::string file;
    bool pitch_track = false;
    bool no_words = false;
    std::string model = speech::kDefaultModelDir;
    double max_seconds = 600;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("file", o->file, "audio file")->required();
  cmd->add_flag("--pitch-track", o->pitch_track,
                "include the F0 of every 10 ms frame (0: unvoiced)");
  cmd->add_flag("--no-words", o->no_words, "skip speech-to-text (prosody only)");
  cmd->add_option("--model", o->model, "PocketSphinx model directory");
  cmd->add_option("--max-seconds", o->max_seconds, "longest recording accepted")
      ->capture_default_str();
  cmd->callback([o] {
    std::ifstream in(o->file, std::ios::binary);
    if (!in) std::exit(Fail(Error(ErrorCode::kNotFound, "cannot read " + o->file)));
    std::stringstream bytes;
    bytes << in.rdbuf();
    auto audio = prosody::DecodeAudio(bytes.str(), {.max_duration_s = o->max_seconds});
    if (!audio.ok()) std::exit(Fail(audio.error()));
    std::unique_ptr<speech::SpeechRecognizer> recognizer;
    if (!o->no_words) {
      auto opened = speech::SpeechRecognizer::Open(o->model, 2);
      if (!opened.ok()) std::exit(Fail(opened.error()));
      recognizer = std::move(*opened);
    }
    auto voice = speech::AnalyzeVoice(*audio, recognizer.get());
    if (!voice.ok()) std::exit(Fail(voice.error()));
    nlohmann::json out = roleplay::VoiceToJson(*voice);
    if (o->pitch_track) out["pitch_track"] = roleplay::PitchTrackToJson(voice->prosody.pitch);
    std::cout << out.dump() << "\n";
  });
}

}  // namespace attune
