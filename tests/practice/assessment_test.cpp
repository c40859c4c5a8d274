// The adaptive ERPS assessment over real HTTP on both backends (issue 4): a learner takes it end to
// end, gets ERPS per branch with 90% intervals and a development map; bad answers are refused with
// a clear error and change nothing; every answer is recorded in the LRS.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "engines/irt/item_response_model.h"
#include "engines/irt/mml_calibration.h"
#include "services/practice/item_bank.h"
#include "support/test_env.h"

namespace attune::testing {
namespace {

using nlohmann::json;

class AssessmentApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<TestServer>(GetParam());
    liam_ = server_->Login("liam@demo.attune.test");
    auto bank = practice::ItemBank::LoadDirectory(SourceDir() + "/content/items");
    ASSERT_TRUE(bank.ok()) << bank.error().message;
    bank_ = std::make_unique<practice::ItemBank>(std::move(bank.value()));
  }

  json Call(const Session& s, const std::string& method, const std::string& path,
            const json& body = nullptr, int expected = 200) {
    int status = 0;
    json out = server_->Json(s, method, path, body.is_null() ? "" : body.dump(), &status);
    EXPECT_EQ(status, expected) << method << " " << path << ": " << out.dump();
    return out;
  }

  const practice::Item& ItemOf(const json& served) {
    const int index = bank_->IndexOf(served["item_id"].get<std::string>());
    EXPECT_GE(index, 0);
    return bank_->items()[index];
  }

  int64_t StatementCount() {
    int64_t n = 0;
    std::string org;
    (void)server_->app().store().Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto person, tx.people().FindByEmail("liam@demo.attune.test"));
      ASSIGN_OR_RETURN(n, tx.statements().Count(person->org_id));
      return Ok();
    });
    return n;
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<practice::ItemBank> bank_;
  Session liam_;
};

TEST_P(AssessmentApi, ALearnerTakesItEndToEndAndGetsErpsPerBranchWithIntervals) {
  const int64_t statements_before = StatementCount();
  json a = Call(liam_, "POST", "/api/v1/me/assessments");
  ASSERT_EQ(a["status"], "active");
  const std::string id = a["id"];
  EXPECT_FALSE(a["item"].contains("key")) << "the key is never sent before the answer";
  int answered = 0;
  while (!a["item"].is_null()) {
    const practice::Item& item = ItemOf(a["item"]);
    // Right on the easy half, wrong on the hard half: a learner somewhere in the middle.
    const bool right = item.irt.b < 0.3;
    std::string option = item.key;
    if (!right) {
      for (const auto& o : item.options) {
        if (o.id != item.key) option = o.id;
      }
    }
    json out = Call(liam_, "POST", "/api/v1/me/assessments/" + id + "/answers",
                    {{"item_id", item.id}, {"option_id", option}});
    EXPECT_EQ(out["feedback"]["correct"], right);
    EXPECT_EQ(out["feedback"]["key"], item.key);
    EXPECT_EQ(out["feedback"]["explanation"], item.explanation);
    a = out["assessment"];
    ++answered;
    ASSERT_LE(answered, 40) << "the test stops at 40 items at the latest";
  }
  EXPECT_EQ(a["status"], "completed");
  EXPECT_GE(answered, 8);
  EXPECT_EQ(a["items_answered"], answered);
  ASSERT_EQ(a["results"].size(), 4u) << a.dump();
  const json overall = a["results"][0];
  EXPECT_EQ(overall["branch"], "overall");
  EXPECT_TRUE(overall["se"].get<double>() <= 0.30 || answered == 40);
  EXPECT_GT(overall["erps"].get<double>(), 300);
  EXPECT_LT(overall["erps"].get<double>(), 700);
  for (const json& b : a["results"]) {
    EXPECT_LT(b["erps_low"].get<double>(), b["erps"].get<double>()) << b;
    EXPECT_GT(b["erps_high"].get<double>(), b["erps"].get<double>()) << b;
    // A branch is measured by fewer items than the whole test, so its interval is wider.
    EXPECT_GE(b["se"].get<double>(), overall["se"].get<double>()) << b;
  }
  // One "answered" statement per answer and one "completed", in the LRS.
  EXPECT_EQ(StatementCount() - statements_before, answered + 1);

  json report = Call(liam_, "GET", "/api/v1/me/erps");
  EXPECT_EQ(report["latest"], a["results"]);
  ASSERT_EQ(report["history"].size(), 1u);
  EXPECT_EQ(report["history"][0]["assessment_id"], id);
  const json map = report["development_map"];
  EXPECT_EQ(map["labels"].size(), 14u);
  EXPECT_EQ(map["confusion_matrix"].size(), 14u);
  EXPECT_EQ(map["practice_plan"].size(), 3u);
  EXPECT_GT(map["answers"].get<int>(), 0);
}

