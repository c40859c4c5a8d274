#include "services/practice/item_bank.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>

#include "services/practice/emotion_vocabulary.h"

namespace attune::practice {
namespace {

std::string SourceDir() {
  const char* dir = std::getenv("ATTUNE_SOURCE_DIR");
  return dir ? dir : ATTUNE_SOURCE_DIR_DEFAULT;
}

constexpr const char* kValid = R"(items:
  - id: rec-test-01
    version: 2
    modality: recognition
    setting: chat_message
    roles: [engineering]
    seniority: [ic, lead]
    targets: [frustration]
    stem: |
      Third time this week the deploy died halfway. Rerunning it, AGAIN.
    question: What is the writer most likely feeling?
    options: [frustration, disappointment, anger, anxiety, confusion, sadness]
    key: frustration
    explanation: Repeated blocker, capitals, a demand for action.
    irt: {a: 1.4, b: -0.3}
  - id: man-test-01
    version: 1
    modality: management
    setting: situation
    roles: [any]
    seniority: [any]
    targets: [anxiety]
    stem: A report is anxious about a launch.
    question: What do you say?
    options:
      - {id: a, text: "Name it and ask", feedback: "Acknowledges the feeling first."}
      - {id: b, text: "It'll be fine", feedback: "Dismisses the worry."}
      - {id: c, text: "Work harder", feedback: "Blames."}
      - {id: d, text: "Say nothing", feedback: "Avoids."}
    key: a
    explanation: Acknowledge, then explore.
    irt: {a: 1.1, b: 0.5}
)";

// The valid file with one line replaced.
std::string With(const std::string& from, const std::string& to) {
  std::string text = kValid;
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ItemBank, ParsesEveryFieldOfAValidFile) {
  auto items = ItemBank::ParseFile(kValid, "test.yaml");
  ASSERT_TRUE(items.ok()) << items.error().message;
  ASSERT_EQ(items->size(), 2u);
  const Item& rec = (*items)[0];
  EXPECT_EQ(rec.id, "rec-test-01");
  EXPECT_EQ(rec.version, 2);
  EXPECT_EQ(rec.modality, Modality::kRecognition);
  EXPECT_EQ(rec.options.size(), 6u);
  EXPECT_EQ(rec.options[1].emotion, "disappointment");
  EXPECT_EQ(rec.KeyEmotion(), "frustration");
  EXPECT_EQ(rec.stem, "Third time this week the deploy died halfway. Rerunning it, AGAIN.");
  EXPECT_DOUBLE_EQ(rec.irt.a, 1.4);
  EXPECT_DOUBLE_EQ(rec.irt.b, -0.3);
  EXPECT_EQ(rec.source, "test.yaml:2");
  EXPECT_TRUE(rec.IsFor("engineering", "lead"));
  EXPECT_FALSE(rec.IsFor("sales", "lead"));
  const Item& man = (*items)[1];
  EXPECT_EQ(man.options[1].feedback, "Dismisses the worry.");
  EXPECT_EQ(man.KeyEmotion(), "anxiety") << "a management key without an emotion uses the target";
  EXPECT_TRUE(man.IsFor("sales", "director"));
}

TEST(ItemBank, AnAnswerReachesTheModelsAsTheChosenOptionsPosition) {
  auto bank = ItemBank::FromItems(*ItemBank::ParseFile(kValid, "test.yaml"));
  ASSERT_TRUE(bank.ok()) << bank.error().message;
  const Item& rec = bank->items()[0];
  EXPECT_EQ(rec.ScoredAnswer(false, "anger", 2).option, 2);
  EXPECT_FALSE(rec.ScoredAnswer(false, "anger", 2).correct);
  EXPECT_EQ(rec.ScoredAnswer(true, "frustration", 2).option, 0);
  EXPECT_EQ(rec.ScoredAnswer(true, std::nullopt, 2).option, -1) << "no option: right/wrong only";
  EXPECT_EQ(rec.ScoredAnswer(false, "joy", 2).option, -1);
  EXPECT_EQ(rec.ScoredAnswer(false, "anger", 1).option, -1)
      << "an answer to version 1 is right or wrong only: its options may have been others";
  EXPECT_FALSE(rec.ScoredAnswer(false, "anger", 1).correct);
  const std::vector<irt::ItemChoices> choices = bank->Choices();
  ASSERT_EQ(choices.size(), 2u);
  EXPECT_EQ(choices[0].options, 6);
  EXPECT_EQ(choices[0].key, 0);
  EXPECT_EQ(choices[1].options, 4);
  EXPECT_EQ(choices[1].key, 0);
}

struct BadCase {
  std::string from, to, expected;
};

TEST(ItemBank, RefusesBadFilesNamingLineItemAndField) {
  const std::vector<BadCase> cases = {
      {"    key: frustration", "    key: joy",
       "test.yaml:13: item \"rec-test-01\": field \"key\" \"joy\" is not one of the options"},
      {"    irt: {a: 1.4, b: -0.3}", "    irt: {a: 1.4, b: 7}",
       "item \"rec-test-01\": field \"irt.b\" difficulty must be in [-4, 4]"},
      {"    irt: {a: 1.4, b: -0.3}", "    irt: {a: -1, b: 0}",
       "field \"irt.a\" discrimination must be in [0.3, 3]"},
      {"    irt: {a: 1.4, b: -0.3}", "    irt: {a: 1.4}", "field \"irt.b\" is missing"},
      {"    question: What is the writer most likely feeling?\n", "",
       "item \"rec-test-01\": field \"question\" is missing"},
      {"    targets: [frustration]", "    targets: [hangry]",
       "field \"targets\" \"hangry\" is not one of the 14 emotions"},
      {"    options: [frustration, disappointment, anger, anxiety, confusion, sadness]",
       "    options: [frustration, anger]", "a recognition item needs 6-8 options"},
      {"    setting: chat_message", "    setting: telegram",
       "field \"setting\" \"telegram\" is not allowed"},
      {"    version: 2", "    version: two", "field \"version\" must be an integer"},
      {"    version: 2", "    version: 2\n    difficulty: 3",
       "field \"difficulty\" is not a known field"},
      {"id: man-test-01", "id: rec-test-01", "has the same id as the item at test.yaml:2"},
      {"id: man-test-01", "id: Man_Test", "field \"id\" must be 1-64 lower-case"},
      {"      - {id: b, text: \"It'll be fine\", feedback: \"Dismisses the worry.\"}",
       "      - {id: b, text: \"It'll be fine\"}", "a management option must say why"},
      {"    stem: A report is anxious about a launch.", "    stem: [oops",
       "test.yaml:24: not valid YAML"},
  };
  for (const BadCase& c : cases) {
    auto items = ItemBank::ParseFile(With(c.from, c.to), "test.yaml");
    Result<ItemBank> bank = items.ok() ? ItemBank::FromItems(std::move(items.value()))
                                       : Result<ItemBank>(items.error());
    ASSERT_FALSE(bank.ok()) << c.to;
    EXPECT_EQ(bank.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(bank.error().message.find(c.expected), std::string::npos)
        << "got: " << bank.error().message << "\nexpected: " << c.expected;
  }
}

TEST(ItemBank, AMissingDirectoryIsNotFound) {
  auto bank = ItemBank::LoadDirectory("/nonexistent/items");
  ASSERT_FALSE(bank.ok());
  EXPECT_EQ(bank.error().code, ErrorCode::kNotFound);
}

// The shipped bank is what learners see: it must load and meet the coverage the product promises.
TEST(ShippedItemBank, LoadsWithAtLeast240ItemsCoveringEveryEmotionAndModality) {
  auto bank = ItemBank::LoadDirectory(SourceDir() + "/content/items");
  ASSERT_TRUE(bank.ok()) << bank.error().message;
  EXPECT_GE(bank->items().size(), 240u);
  std::map<Modality, int> per_modality;
  std::set<std::string> keyed_emotions;
  for (const Item& item : bank->items()) {
    ++per_modality[item.modality];
    keyed_emotions.insert(std::string(item.KeyEmotion()));
  }
  EXPECT_GE(per_modality[Modality::kRecognition], 100);
  EXPECT_GE(per_modality[Modality::kUnderstanding], 50);
  EXPECT_GE(per_modality[Modality::kManagement], 50);
  EXPECT_EQ(keyed_emotions.size(), kEmotions.size());
  const auto irt_bank = bank->ToIrtBank();
  ASSERT_EQ(irt_bank.size(), bank->items().size());
  EXPECT_EQ(irt_bank[0].modality, static_cast<int>(bank->items()[0].modality));
}

}  // namespace
}  // namespace attune::practice
