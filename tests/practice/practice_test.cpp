// Adaptive practice over real HTTP on both backends (issue 4, item 5): sessions of the planned
// length with feedback after every answer, FSRS review scheduling of items and emotions, items due
// for review served first, the practice profile, and bad input refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "services/practice/item_bank.h"
#include "support/test_env.h"

namespace attune::testing {
namespace {

using nlohmann::json;

// A clock the test moves forward, to make reviews come due.
class SteppingClock final : public Clock {
 public:
  int64_t NowMillis() const override { return now_.load(); }
  void Advance(int64_t ms) { now_ += ms; }

 private:
  std::atomic<int64_t> now_{1'790'000'000'000};
};

class PracticeApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<TestServer>(GetParam(), nullptr, &clock_);
    liam_ = server_->Login("liam@demo.attune.test");
    auto bank = practice::ItemBank::LoadDirectory(SourceDir() + "/content/items");
    ASSERT_TRUE(bank.ok()) << bank.error().message;
    bank_ = std::make_unique<practice::ItemBank>(std::move(bank.value()));
  }

  json Call(const std::string& method, const std::string& path, const json& body = nullptr,
            int expected = 200) {
    int status = 0;
    json out = server_->Json(liam_, method, path, body.is_null() ? "" : body.dump(), &status);
    EXPECT_EQ(status, expected) << method << " " << path << ": " << out.dump();
    return out;
  }

  const practice::Item& ItemOf(const json& served) {
    return bank_->items()[bank_->IndexOf(served["item_id"].get<std::string>())];
  }

  // Answers a whole session: right when `right(item)`; returns the items served, in order.
  std::vector<std::string> Practise(int items,
                                    const std::function<bool(const practice::Item&)>& right) {
    json s = Call("POST", "/api/v1/me/practice/sessions", {{"items", items}}, 201);
    std::vector<std::string> served;
    while (!s["item"].is_null()) {
      const practice::Item& item = ItemOf(s["item"]);
      served.push_back(item.id);
      std::string option = item.key;
      if (!right(item)) {
        for (const auto& o : item.options) {
          if (o.id != item.key) option = o.id;
        }
      }
      json out =
          Call("POST", "/api/v1/me/practice/sessions/" + s["id"].get<std::string>() + "/answers",
               {{"item_id", item.id}, {"option_id", option}});
      EXPECT_EQ(out["feedback"]["correct"], right(item));
      EXPECT_EQ(out["feedback"]["explanation"], item.explanation);
      EXPECT_GT(out["item_review_due"].get<int64_t>(), clock_.NowMillis());
      s = out["session"];
    }
    EXPECT_TRUE(s["ended"].get<bool>());
    EXPECT_EQ(s["answered"], items);
    return served;
  }

  SteppingClock clock_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<practice::ItemBank> bank_;
  Session liam_;
};

TEST_P(PracticeApi, ASessionServesThePlannedItemsWithFeedbackAndSchedulesReviews) {
  const auto served = Practise(6, [](const practice::Item& item) { return true; });
  EXPECT_EQ(std::set<std::string>(served.begin(), served.end()).size(), 6u) << "no repeats";
  // Nothing is due right after: correct answers come back days later.
  EXPECT_EQ(Call("GET", "/api/v1/me/practice/reviews")["due_count"], 0);
  clock_.Advance(40LL * 24 * 3600 * 1000);
  liam_ = server_->Login("liam@demo.attune.test");  // the session expired meanwhile
  const json reviews = Call("GET", "/api/v1/me/practice/reviews");
  EXPECT_GE(reviews["due_count"].get<int>(), 6) << "every item and emotion card is due in 40 days";
  for (const json& card : reviews["due"]) {
    EXPECT_GT(card["retrievability"].get<double>(), 0);
    EXPECT_LT(card["retrievability"].get<double>(), 1);
  }
}