TEST_P(AssessmentApi, StartingAgainResumesTheAssessmentInProgress) {
  json first = Call(liam_, "POST", "/api/v1/me/assessments");
  json again = Call(liam_, "POST", "/api/v1/me/assessments");
  EXPECT_EQ(again["id"], first["id"]);
  EXPECT_EQ(again["item"], first["item"]) << "the pending item stays the same";
  json next =
      Call(liam_, "POST", "/api/v1/me/assessments/" + first["id"].get<std::string>() + "/next");
  EXPECT_EQ(next["item"], first["item"]) << "next does not skip an unanswered item";
}

TEST_P(AssessmentApi, ConcurrentStartsAllResumeOneAssessment) {
  std::vector<std::string> ids(6);
  std::vector<int> statuses(6);
  std::vector<std::thread> threads;
  for (size_t k = 0; k < ids.size(); ++k) {
    threads.emplace_back([&, k] {
      json a = server_->Json(liam_, "POST", "/api/v1/me/assessments", "", &statuses[k]);
      ids[k] = a.value("id", std::string());
    });
  }
  for (auto& t : threads) t.join();
  for (size_t k = 0; k < ids.size(); ++k) {
    EXPECT_EQ(statuses[k], 200);
    EXPECT_EQ(ids[k], ids[0]) << "two tabs starting at once get the same assessment";
  }
}

TEST_P(AssessmentApi, BadAnswersAreRefusedWithAClearErrorAndChangeNothing) {
  json a = Call(liam_, "POST", "/api/v1/me/assessments");
  const std::string id = a["id"];
  const std::string answers = "/api/v1/me/assessments/" + id + "/answers";
  const practice::Item& item = ItemOf(a["item"]);
  std::string not_served = "rec-joy-01";
  if (not_served == item.id) not_served = "rec-joy-02";

  json e = Call(liam_, "POST", answers, {{"item_id", not_served}, {"option_id", "joy"}}, 409);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("was not served"), std::string::npos);
  e = Call(liam_, "POST", answers, {{"item_id", item.id}, {"option_id", "no-such-option"}}, 400);
  EXPECT_EQ(e["error"]["field"], "option_id");
  e = Call(liam_, "POST", answers, {{"item_id", item.id}}, 400);
  EXPECT_EQ(e["error"]["field"], "option_id");
  e = Call(liam_, "POST", answers,
           {{"item_id", item.id}, {"option_id", item.key}, {"confidence", 3}}, 400);
  int status = 0;
  server_->Json(liam_, "POST", answers, "{\"item_id\":", &status);
  EXPECT_EQ(status, 400);
  // Someone else's assessment does not exist for this learner.
  Session maya = server_->Login("maya@demo.attune.test");
  Call(maya, "POST", answers, {{"item_id", item.id}, {"option_id", item.key}}, 404);
  Call(maya, "GET", "/api/v1/me/assessments/" + id, nullptr, 404);
  // Nothing changed: same pending item, nothing answered.
  json now = Call(liam_, "GET", "/api/v1/me/assessments/" + id);
  EXPECT_EQ(now["items_answered"], 0);
  EXPECT_EQ(now["item"], a["item"]);

  // A double submission: the first counts, the second is refused.
  Call(liam_, "POST", answers, {{"item_id", item.id}, {"option_id", item.key}});
  e = Call(liam_, "POST", answers, {{"item_id", item.id}, {"option_id", item.options[0].id}}, 409);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("already been answered"),
            std::string::npos);
  EXPECT_EQ(Call(liam_, "GET", "/api/v1/me/assessments/" + id)["items_answered"], 1);
}

