// items lint: validate an item bank directory. bench cat: the adaptive-test simulation benchmark
// (docs/benchmarks.md, issue 4's figures).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <random>

#include "engines/irt/cat_simulation.h"
#include "main/cli_support.h"
#include "main/commands.h"
#include "services/practice/assessment_policy.h"
#include "services/practice/item_bank.h"

namespace attune {
namespace {

using practice::ItemBank;

void Print(const char* name, double value) { std::printf("%s=%.6g\n", name, value); }

// A bank of `size` items drawn around the real bank's parameters, for the selection-time figure.
std::vector<irt::BankItem> Enlarged(const std::vector<irt::BankItem>& bank, int size) {
  std::mt19937_64 engine(99);
  std::normal_distribution<double> jitter(0, 0.3);
  std::vector<irt::BankItem> out;
  for (int i = 0; i < size; ++i) {
    irt::BankItem item = bank[i % bank.size()];
    item.params.b += jitter(engine);
    out.push_back(item);
  }
  return out;
}

// Mean and 99th percentile of one item selection at a bank of 1,000 items, mid-test (20 given).
std::pair<double, double> SelectionMillis(const std::vector<irt::BankItem>& bank,
                                          const irt::CatPolicy& policy) {
  const irt::ItemSelector selector(bank, policy);
  SeededRandom random(5);
  std::mt19937_64 engine(6);
  irt::ExposureCounts exposure{1000, std::vector<int64_t>(bank.size(), 100)};
  std::vector<double> millis;
  for (int k = 0; k < 2000; ++k) {
    std::vector<int> given;
    for (int j = 0; j < 20; ++j) given.push_back(static_cast<int>(engine() % bank.size()));
    const irt::AbilityEstimate estimate{std::normal_distribution<double>(0, 1)(engine), 0.35};
    const auto start = std::chrono::steady_clock::now();
    volatile int chosen = selector.Next(estimate, given, exposure, random);
    (void)chosen;
    millis.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(millis.begin(), millis.end());
  double sum = 0;
  for (double m : millis) sum += m;
  return {sum / millis.size(), millis[millis.size() * 99 / 100]};
}

}  // namespace

void RegisterPracticeCommands(CLI::App& app) {
  {
    auto* items = app.add_subcommand("items", "The emotion item bank");
    items->require_subcommand(1);
    auto* lint = items->add_subcommand("lint", "Validate item files and summarise the bank");
    auto dir = std::make_shared<std::string>("content/items");
    lint->add_option("dir", *dir, "item bank directory")->capture_default_str();
    lint->callback([=] {
      auto bank = ItemBank::LoadDirectory(*dir);
      if (!bank.ok()) std::exit(Fail(bank.error()));
      int per_modality[practice::kModalities] = {0, 0, 0};
      for (const auto& item : bank->items()) ++per_modality[static_cast<int>(item.modality)];
      std::cout << "items=" << bank->items().size() << "\n";
      for (int m = 0; m < practice::kModalities; ++m) {
        std::cout << practice::ModalityName(static_cast<practice::Modality>(m)) << "="
                  << per_modality[m] << "\n";
      }
    });
  }
  {
    auto* calibrate = app.get_subcommand("items")->add_subcommand(
        "calibrate", "Refit the item parameters from the organisation's assessment answers (MML)");
    struct CalibrateFlags {
      CommonFlags common;
      std::string org;
    };
    auto flags = std::make_shared<CalibrateFlags>();
    flags->common.Add(calibrate);
    calibrate->add_option("--org", flags->org, "organisation slug")->required();
    calibrate->callback([=] {
      auto config = flags->common.Build();
      if (!config.ok()) std::exit(Fail(config.error()));
      auto app = AttuneApp::Create(*config);
      if (!app.ok()) std::exit(Fail(app.error()));
      auto admin = CliAdmin(**app, flags->org);
      if (!admin.ok()) std::exit(Fail(admin.error()));
      auto refitted = (*app)->assessments().Calibrate(*admin);
      if (!refitted.ok()) std::exit(Fail(refitted.error()));
      std::cout << "items_refitted=" << *refitted << "\n";
    });
  }
  auto* bench = app.add_subcommand("bench", "Benchmarks that print name=value figures");
  bench->require_subcommand(1);
  auto* cat = bench->add_subcommand(
      "cat",
      "Simulate adaptive tests over the item bank (items to SE 0.30, RMSE, coverage, "
      "exposure, the fixed form of equal reliability, recalibration, selection time)");
  struct CatFlags {
    int learners = 10000;
    std::string dir = "content/items";
    uint64_t seed = 1;
    irt::CatPolicy policy = practice::AssessmentPolicy();
    bool no_balancing = false;
  };
  auto flags = std::make_shared<CatFlags>();
  cat->add_option("--learners", flags->learners, "simulated learners")->capture_default_str();
  cat->add_option("--items", flags->dir, "item bank directory")->capture_default_str();
  cat->add_option("--seed", flags->seed, "random seed")->capture_default_str();
  // What each constraint of the shipped policy costs in items (docs/benchmarks.md).
  cat->add_option("--randomesque", flags->policy.randomesque, "pick among the k best items")
      ->capture_default_str();
  cat->add_option("--max-exposure", flags->policy.max_exposure, "exposure cap per item")
      ->capture_default_str();
  cat->add_option("--emotion-discount", flags->policy.emotion_repeat_discount,
                  "information factor per earlier item on the same emotion")
      ->capture_default_str();
  cat->add_option("--target-se", flags->policy.target_se, "stop at this standard error")
      ->capture_default_str();
  cat->add_flag("--no-balancing", flags->no_balancing, "no modality shares");
  cat->callback([=] {
    auto bank = ItemBank::LoadDirectory(flags->dir);
    if (!bank.ok()) std::exit(Fail(bank.error()));
    if (flags->learners < 10) {
      std::exit(Fail(Error(ErrorCode::kInvalidArgument, "--learners must be at least 10")));
    }
    const std::vector<irt::BankItem> irt_bank = bank->ToIrtBank();
    irt::CatPolicy policy = flags->policy;
    if (flags->no_balancing) policy.modality_share.clear();
    const irt::SimulationOptions options{flags->learners, flags->seed};
    Print("bank_items", irt_bank.size());
    Print("learners", flags->learners);
    Print("target_se", policy.target_se);

    const auto start = std::chrono::steady_clock::now();
    const irt::TestOutcomeSummary adaptive =
        irt::SimulateAdaptive(irt_bank, irt_bank, policy, options);
    Print("mean_items", adaptive.mean_items);
    Print("p95_items", adaptive.p95_items);
    Print("reached_target", adaptive.reached_target);
    Print("rmse", adaptive.rmse);
    Print("bias", adaptive.bias);
    Print("mean_se", adaptive.mean_se);
    Print("coverage", adaptive.coverage);
    Print("reliability", adaptive.reliability);
    Print("max_exposure", adaptive.max_exposure);
    Print("simulation_s",
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());

    const int fixed_length = irt::FixedFormLengthFor(irt_bank, adaptive.reliability, options);
    if (fixed_length > 0) {
      const irt::TestOutcomeSummary fixed =
          irt::SimulateFixedForm(irt_bank, irt::BestFixedForm(irt_bank, fixed_length), options);
      Print("fixed_items", fixed_length);
      Print("fixed_rmse", fixed.rmse);
      Print("fixed_coverage", fixed.coverage);
      Print("fixed_reliability", fixed.reliability);
      Print("fixed_max_exposure", fixed.max_exposure);
      Print("item_reduction", 1 - adaptive.mean_items / fixed_length);
    } else {
      std::printf("fixed_items=none (the whole bank as a fixed form is less reliable)\n");
    }

    const irt::RecoverySummary recovery = irt::SimulateRecalibration(irt_bank, policy, options);
    Print("recal_items", recovery.items_estimated);
    Print("recal_b_corr", recovery.b_correlation);
    Print("recal_b_slope", recovery.b_slope);
    Print("recal_b_rmse", recovery.b_rmse);
    Print("recal_a_corr", recovery.a_correlation);
    Print("recal_cycles", recovery.cycles);

    // The nominal model of the options, on a synthetic truth (no real answers exist yet): does
    // recalibration recover which wrong options carry information, and what does scoring the
    // chosen option rather than right/wrong save once both are refitted from the same answers?
    const std::vector<irt::BankItem> nominal_truth =
        irt::WithSyntheticNominalTruth(irt_bank, bank->Choices(), flags->seed);
    std::vector<irt::BankItem> by_option, by_score;
    const irt::RecoverySummary nominal =
        irt::SimulateRecalibration(nominal_truth, policy, options, true, &by_option);
    irt::SimulateRecalibration(nominal_truth, policy, options, false, &by_score);
    Print("nominal_recal_items", nominal.nominal_items);
    Print("nominal_recal_slope_corr", nominal.slope_correlation);
    const irt::TestOutcomeSummary option_scored =
        irt::SimulateAdaptive(by_option, nominal_truth, policy, options);
    const irt::TestOutcomeSummary right_wrong =
        irt::SimulateAdaptive(by_score, nominal_truth, policy, options);
    for (const auto& [prefix, outcome] :
         {std::pair{"nominal", &option_scored}, std::pair{"right_wrong", &right_wrong}}) {
      Print((std::string(prefix) + "_mean_items").c_str(), outcome->mean_items);
      Print((std::string(prefix) + "_coverage").c_str(), outcome->coverage);
      Print((std::string(prefix) + "_rmse").c_str(), outcome->rmse);
    }

    const auto [mean_ms, p99_ms] = SelectionMillis(Enlarged(irt_bank, 1000), policy);
    Print("select_ms_1000", mean_ms);
    Print("select_p99_ms_1000", p99_ms);
  });
}

}  // namespace attune