TEST_P(PracticeApi, AnswersPastTheStreamsRetentionAreDeletedExceptAnAssessmentInProgress) {
  Practise(4, [](const practice::Item&) { return false; });
  json a = Call("POST", "/api/v1/me/assessments");
  const practice::Item& item = ItemOf(a["item"]);
  Call("POST", "/api/v1/me/assessments/" + a["id"].get<std::string>() + "/answers",
       {{"item_id", item.id}, {"option_id", item.key}});
  auto answered = [&] {
    size_t n = 0;
    (void)server_->app().store().Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto person, tx.people().FindByEmail("liam@demo.attune.test"));
      ASSIGN_OR_RETURN(auto rows, tx.practice().AnsweredBy(person->id, 1000));
      n = rows.size();
      return Ok();
    });
    return n;
  };
  ASSERT_EQ(answered(), 5u);
  // practice_responses keeps answers 730 days by default.
  clock_.Advance(729LL * 24 * 3600 * 1000);
  EXPECT_EQ(server_->app().retention().PurgeExpired()->count("practice_responses.answers"), 0u);
  clock_.Advance(2LL * 24 * 3600 * 1000);
  auto report = server_->app().retention().PurgeExpired();
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ((*report)["practice_responses.answers"], 4);
  EXPECT_EQ(answered(), 1u) << "the assessment in progress keeps its answers";
  liam_ = server_->Login("liam@demo.attune.test");
  EXPECT_EQ(Call("GET", "/api/v1/me/assessments/" + a["id"].get<std::string>())["status"],
            "active");
}

TEST_P(PracticeApi, ItemsAnsweredWrongComeBackFirstWhenDue) {
  const auto first = Practise(4, [](const practice::Item&) { return false; });
  // Again-rated cards are due within minutes (FSRS learning steps).
  clock_.Advance(15 * 60 * 1000);
  EXPECT_GE(Call("GET", "/api/v1/me/practice/reviews")["due_count"].get<int>(), 4);
  const auto second = Practise(4, [](const practice::Item&) { return true; });
  EXPECT_EQ(std::set<std::string>(second.begin(), second.end()),
            std::set<std::string>(first.begin(), first.end()));
}

TEST_P(PracticeApi, BadInputIsRefusedAndChangesNothing) {
  Call("PUT", "/api/v1/me/practice/profile", {{"role", "astronaut"}, {"seniority", "ic"}}, 400);
  Call("PUT", "/api/v1/me/practice/profile", {{"role", "sales"}}, 400);
  EXPECT_EQ(Call("GET", "/api/v1/me/practice/profile")["role"], "any");
  // How the role steers the choice is tested with a seeded random in practice_selector_test.
  Call("PUT", "/api/v1/me/practice/profile", {{"role", "sales"}, {"seniority", "ic"}});
  EXPECT_EQ(Call("GET", "/api/v1/me/practice/profile"),
            json({{"role", "sales"}, {"seniority", "ic"}}));
  Call("POST", "/api/v1/me/practice/sessions", {{"items", 0}}, 400);
  Call("POST", "/api/v1/me/practice/sessions", {{"items", 31}}, 400);
  Call("POST", "/api/v1/me/practice/sessions", {{"items", "ten"}}, 400);
  json s = Call("POST", "/api/v1/me/practice/sessions", {{"items", 1}}, 201);
  const std::string answers =
      "/api/v1/me/practice/sessions/" + s["id"].get<std::string>() + "/answers";
  const practice::Item& item = ItemOf(s["item"]);
  Call("POST", answers, {{"item_id", item.id}, {"option_id", "nope"}}, 400);
  Call("POST", answers,
       {{"item_id", item.id == "man-01" ? "man-02" : "man-01"}, {"option_id", "a"}}, 409);
  EXPECT_EQ(Call("GET", "/api/v1/me/practice/sessions/" + s["id"].get<std::string>())["answered"],
            0);
  Call("POST", answers, {{"item_id", item.id}, {"option_id", item.key}});
  // The one-item session has ended: more answers are refused.
  Call("POST", answers, {{"item_id", item.id}, {"option_id", item.key}}, 409);
  Session maya = server_->Login("maya@demo.attune.test");
  int status = 0;
  server_->Json(maya, "GET", "/api/v1/me/practice/sessions/" + s["id"].get<std::string>(), "",
                &status);
  EXPECT_EQ(status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, PracticeApi, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace attune::testing