TEST_P(AssessmentApi, AnswersAfterTheEndAreRefused) {
  json a = Call(liam_, "POST", "/api/v1/me/assessments");
  const std::string id = a["id"];
  json last_item;
  while (!a["item"].is_null()) {
    last_item = a["item"];
    const practice::Item& item = ItemOf(a["item"]);
    a = Call(liam_, "POST", "/api/v1/me/assessments/" + id + "/answers",
             {{"item_id", item.id}, {"option_id", item.key}})["assessment"];
  }
  ASSERT_EQ(a["status"], "completed");
  const json before = Call(liam_, "GET", "/api/v1/me/assessments/" + id);
  json e = Call(liam_, "POST", "/api/v1/me/assessments/" + id + "/answers",
                {{"item_id", last_item["item_id"]}, {"option_id", "a"}}, 409);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("ended"), std::string::npos);
  Call(liam_, "POST", "/api/v1/me/assessments/" + id + "/next", nullptr, 409);
  EXPECT_EQ(Call(liam_, "GET", "/api/v1/me/assessments/" + id), before);
  // All correct: a high score, and a new assessment can start.
  EXPECT_GT(before["results"][0]["erps"].get<double>(), 600);
  EXPECT_NE(Call(liam_, "POST", "/api/v1/me/assessments")["id"], id);
}

TEST_P(AssessmentApi, TheDevelopmentMapShowsWhichEmotionTheLearnerPicksInstead) {
  json a = Call(liam_, "POST", "/api/v1/me/assessments");
  const std::string id = a["id"];
  // The learner confuses the first recognition item's emotion with one of its distractors,
  // whenever that distractor is offered, and answers everything else right. (Which items are
  // served is random, so the emotions are taken from what is served.)
  std::string target, chosen;
  while (!a["item"].is_null()) {
    const practice::Item& item = ItemOf(a["item"]);
    std::string option = item.key;
    if (item.modality == practice::Modality::kRecognition) {
      for (const auto& o : item.options) {
        if (target.empty() && !o.emotion.empty() && o.emotion != item.KeyEmotion()) {
          target = std::string(item.KeyEmotion());
          chosen = o.emotion;
        }
        if (item.KeyEmotion() == target && o.emotion == chosen) option = o.id;
      }
    }
    a = Call(liam_, "POST", "/api/v1/me/assessments/" + id + "/answers",
             {{"item_id", item.id}, {"option_id", option}})["assessment"];
  }
  ASSERT_FALSE(target.empty()) << "every assessment serves recognition items";
  const json map = Call(liam_, "GET", "/api/v1/me/erps")["development_map"];
  json row;
  for (const json& e : map["emotions"]) {
    if (e["emotion"] == target) row = e;
  }
  ASSERT_FALSE(row.is_null()) << target;
  EXPECT_GE(row["shown"].get<int>(), 1);
  EXPECT_LT(row["hits"].get<int>(), row["shown"].get<int>());
  EXPECT_EQ(map["top_confusions"][0]["target"], target);
  EXPECT_EQ(map["top_confusions"][0]["chosen"], chosen);
  EXPECT_EQ(map["top_confusions"].size(), 1u) << "every other answer was right";
  EXPECT_EQ(map["practice_plan"].size(), 3u);  // which three: development_map_test
}

