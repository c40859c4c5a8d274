#include "services/xapi/canonical_format.h"

#include <gtest/gtest.h>

namespace attune::xapi {
namespace {

using nlohmann::json;

json Statement() {
  return R"({
    "actor": {"name": "Ana", "mbox": "mailto:ana@example.com"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed",
             "display": {"en-US": "completed", "fr-FR": "a terminé", "de": "abgeschlossen"}},
    "object": {"id": "http://example.com/a", "definition": {
      "name": {"en-GB": "Course", "fr": "Cours"},
      "description": {"en-GB": "A course", "fr": "Un cours"},
      "interactionType": "choice",
      "choices": [{"id": "a", "description": {"en-US": "Yes", "fr": "Oui"}}],
      "extensions": {"http://example.com/ext": {"name": {"en": "x", "fr": "y"}}}}},
    "context": {"contextActivities": {"parent": [{"id": "http://example.com/p",
      "definition": {"name": {"en": "Parent", "fr": "Parent FR"}}}]}}
  })"_json;
}

TEST(XapiCanonicalFormat, KeepsFirstAcceptedLanguageInEveryMap) {
  json out = CanonicalFormat(Statement(), {"fr", "en"});
  EXPECT_EQ(out["verb"]["display"], json({{"fr-FR", "a terminé"}}));
  EXPECT_EQ(out["object"]["definition"]["name"], json({{"fr", "Cours"}}));
  EXPECT_EQ(out["object"]["definition"]["description"], json({{"fr", "Un cours"}}));
  EXPECT_EQ(out["object"]["definition"]["choices"][0]["description"], json({{"fr", "Oui"}}));
  EXPECT_EQ(out["context"]["contextActivities"]["parent"][0]["definition"]["name"],
            json({{"fr", "Parent FR"}}));
  EXPECT_EQ(out["actor"]["name"], "Ana");  // an Agent's name is not a language map
}

TEST(XapiCanonicalFormat, NeverTouchesExtensions) {
  json out = CanonicalFormat(Statement(), {"fr"});
  EXPECT_EQ(out["object"]["definition"]["extensions"],
            Statement()["object"]["definition"]["extensions"]);
}

TEST(XapiCanonicalFormat, FallsBackToFirstKeyWhenNothingMatches) {
  json out = CanonicalFormat(Statement(), {"ja"});
  EXPECT_EQ(out["verb"]["display"], json({{"de", "abgeschlossen"}}));
  EXPECT_EQ(CanonicalFormat(Statement(), {})["object"]["definition"]["name"],
            json({{"en-GB", "Course"}}));
}

TEST(XapiCanonicalFormat, LookupTruncatesThenExtendsTheRange) {
  json map = {{"en", "a"}, {"en-GB", "b"}, {"fr-CA", "c"}};
  EXPECT_EQ(PickLanguage(map, {"en-US"}), "en");     // truncation
  EXPECT_EQ(PickLanguage(map, {"EN-gb"}), "en-GB");  // exact, case-insensitive
  EXPECT_EQ(PickLanguage(map, {"fr"}), "fr-CA");     // extension of the range
  EXPECT_EQ(PickLanguage(map, {"de", "fr-CA"}), "fr-CA");
  EXPECT_EQ(PickLanguage(map, {"*"}), "en");
  EXPECT_EQ(PickLanguage(json::object(), {"en"}), "");
}

}  // namespace
}  // namespace attune::xapi
