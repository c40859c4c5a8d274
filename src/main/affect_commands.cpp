// `attune affect`, `attune train affect`, `attune eval affect`, `attune eval empathy`: thin
// adapters between the command line (files, JSON, timing) and the affect engine, which does the
// work.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/utf8.h"
#include "engines/affect/affect_engine.h"
#include "engines/affect/affect_evaluation.h"
#include "engines/affect/affect_model.h"
#include "engines/affect/emotion_classifier.h"
#include "engines/affect/empathy_evaluation.h"
#include "engines/affect/goemotions_dataset.h"
#include "engines/affect/model_trainer.h"
#include "engines/affect/text_input.h"
#include "http/affect_json.h"
#include "main/commands.h"

namespace attune {
namespace {

namespace fs = std::filesystem;
using affect::AffectModel;
using affect::EmotionClassifier;
using Json = nlohmann::json;

constexpr const char* kDefaultModel = "models/affect/emotion-v1.bin";
constexpr const char* kDefaultLexicons = "models/affect/lexicons";

double SecondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

[[noreturn]] void Fail(const std::string& message, int code = 1) {
  std::cerr << "attune: " << message << "\n";
  std::exit(code);
}

template <typename T>
T OrFail(Result<T> r) {
  if (!r.ok()) Fail(r.error().message);
  return std::move(r).value();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kNotFound, "cannot open " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// A subcommand of `app` named `name`, created if another command family has not made it yet.
CLI::App* Family(CLI::App& app, const std::string& name, const std::string& description) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    if (sub->get_name() == name) return sub;
  CLI::App* sub = app.add_subcommand(name, description);
  sub->require_subcommand(1);
  return sub;
}

// Model lookup: the flag, else $ATTUNE_AFFECT_MODEL, else the repository default relative to the
// working directory.
std::string ResolveModelPath(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("ATTUNE_AFFECT_MODEL")) return env;
  return kDefaultModel;
}

std::unique_ptr<EmotionClassifier> LoadClassifier(const std::string& path, double* load_ms) {
  auto t0 = std::chrono::steady_clock::now();
  AffectModel model = OrFail(affect::LoadModelFile(path));
  auto classifier = OrFail(EmotionClassifier::Create(std::move(model)));
  if (load_ms) *load_ms = SecondsSince(t0) * 1000;
  return classifier;
}

// GoEmotions' emotions.txt + ekman_mapping.json + sentiment_dict.json -> LabelSchema.
affect::LabelSchema ReadSchema(const std::string& dir) {
  affect::LabelSchema schema;
  std::istringstream names(OrFail(ReadFile(dir + "/emotions.txt")));
  for (std::string line; std::getline(names, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) schema.labels.push_back(line);
  }
  auto grouping = [&](const std::string& file, const std::string& name) {
    Json j;
    try {
      j = Json::parse(OrFail(ReadFile(dir + "/" + file)));
    } catch (const Json::exception& e) {
      Fail(file + ": " + e.what());
    }
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;
    for (auto& [group, members] : j.items())
      groups.push_back({group, members.get<std::vector<std::string>>()});
    return OrFail(affect::LabelSchema::MakeGrouping(schema.labels, name, groups));
  };
  schema.ekman = grouping("ekman_mapping.json", "ekman");
  schema.sentiment = grouping("sentiment_dict.json", "sentiment");
  if (Status s = schema.Validate(); !s.ok()) Fail(s.error().message);
  return schema;
}

std::vector<affect::LabeledText> ReadSplit(const std::string& dir, const std::string& split,
                                           int num_labels) {
  return OrFail(affect::ReadGoEmotionsTsv(dir + "/" + split + ".tsv", num_labels));
}

// The CLI repairs what the API would refuse: ill-formed UTF-8 becomes U+FFFD, with a warning.
std::string CleanInput(std::string_view text, const std::string& where) {
  if (IsValidUtf8(text)) return std::string(text);
  std::cerr << "attune: warning: " << where
            << " is not valid UTF-8; bad bytes were replaced with U+FFFD\n";
  return SanitizeUtf8(text);
}

void RegisterAnalyze(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "affect", "Emotions, tone and (with --reply-to) empathy of a text, as JSON");
  struct Args {
    std::string text, tsv, reply_to, model;
    bool no_explain = false, full = false;
  };
  auto args = std::make_shared<Args>();
  CLI::Option* text_opt =
      cmd->add_option("text", args->text, "Text to analyse ('-' reads standard input)");
  cmd->add_option("--tsv", args->tsv,
                  "Batch: analyse the first column of each line; one JSON object per line");
  cmd->add_option("--reply-to", args->reply_to,
                  "Treat the text as a reply to this message and score its empathy");
  cmd->add_option("--model", args->model,
                  "Model file (default $ATTUNE_AFFECT_MODEL or models/...)");
  cmd->add_flag("--no-explain", args->no_explain, "Skip evidence spans (faster)");
  cmd->add_flag("--all", args->full, "Include every label, Ekman and sentiment probability");
  cmd->callback([args, text_opt] {
    // An explicitly empty text reaches the engine, which explains what is wrong with it.
    const bool has_text = text_opt->count() > 0;
    if (has_text == !args->tsv.empty())
      Fail("give either a text or --tsv FILE (see attune affect --help)", 2);
    auto engine = OrFail(affect::AffectEngine::LoadFile(ResolveModelPath(args->model)));
    affect::AnalyzeOptions options;
    options.explain = !args->no_explain;
    if (!args->tsv.empty()) {
      std::ifstream in(args->tsv, std::ios::binary);
      if (!in) Fail("cannot open " + args->tsv);
      size_t line_no = 0, failed = 0;
      for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string text =
            CleanInput(line.substr(0, line.find('\t')), "line " + std::to_string(line_no));
        auto a = engine->Analyze(text, options);
        if (!a.ok()) {
          ++failed;
          std::cout << Json{{"line", line_no}, {"error", a.error().message}}.dump() << "\n";
          continue;
        }
        Json j = AnalysisJson(*engine, text, *a, args->full);
        j["line"] = line_no;
        std::cout << j.dump() << "\n";
      }
      if (failed) std::cerr << "attune: " << failed << " of " << line_no << " lines failed\n";
      return;
    }
    std::string raw = args->text;
    if (raw == "-") {
      std::ostringstream buf;
      buf << std::cin.rdbuf();
      raw = buf.str();
    }
    std::string text = CleanInput(raw, "the text");
    auto a = engine->Analyze(text, options);
    if (!a.ok()) Fail(a.error().message, 2);
    if (a->truncated)
      std::cerr << "attune: warning: text has " << a->original_chars
                << " characters; only the first " << affect::kMaxTextChars << " were analysed\n";
    Json j = AnalysisJson(*engine, text, *a, args->full);
    if (!args->reply_to.empty()) {
      std::string message = CleanInput(args->reply_to, "--reply-to");
      auto empathy = engine->AssessEmpathy(message, text);
      if (!empathy.ok()) Fail(empathy.error().message, 2);
      j["empathy"] = EmpathyJson(text, *empathy);
    }
    std::cout << j.dump(2) << "\n";
  });
}