TEST_P(AssessmentApi, TheSubjectExportHoldsTheLearnersAssessmentsAndAnswersOnly) {
  json a = Call(liam_, "POST", "/api/v1/me/assessments");
  int answered = 0;
  while (!a["item"].is_null()) {
    const practice::Item& item = ItemOf(a["item"]);
    a = Call(liam_, "POST", "/api/v1/me/assessments/" + a["id"].get<std::string>() + "/answers",
             {{"item_id", item.id}, {"option_id", item.key}})["assessment"];
    ++answered;
  }
  const json mine = Call(liam_, "GET", "/api/v1/me/export")["practice"];
  ASSERT_EQ(mine["assessments"].size(), 1u);
  EXPECT_EQ(mine["assessments"][0]["id"], a["id"]);
  EXPECT_EQ(mine["answers"].size(), static_cast<size_t>(answered));
  EXPECT_EQ(mine["answers"][0]["correct"], true);
  Session maya = server_->Login("maya@demo.attune.test");
  const json theirs = Call(maya, "GET", "/api/v1/me/export")["practice"];
  EXPECT_TRUE(theirs["assessments"].empty());
  EXPECT_TRUE(theirs["answers"].empty());
}

TEST_P(AssessmentApi, ASecondAssessmentUsesItemsTheLearnerHasNotSeen) {
  std::set<std::string> first;
  for (int round = 0; round < 2; ++round) {
    json a = Call(liam_, "POST", "/api/v1/me/assessments");
    while (!a["item"].is_null()) {
      const practice::Item& item = ItemOf(a["item"]);
      if (round == 0) {
        first.insert(item.id);
      } else {
        EXPECT_FALSE(first.count(item.id)) << item.id << " was answered, with its key, before";
      }
      a = Call(liam_, "POST", "/api/v1/me/assessments/" + a["id"].get<std::string>() + "/answers",
               {{"item_id", item.id}, {"option_id", item.key}})["assessment"];
    }
  }
}

TEST_P(AssessmentApi, AnswersAreProcessedOnlyAsTheDataStreamAllows) {
  // An admin moves the practice stream to consent: without it, nothing starts; with it, it does.
  Session admin = server_->Login("admin@demo.attune.test");
  Call(admin, "PUT", "/api/v1/governance/streams/practice_responses",
       {{"name", "Practice and assessment answers"},
        {"purpose", "Measure and develop the learner's own skill"},
        {"legal_basis", "consent"},
        {"retention_days", 730}});
  json e = Call(liam_, "POST", "/api/v1/me/assessments", nullptr, 422);
  EXPECT_EQ(e["error"]["code"], "failed_precondition");
  Call(liam_, "PUT", "/api/v1/me/consents/practice_responses", {{"state", "granted"}});
  EXPECT_EQ(Call(liam_, "POST", "/api/v1/me/assessments")["status"], "active");
}

TEST_P(AssessmentApi, AdminsRefitTheBankFromAnswers) {
  Session admin = server_->Login("admin@demo.attune.test");
  // One learner's answers are far too few to refit any item (50 answers per item are needed).
  json a = Call(liam_, "POST", "/api/v1/me/assessments");
  const practice::Item& item = ItemOf(a["item"]);
  Call(liam_, "POST", "/api/v1/me/assessments/" + a["id"].get<std::string>() + "/answers",
       {{"item_id", item.id}, {"option_id", item.key}});
  EXPECT_EQ(Call(admin, "POST", "/api/v1/items/calibrate")["items_refitted"], 0);
  Call(liam_, "POST", "/api/v1/items/calibrate", nullptr, 403);
}

