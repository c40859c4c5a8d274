// Throughput, latency and load cost of the affect engine on one thread.
//   build-affect/src/engines/affect/affect_bench [--benchmark_filter=...]
// Texts: the 302 GoEmotions test rows in tests/fixtures/affect (median 12 words, typical of chat).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engines/affect/affect_engine.h"
#include "engines/affect/goemotions_dataset.h"

namespace attune::affect {
namespace {

std::string SourceDir() {
  const char* env = std::getenv("ATTUNE_SOURCE_DIR");
  return env ? env : ATTUNE_SOURCE_DIR_DEFAULT;
}
std::string ModelPath() { return SourceDir() + "/models/affect/emotion-v1.bin"; }

const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = [] {
    std::ifstream in(SourceDir() + "/tests/fixtures/affect/goemotions_test_sample.tsv");
    std::stringstream buf;
    buf << in.rdbuf();
    std::vector<std::string> out;
    auto parsed = ParseGoEmotionsTsv(buf.str(), 28);  // keep the Result alive while iterating
    for (auto& ex : parsed.value()) out.push_back(ex.text);
    return out;
  }();
  return texts;
}

const AffectEngine& Engine() {
  static const std::unique_ptr<AffectEngine> engine = AffectEngine::LoadFile(ModelPath()).value();
  return *engine;
}

long RssKb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

void BM_LoadModel(benchmark::State& state) {
  long before = RssKb(), after = 0;
  for (auto _ : state) {
    auto engine = AffectEngine::LoadFile(ModelPath());
    after = RssKb();
    benchmark::DoNotOptimize(engine);
  }
  state.counters["rss_delta_MiB"] = static_cast<double>(after - before) / 1024.0;
}
BENCHMARK(BM_LoadModel)->Unit(benchmark::kMillisecond)->Iterations(5);

// The hot path a service uses for bulk scoring: probabilities of all 39 heads + label selection.
void BM_ScoreOnly(benchmark::State& state) {
  const EmotionClassifier& c = Engine().classifier();
  EmotionClassifier::Scratch scratch;
  std::vector<float> probs(c.num_heads());
  size_t i = 0;
  for (auto _ : state) {
    c.Score(Texts()[i++ % Texts().size()], scratch, probs.data());
    benchmark::DoNotOptimize(c.Select(probs.data(), 0));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScoreOnly);

// Full Analyze(): input checks, labels, Ekman, sentiment, valence/arousal, tone; evidence on/off.
void BM_Analyze(benchmark::State& state) {
  AnalyzeOptions options;
  options.explain = state.range(0) != 0;
  size_t i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(Engine().Analyze(Texts()[i++ % Texts().size()], options));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Analyze)->Arg(0)->Arg(1)->ArgName("explain");

void BM_Empathy(benchmark::State& state) {
  size_t i = 0;
  const auto& t = Texts();
  for (auto _ : state) {
    benchmark::DoNotOptimize(Engine().AssessEmpathy(t[i % t.size()], t[(i + 1) % t.size()]));
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Empathy);

}  // namespace
}  // namespace attune::affect

BENCHMARK_MAIN();