void RegisterTrain(CLI::App& app) {
  CLI::App* train = Family(app, "train", "Train a shipped model from its data set");
  CLI::App* cmd = train->add_subcommand("affect", "Train the emotion model on GoEmotions");
  struct Args {
    std::string data, out = kDefaultModel, lexicons = kDefaultLexicons;
    affect::TrainOptions options;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("--data", args->data, "GoEmotions folder (train.tsv, dev.tsv, emotions.txt, ...)")
      ->required();
  cmd->add_option("--out", args->out, "Model file to write")->capture_default_str();
  cmd->add_option("--lexicons", args->lexicons,
                  "Folder with vader_lexicon.txt, empath_categories.tsv")
      ->capture_default_str();
  cmd->add_option("--hash-bits", args->options.features.hash_bits,
                  "log2 of the hashed feature space")
      ->capture_default_str();
  cmd->add_option("--c", args->options.c, "Inverse L2 regularisation")->capture_default_str();
  cmd->add_option("--balance", args->options.positive_weight_power,
                  "Positive class weight exponent (0 none, 1 fully balanced)")
      ->capture_default_str();
  cmd->add_option("--threads", args->options.threads, "Heads trained in parallel")
      ->capture_default_str();
  cmd->add_option("--calibration-folds", args->options.calibration_folds,
                  "Also calibrate on out-of-fold predictions for train from this many models "
                  "(1: dev only)")
      ->capture_default_str()
      ->check(CLI::Range(1, 20));
  cmd->callback([args] {
    auto t0 = std::chrono::steady_clock::now();
    affect::TrainInputs in;
    in.schema = ReadSchema(args->data);
    const int n = static_cast<int>(in.schema.labels.size());
    auto train_set = ReadSplit(args->data, "train", n);
    auto dev_set = ReadSplit(args->data, "dev", n);
    in.train = &train_set;
    in.dev = &dev_set;
    if (Status s = in.lexicon.AddVaderTsv(OrFail(ReadFile(args->lexicons + "/vader_lexicon.txt")));
        !s.ok())
      Fail(s.error().message);
    if (Status s =
            in.lexicon.AddEmpathTsv(OrFail(ReadFile(args->lexicons + "/empath_categories.tsv")));
        !s.ok())
      Fail(s.error().message);
    in.provenance = "data: GoEmotions (Demszky et al. 2020, CC BY 4.0) train=" +
                    std::to_string(train_set.size()) + " dev=" + std::to_string(dev_set.size()) +
                    "\nlexicons: VADER (Apache-2.0), Empath (MIT)\n";
    args->options.progress = [](const std::string& line) { std::cerr << line << "\n"; };
    AffectModel model = OrFail(affect::TrainAffectModel(in, args->options));
    if (fs::path parent = fs::path(args->out).parent_path(); !parent.empty())
      fs::create_directories(parent);
    if (Status s = affect::SaveModelFile(model, args->out); !s.ok()) Fail(s.error().message);
    std::cout << "wrote " << args->out << " (" << fs::file_size(args->out) << " bytes) in "
              << std::fixed << std::setprecision(1) << SecondsSince(t0) << " s\n";
  });
}

void PrintReport(const std::string& prefix, const affect::F1Report& r,
                 const std::vector<std::string>& names) {
  std::cout << std::fixed << std::setprecision(4);
  for (size_t i = 0; i < names.size(); ++i)
    std::cout << prefix << names[i] << " f1=" << r.f1[i] << " precision=" << r.precision[i]
              << " recall=" << r.recall[i] << " support=" << r.support[i] << "\n";
}

void RegisterEval(CLI::App& app) {
  CLI::App* eval = Family(app, "eval", "Evaluate a shipped model on a data set");
  CLI::App* cmd = eval->add_subcommand("affect", "Macro-F1 of the emotion model on GoEmotions");
  struct Args {
    std::string data, split = "test", model;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("--data", args->data, "GoEmotions folder")->required();
  cmd->add_option("--split", args->split, "train, dev or test")->capture_default_str();
  cmd->add_option("--model", args->model,
                  "Model file (default $ATTUNE_AFFECT_MODEL or models/...)");
  cmd->callback([args] {
    double load_ms = 0;
    auto classifier = LoadClassifier(ResolveModelPath(args->model), &load_ms);
    const auto& schema = classifier->schema();
    auto examples = ReadSplit(args->data, args->split, static_cast<int>(schema.labels.size()));
    auto t0 = std::chrono::steady_clock::now();
    affect::AffectEvaluation ev = affect::EvaluateAffect(*classifier, examples);
    double seconds = SecondsSince(t0);
    std::cout << std::fixed << std::setprecision(4) << "split=" << args->split
              << " examples=" << ev.examples << "\n"
              << "macro_f1_28=" << ev.fine.macro_f1 << "\n"
              << "macro_f1_ekman=" << ev.ekman.macro_f1 << "\n"
              << "macro_f1_sentiment=" << ev.sentiment.macro_f1 << "\n"
              << "micro_f1_28=" << ev.fine.micro_f1 << "\n"
              << "macro_f1_ekman_from_28=" << ev.ekman_from_fine.macro_f1 << "\n"
              << "macro_f1_sentiment_from_28=" << ev.sentiment_from_fine.macro_f1 << "\n"
              << "valence_sign_agreement=" << ev.valence_sign_agreement << " (of "
              << ev.valence_examples << " texts with purely positive or negative gold labels)\n";
    PrintReport("f1_label ", ev.fine, schema.labels);
    PrintReport("f1_ekman ", ev.ekman, schema.ekman.groups);
    PrintReport("f1_sentiment ", ev.sentiment, schema.sentiment.groups);
    std::cout << std::setprecision(1) << "throughput_texts_per_s=" << ev.examples / seconds
              << " (one thread, tokenize + features + all heads + selection)\n"
              << "model_load_ms=" << load_ms << "\n";
  });

  CLI::App* emp = eval->add_subcommand(
      "empathy", "Macro-F1 of the empathy scorer per EPITOME mechanism (evaluation only)");
  auto emp_args = std::make_shared<Args>();
  emp->add_option("--data", emp_args->data, "EPITOME folder (the three *-reddit.csv files)")
      ->required();
  emp->add_option("--model", emp_args->model, "Emotion model file");
  emp->callback([emp_args] {
    const std::string& d = emp_args->data;
    auto examples =
        OrFail(affect::ParseEpitome(OrFail(ReadFile(d + "/emotional-reactions-reddit.csv")),
                                    OrFail(ReadFile(d + "/interpretations-reddit.csv")),
                                    OrFail(ReadFile(d + "/explorations-reddit.csv"))));
    auto classifier = LoadClassifier(ResolveModelPath(emp_args->model), nullptr);
    affect::EmpathyScorer scorer(classifier.get());
    auto t0 = std::chrono::steady_clock::now();
    affect::EmpathyEvaluation ev = affect::EvaluateEmpathy(scorer, examples);
    double seconds = SecondsSince(t0);
    const char* names[3] = {"emotional_reactions", "interpretations", "explorations"};
    std::cout << std::fixed << std::setprecision(4) << "examples=" << ev.examples << "\n";
    for (int m = 0; m < 3; ++m) {
      std::cout << "macro_f1_" << names[m] << "=" << ev.three_class[m].macro_f1
                << " accuracy=" << ev.accuracy[m] << " binary_macro_f1=" << ev.binary[m].macro_f1
                << " per_level_f1=";
      for (int l = 0; l < 3; ++l) std::cout << (l ? "/" : "") << ev.three_class[m].f1[l];
      std::cout << " confusion(gold x predicted)=";
      for (int k = 0; k < 9; ++k) std::cout << (k ? (k % 3 ? "," : ";") : "") << ev.confusion[m][k];
      std::cout << "\n";
    }
    std::cout << std::setprecision(1) << "throughput_pairs_per_s=" << ev.examples / seconds << "\n";
  });
}

}  // namespace

void RegisterAffectCommands(CLI::App& app) {
  RegisterAnalyze(app);
  RegisterTrain(app);
  RegisterEval(app);
}

}  // namespace attune