TEST_P(AssessmentApi, CalibrationModelsTheOptionsWhereWrongChoicesCarryInformation) {
  // 1,000 learners answered the same six recognition items. On the first, stronger learners who
  // miss pick the near miss and weaker ones the far miss; on the others every wrong option is
  // equally likely whatever the ability.
  std::vector<const practice::Item*> items;
  for (const practice::Item& item : bank_->items()) {
    if (item.modality == practice::Modality::kRecognition && items.size() < 6) {
      items.push_back(&item);
    }
  }
  ASSERT_EQ(items.size(), 6u);
  const practice::Item& studied = *items[0];
  const int key = studied.OptionIndex(studied.key);
  const int near_miss = (key + 1) % studied.options.size();
  const int far_miss = (key + 2) % studied.options.size();
  std::mt19937_64 engine(5);
  std::normal_distribution<double> normal(0, 1);
  std::uniform_real_distribution<double> uniform(0, 1);
  ASSERT_TRUE(server_->app()
                  .store()
                  .Write([&](StoreTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto org, tx.organisations().FindBySlug("demo"));
                    for (int learner = 0; learner < 1000; ++learner) {
                      Person p;
                      p.id = "calibration-" + std::to_string(learner);
                      p.org_id = org->id;
                      p.employee_id = "CAL" + std::to_string(learner);
                      p.name = "Learner " + std::to_string(learner);
                      p.email = p.id + "@demo.attune.test";
                      p.locale = "en";
                      p.roles = {"learner"};
                      RETURN_IF_ERROR(tx.people().Insert(p));
                      const double theta = normal(engine);
                      for (size_t i = 0; i < items.size(); ++i) {
                        const practice::Item& item = *items[i];
                        const int m = static_cast<int>(item.options.size());
                        const int k = item.OptionIndex(item.key);
                        irt::NominalParameters truth = irt::EmbedTwoPl(1.6, 0.2 * i - 0.5, m, k);
                        if (i == 0) {
                          truth.slopes[near_miss] = 1.2;
                          truth.slopes[far_miss] = -0.8;
                        }
                        const int chosen = irt::SampleOption(truth, theta, uniform(engine));
                        ItemResponseRecord r;
                        r.id = p.id + "-" + std::to_string(i);
                        r.org_id = org->id;
                        r.person_id = p.id;
                        r.activity_kind = "assessment";
                        r.activity_id = "calibration-assessment-" + std::to_string(learner);
                        r.position = static_cast<int64_t>(i) + 1;
                        r.item_id = item.id;
                        r.item_version = item.version;
                        r.served_at = r.answered_at.emplace(1000);
                        r.option_id = item.options[chosen].id;
                        r.correct = chosen == k;
                        r.key_emotion = std::string(item.KeyEmotion());
                        RETURN_IF_ERROR(tx.practice().InsertResponse(r));
                        ASSIGN_OR_RETURN(bool recorded, tx.practice().RecordAnswer(r));
                        if (!recorded) return Error(ErrorCode::kInternal, "answer not recorded");
                      }
                    }
                    return Ok();
                  })
                  .ok());
  Session admin = server_->Login("admin@demo.attune.test");
  EXPECT_EQ(Call(admin, "GET", "/api/v1/items/calibration")["calibrated"], 0);
  const json refit = Call(admin, "POST", "/api/v1/items/calibrate");
  EXPECT_EQ(refit["items_refitted"], 6);
  EXPECT_EQ(refit["calibrated"], 6);
  EXPECT_EQ(refit["with_option_model"], 6);
  EXPECT_EQ(refit["items"], static_cast<int>(bank_->items().size()));
  const json status = Call(admin, "GET", "/api/v1/items/calibration");
  EXPECT_EQ(status["calibrated"], 6);
  EXPECT_TRUE(status["last_calibrated_at"].is_number());
  EXPECT_EQ(status["min_answers"], irt::CalibrationOptions{}.min_responses);
  std::map<std::string, ItemCalibrationRecord> fitted;
  ASSERT_TRUE(server_->app()
                  .store()
                  .Read([&](StoreTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto org, tx.organisations().FindBySlug("demo"));
                    ASSIGN_OR_RETURN(auto rows, tx.practice().Calibrations(org->id));
                    for (auto& row : rows) fitted[row.item_id] = row;
                    return Ok();
                  })
                  .ok());
  ASSERT_EQ(fitted.size(), 6u);
  const ItemCalibrationRecord& got = fitted.at(studied.id);
  ASSERT_EQ(got.option_slopes.size(), studied.options.size());
  ASSERT_EQ(got.option_intercepts.size(), studied.options.size());
  EXPECT_GT(got.option_slopes[near_miss] - got.option_slopes[far_miss], 1.0)
      << "the near miss is picked by stronger learners than the far miss";
  for (size_t i = 1; i < items.size(); ++i) {
    const ItemCalibrationRecord& flat = fitted.at(items[i]->id);
    ASSERT_EQ(flat.option_slopes.size(), items[i]->options.size());
    const int k = items[i]->OptionIndex(items[i]->key);
    const auto [lo, hi] = std::minmax_element(flat.option_slopes.begin(), flat.option_slopes.end());
    EXPECT_GT(flat.option_slopes[k], *hi - 1e-9) << "the key stays the steepest option";
    double spread = 0;
    for (int o = 0; o < static_cast<int>(flat.option_slopes.size()); ++o) {
      if (o == k) continue;
      for (int o2 = 0; o2 < static_cast<int>(flat.option_slopes.size()); ++o2) {
        if (o2 != k) spread = std::max(spread, flat.option_slopes[o] - flat.option_slopes[o2]);
      }
    }
    EXPECT_LT(spread, 0.6) << items[i]->id << ": wrong options that say nothing stay alike";
    (void)lo;
  }
}

