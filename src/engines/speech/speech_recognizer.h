#pragma once
// Offline speech-to-text with CMU PocketSphinx and Debian's US English model (pocketsphinx-en-us):
// the words of a spoken reply, with their times, so a spoken reply is scored exactly as a typed
// one. Nothing leaves the machine. A decoder is not thread-safe and costs a second to load, so the
// recogniser keeps a small pool: concurrent replies each borrow one, and the first use loads it.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "engines/prosody/audio.h"

namespace attune::speech {

struct RecognizedWord {
  std::string word;  // lower case, without PocketSphinx's "(2)" pronunciation marks
  double begin_s = 0;
  double end_s = 0;
  bool filler = false;  // "um", "uh", "er", "hmm"
};

struct Transcript {
  std::string text;  // the words without fillers, space separated
  std::vector<RecognizedWord> words;
  int filler_count = 0;
};

// Debian's install location of the model.
inline constexpr const char* kDefaultModelDir = "/usr/share/pocketsphinx/model/en-us";

class SpeechRecognizer {
 public:
  // Checks the model files are there; decoders are loaded on first use.
  static Result<std::unique_ptr<SpeechRecognizer>> Open(const std::string& model_dir,
                                                        size_t max_decoders = 2);
  ~SpeechRecognizer();

  // Loads every decoder now, so the first spoken reply does not wait for the model (about half a
  // second per decoder). Thread-safe; the server calls it from a background thread at start.
  Status WarmUp();

  // `audio` must be 16 kHz mono (prosody::kAnalysisRate). Thread-safe. Recordings of 8 s or more
  // are cut at quiet points and the parts decoded in parallel, one per decoder.
  Result<Transcript> Transcribe(const prosody::Audio& audio);

  static constexpr double kMinSecondsPerPart = 4;

 private:
  Result<Transcript> TranscribeSpan(const int16_t* pcm, size_t n, double offset_s);
  struct Decoder;
  explicit SpeechRecognizer(std::string model_dir, size_t max_decoders);
  Result<Decoder*> Borrow();
  void Return(Decoder* decoder);

  std::string model_dir_;
  size_t max_decoders_;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Decoder>> all_;
  std::vector<Decoder*> idle_;
};

// Where to cut `pcm` into `parts` pieces: sample offsets, first 0 and last pcm.size(), each inner
// cut at the quietest 100 ms within 3 s of an even split.
std::vector<size_t> SplitAtQuietPoints(const std::vector<int16_t>& pcm, size_t parts,
                                       int sample_rate);

// True for the hesitation sounds PocketSphinx's dictionary spells out.
bool IsFillerWord(std::string_view word);

}  // namespace attune::speech