TEST_P(AssessmentApi, AnItemRevisedAfterItWasShownIsSkippedNotScored) {
  const std::string items = MakeTempDir() + "/items";
  std::filesystem::copy(SourceDir() + "/content/items", items,
                        std::filesystem::copy_options::recursive);
  server_.reset();
  server_ = std::make_unique<TestServer>(GetParam(), [&](Config& c) { c.item_bank = items; });
  liam_ = server_->Login("liam@demo.attune.test");
  json a = Call(liam_, "POST", "/api/v1/me/assessments");
  const std::string id = a["id"];
  const practice::Item& shown = ItemOf(a["item"]);

  // The author publishes a new version of the item while it is on the learner's screen; the
  // server restarts on the new bank.
  int revised = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(items)) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream in(entry.path());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    const std::string from =
        "- id: " + shown.id + "\n    version: " + std::to_string(shown.version) + "\n";
    const size_t at = text.find(from);
    if (at == std::string::npos) continue;
    text.replace(
        at, from.size(),
        "- id: " + shown.id + "\n    version: " + std::to_string(shown.version + 1) + "\n");
    std::ofstream(entry.path()) << text;
    ++revised;
  }
  ASSERT_EQ(revised, 1);
  auto restarted = AttuneApp::Create(server_->app().config(), PasswordCost::kMinimum);
  ASSERT_TRUE(restarted.ok()) << restarted.error().message;
  const Principal liam = PrincipalOf(server_->app(), liam_.person_id);
  auto& assessments = (*restarted)->assessments();
  auto answered = assessments.Answer(liam, id, shown.id, shown.key);
  ASSERT_FALSE(answered.ok());
  EXPECT_EQ(answered.error().code, ErrorCode::kConflict);
  EXPECT_EQ(answered.error().field, "item_id");
  auto next = assessments.Next(liam, id);
  ASSERT_TRUE(next.ok()) << next.error().message;
  ASSERT_TRUE(next->current.has_value());
  EXPECT_NE(next->current->item->id, shown.id) << "the revised item is skipped";
  EXPECT_EQ(next->record.items, 0) << "nothing was scored";
  auto scored = assessments.Answer(liam, id, next->current->item->id, next->current->item->key);
  ASSERT_TRUE(scored.ok()) << scored.error().message;
  EXPECT_TRUE(scored->feedback.correct);
}

INSTANTIATE_TEST_SUITE_P(Backends, AssessmentApi, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace attune::testing
