// Each test is named after the xAPI 1.0.3 (Data part) requirement it checks. Bad input must be
// refused with kInvalidArgument and the exact JSON pointer of the offending property.
#include "services/xapi/statement_validator.h"

#include <gtest/gtest.h>

namespace attune::xapi {
namespace {

using nlohmann::json;

constexpr const char* kOk = "<valid>";

json Minimal() {
  return R"({
    "actor": {"mbox": "mailto:learner@example.com", "name": "Learner"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
    "object": {"id": "http://example.com/activities/course-1", "objectType": "Activity"}
  })"_json;
}

// The JSON pointer of the error, or kOk when the statement is accepted.
std::string FieldOf(const json& stmt, ValidationOptions options = {}) {
  auto r = ValidateStatement(stmt, options);
  if (r.ok()) return kOk;
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(r.error().message.empty());
  return r.error().field;
}

// Minimal() with the value at `pointer` replaced by `value`.
json With(const std::string& pointer, json value, json base = Minimal()) {
  base[json::json_pointer(pointer)] = std::move(value);
  return base;
}

json Without(const std::string& pointer, json base = Minimal()) {
  json::json_pointer p(pointer);
  base[p.parent_pointer()].erase(p.back());
  return base;
}

const json kAgent2 = {{"mbox", "mailto:other@example.com"}};

// ---- Statement (Data 2.2, 2.4) ----

TEST(XapiStatementValidation, Statement_MinimalIsValid) { EXPECT_EQ(FieldOf(Minimal()), kOk); }

TEST(XapiStatementValidation, Statement_MustBeAnObject) {
  EXPECT_EQ(FieldOf(json::array()), "");
  EXPECT_EQ(FieldOf("statement"), "");
}

TEST(XapiStatementValidation, Statement_RejectsUnknownTopLevelProperty) {
  EXPECT_EQ(FieldOf(With("/verbs", "x")), "/verbs");
}

TEST(XapiStatementValidation, Statement_RequiresActorVerbObject) {
  EXPECT_EQ(FieldOf(Without("/actor")), "/actor");
  EXPECT_EQ(FieldOf(Without("/verb")), "/verb");
  EXPECT_EQ(FieldOf(Without("/object")), "/object");
}

TEST(XapiStatementValidation, Statement_RejectsNullValues) {
  EXPECT_EQ(FieldOf(With("/result", nullptr)), "/result");
  EXPECT_EQ(FieldOf(With("/actor/name", nullptr)), "/actor/name");
}

TEST(XapiStatementValidation, Id_MustBeUuid) {
  EXPECT_EQ(FieldOf(With("/id", "not-a-uuid")), "/id");
  EXPECT_EQ(FieldOf(With("/id", 12)), "/id");
  EXPECT_EQ(FieldOf(With("/id", "fd41c918b88b4b20a0a5a4c32391aaa0")), "/id");
}

TEST(XapiStatementValidation, Id_AcceptsAnyVariantAndCaseAndNormalisesToLowerCase) {
  auto r = ValidateStatement(With("/id", "FD41C918-B88B-4B20-A0A5-A4C32391AAA0"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->id, "fd41c918-b88b-4b20-a0a5-a4c32391aaa0");
  EXPECT_EQ(r->statement["id"], "fd41c918-b88b-4b20-a0a5-a4c32391aaa0");
  EXPECT_EQ(FieldOf(With("/id", "00000000-0000-0000-0000-000000000000")), kOk);
}

TEST(XapiStatementValidation, Depth_RejectsNestingDeeperThan32) {
  json deep = "leaf";
  for (int i = 0; i < 40; ++i) deep = json{{"k", deep}};
  json stmt = With("/result", {{"extensions", {{"http://example.com/deep", deep}}}});
  std::string field = FieldOf(stmt);
  EXPECT_EQ(field.rfind("/result/extensions/http:~1~1example.com~1deep/k", 0), 0u) << field;
  json shallow = "leaf";
  for (int i = 0; i < 20; ++i) shallow = json{{"k", shallow}};
  EXPECT_EQ(FieldOf(With("/result", {{"extensions", {{"http://example.com/d", shallow}}}})), kOk);
}

// ---- Actor: Agent (Data 2.4.2.1) ----

TEST(XapiStatementValidation, Actor_MustBeAnObject) {
  EXPECT_EQ(FieldOf(With("/actor", "mailto:a@example.com")), "/actor");
}

TEST(XapiStatementValidation, Actor_MustHaveExactlyOneIfi) {
  EXPECT_EQ(FieldOf(With("/actor", {{"name", "No Ifi"}})), "/actor");
  EXPECT_EQ(FieldOf(With("/actor/openid", "http://openid.example.com/learner")), "/actor");
}

TEST(XapiStatementValidation, Actor_AcceptsEachIfiKind) {
  EXPECT_EQ(FieldOf(With("/actor", {{"mbox_sha1sum", "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"}})),
            kOk);
  EXPECT_EQ(FieldOf(With("/actor", {{"openid", "http://openid.example.com/learner"}})), kOk);
  EXPECT_EQ(
      FieldOf(With("/actor",
                   {{"account", {{"homePage", "https://lms.example.com"}, {"name", "u-42"}}}})),
      kOk);
}

TEST(XapiStatementValidation, Actor_MboxMustBeMailtoIri) {
  EXPECT_EQ(FieldOf(With("/actor/mbox", "learner@example.com")), "/actor/mbox");
  EXPECT_EQ(FieldOf(With("/actor/mbox", "mailto:")), "/actor/mbox");
  EXPECT_EQ(FieldOf(With("/actor/mbox", 7)), "/actor/mbox");
}

TEST(XapiStatementValidation, Actor_MboxSha1sumMustBe40Hex) {
  json actor = {{"mbox_sha1sum", "ebd31e95054c018b10727ccffd2ef2ec3a016ee"}};
  EXPECT_EQ(FieldOf(With("/actor", actor)), "/actor/mbox_sha1sum");
}

TEST(XapiStatementValidation, Actor_OpenIdMustBeUri) {
  EXPECT_EQ(FieldOf(With("/actor", {{"openid", "openid.example.com"}})), "/actor/openid");
}

TEST(XapiStatementValidation, Account_RequiresHomePageIrlAndName) {
  auto account = [](json a) { return With("/actor", {{"account", a}}); };
  EXPECT_EQ(FieldOf(account({{"name", "u"}})), "/actor/account/homePage");
  EXPECT_EQ(FieldOf(account({{"homePage", "https://lms.example.com"}})), "/actor/account/name");
  EXPECT_EQ(FieldOf(account({{"homePage", "lms.example.com"}, {"name", "u"}})),
            "/actor/account/homePage");
  EXPECT_EQ(FieldOf(account({{"homePage", "https://lms.example.com"}, {"name", ""}})),
            "/actor/account/name");
  EXPECT_EQ(FieldOf(account({{"homePage", "https://x.example"}, {"name", "u"}, {"id", 1}})),
            "/actor/account/id");
}

TEST(XapiStatementValidation, Agent_RejectsUnknownProperty) {
  EXPECT_EQ(FieldOf(With("/actor/email", "a@example.com")), "/actor/email");
}

TEST(XapiStatementValidation, Agent_NameMustBeString) {
  EXPECT_EQ(FieldOf(With("/actor/name", json::array())), "/actor/name");
}

TEST(XapiStatementValidation, Actor_ObjectTypeMustBeAgentOrGroup) {
  EXPECT_EQ(FieldOf(With("/actor/objectType", "Person")), "/actor/objectType");
  EXPECT_EQ(FieldOf(With("/actor/objectType", "Agent")), kOk);
}

// ---- Actor: Group (Data 2.4.2.2) ----

TEST(XapiStatementValidation, Group_AnonymousNeedsMembers) {
  EXPECT_EQ(FieldOf(With("/actor", {{"objectType", "Group"}, {"name", "Team"}})), "/actor/member");
  EXPECT_EQ(FieldOf(With("/actor", {{"objectType", "Group"}, {"member", json::array()}})),
            "/actor/member");
  EXPECT_EQ(FieldOf(With("/actor", {{"objectType", "Group"}, {"member", {kAgent2}}})), kOk);
}

TEST(XapiStatementValidation, Group_IdentifiedMayOmitMembers) {
  json group = {{"objectType", "Group"},
                {"account", {{"homePage", "https://lms.example.com"}, {"name", "team-7"}}}};
  EXPECT_EQ(FieldOf(With("/actor", group)), kOk);
  group["member"] = {kAgent2};
  EXPECT_EQ(FieldOf(With("/actor", group)), kOk);
}

TEST(XapiStatementValidation, Group_MustNotHaveTwoIfis) {
  json group = {{"objectType", "Group"},
                {"mbox", "mailto:team@example.com"},
                {"openid", "http://openid.example.com/team"}};
  EXPECT_EQ(FieldOf(With("/actor", group)), "/actor");
}

TEST(XapiStatementValidation, Group_MembersMustBeAgents) {
  json inner = {{"objectType", "Group"}, {"member", {kAgent2}}};
  json group = {{"objectType", "Group"}, {"member", {kAgent2, inner}}};
  EXPECT_EQ(FieldOf(With("/actor", group)), "/actor/member/1/objectType");
  group = {{"objectType", "Group"}, {"member", {kAgent2, {{"name", "no ifi"}}}}};
  EXPECT_EQ(FieldOf(With("/actor", group)), "/actor/member/1");
  group = {{"objectType", "Group"}, {"member", kAgent2}};
  EXPECT_EQ(FieldOf(With("/actor", group)), "/actor/member");
}

// ---- Verb (Data 2.4.3) ----

TEST(XapiStatementValidation, Verb_IdMustBeIri) {
  EXPECT_EQ(FieldOf(With("/verb/id", "")), "/verb/id");
  EXPECT_EQ(FieldOf(With("/verb/id", "completed")), "/verb/id");
  EXPECT_EQ(FieldOf(Without("/verb/id")), "/verb/id");
}

TEST(XapiStatementValidation, Verb_DisplayMustBeLanguageMap) {
  EXPECT_EQ(FieldOf(With("/verb/display", "completed")), "/verb/display");
  EXPECT_EQ(FieldOf(With("/verb/display", {{"english", "completed"}})), "/verb/display/english");
  EXPECT_EQ(FieldOf(With("/verb/display", {{"en-US", 1}})), "/verb/display/en-US");
  EXPECT_EQ(FieldOf(With("/verb/display", {{"en-US", nullptr}})), "/verb/display/en-US");
  EXPECT_EQ(FieldOf(Without("/verb/display")), kOk);
}

TEST(XapiStatementValidation, Verb_RejectsUnknownProperty) {
  EXPECT_EQ(FieldOf(With("/verb/name", "x")), "/verb/name");
}

// ---- Object: Activity (Data 2.4.4.1) ----

TEST(XapiStatementValidation, Object_ObjectTypeDefaultsToActivity) {
  EXPECT_EQ(FieldOf(Without("/object/objectType")), kOk);
  EXPECT_EQ(FieldOf(With("/object/objectType", "Course")), "/object/objectType");
  EXPECT_EQ(FieldOf(With("/object/objectType", 3)), "/object/objectType");
}

TEST(XapiStatementValidation, Activity_IdRequiredIri) {
  EXPECT_EQ(FieldOf(Without("/object/id")), "/object/id");
  EXPECT_EQ(FieldOf(With("/object/id", "course-1")), "/object/id");
  EXPECT_EQ(FieldOf(With("/object/id", "")), "/object/id");
}

TEST(XapiStatementValidation, Activity_RejectsUnknownProperty) {
  EXPECT_EQ(FieldOf(With("/object/name", "x")), "/object/name");
  EXPECT_EQ(FieldOf(With("/object/definition/title", "x")), "/object/definition/title");
}

TEST(XapiStatementValidation, ActivityDefinition_NameAndDescriptionAreLanguageMaps) {
  EXPECT_EQ(FieldOf(With("/object/definition/name", "Course")), "/object/definition/name");
  EXPECT_EQ(FieldOf(With("/object/definition/description", {{"en-US", {{"x", 1}}}})),
            "/object/definition/description/en-US");
  EXPECT_EQ(FieldOf(With("/object/definition/name", {{"en_US", "Course"}})),
            "/object/definition/name/en_US");
}

TEST(XapiStatementValidation, ActivityDefinition_TypeIsIriMoreInfoIsIrl) {
  EXPECT_EQ(FieldOf(With("/object/definition/type", "course")), "/object/definition/type");
  EXPECT_EQ(FieldOf(With("/object/definition/moreInfo", "urn:example:x")),
            "/object/definition/moreInfo");
  json ok = With("/object/definition", {{"type", "http://adlnet.gov/expapi/activities/course"},
                                        {"moreInfo", "https://example.com/course-1"}});
  EXPECT_EQ(FieldOf(ok), kOk);
}

TEST(XapiStatementValidation, Extensions_KeysMustBeIris) {
  EXPECT_EQ(FieldOf(With("/object/definition/extensions", {{"progress", 1}})),
            "/object/definition/extensions/progress");
  EXPECT_EQ(FieldOf(With("/object/definition/extensions", json::array())),
            "/object/definition/extensions");
  EXPECT_EQ(FieldOf(With("/object/definition/extensions",
                         {{"http://example.com/ext", nullptr}, {"urn:x:y", {{"any", {1, 2}}}}})),
            kOk);
}

TEST(XapiStatementValidation, Interaction_TypeMustBeKnown) {
  EXPECT_EQ(FieldOf(With("/object/definition/interactionType", "multiple-choice")),
            "/object/definition/interactionType");
  for (const char* t : {"true-false", "choice", "fill-in", "long-fill-in", "matching",
                        "performance", "sequencing", "likert", "numeric", "other"}) {
    EXPECT_EQ(FieldOf(With("/object/definition/interactionType", t)), kOk) << t;
  }
}

TEST(XapiStatementValidation, Interaction_ComponentListsOnlyForTheirTypes) {
  json choice = {{"id", "a"}, {"description", {{"en-US", "A"}}}};
  json def = {{"interactionType", "likert"}, {"choices", {choice}}};
  EXPECT_EQ(FieldOf(With("/object/definition", def)), "/object/definition/choices");
  def = {{"interactionType", "matching"}, {"source", {choice}}, {"target", {choice}}};
  EXPECT_EQ(FieldOf(With("/object/definition", def)), kOk);
  def = {{"interactionType", "performance"}, {"steps", {choice}}};
  EXPECT_EQ(FieldOf(With("/object/definition", def)), kOk);
  def = {{"interactionType", "sequencing"}, {"choices", {choice}}};
  EXPECT_EQ(FieldOf(With("/object/definition", def)), kOk);
  def = {{"interactionType", "likert"}, {"scale", {choice}}};
  EXPECT_EQ(FieldOf(With("/object/definition", def)), kOk);
  def = {{"interactionType", "true-false"}, {"steps", {choice}}};
  EXPECT_EQ(FieldOf(With("/object/definition", def)), "/object/definition/steps");
  def = {{"scale", {choice}}};
  EXPECT_EQ(FieldOf(With("/object/definition", def)), "/object/definition/scale");
}

TEST(XapiStatementValidation, InteractionComponent_IdRequiredUniqueDescriptionLanguageMap) {
  auto def = [](json choices) {
    return With("/object/definition", {{"interactionType", "choice"}, {"choices", choices}});
  };
  EXPECT_EQ(FieldOf(def({{{"description", {{"en-US", "A"}}}}})), "/object/definition/choices/0/id");
  EXPECT_EQ(FieldOf(def({{{"id", "a"}}, {{"id", "a"}}})), "/object/definition/choices/1/id");
  EXPECT_EQ(FieldOf(def({{{"id", "a"}, {"description", "A"}}})),
            "/object/definition/choices/0/description");
  EXPECT_EQ(FieldOf(def({{{"id", "a"}, {"label", "A"}}})), "/object/definition/choices/0/label");
  EXPECT_EQ(FieldOf(def({{{"id", ""}}})), "/object/definition/choices/0/id");
  EXPECT_EQ(FieldOf(def(json::object())), "/object/definition/choices");
}

TEST(XapiStatementValidation, CorrectResponsesPattern_ArrayOfStringsWithInteractionType) {
  EXPECT_EQ(FieldOf(With("/object/definition", {{"interactionType", "true-false"},
                                                {"correctResponsesPattern", {"true"}}})),
            kOk);
  EXPECT_EQ(FieldOf(With("/object/definition",
                         {{"interactionType", "true-false"}, {"correctResponsesPattern", "true"}})),
            "/object/definition/correctResponsesPattern");
  EXPECT_EQ(FieldOf(With("/object/definition",
                         {{"interactionType", "numeric"}, {"correctResponsesPattern", {"1", 2}}})),
            "/object/definition/correctResponsesPattern/1");
  EXPECT_EQ(FieldOf(With("/object/definition", {{"correctResponsesPattern", {"x"}}})),
            "/object/definition/correctResponsesPattern");
}

// ---- Object: Agent, Group, StatementRef, SubStatement (Data 2.4.4.2, 2.4.4.3) ----

TEST(XapiStatementValidation, Object_AgentAndGroupAreValidated) {
  json agent = {{"objectType", "Agent"}, {"mbox", "mailto:peer@example.com"}};
  EXPECT_EQ(FieldOf(With("/object", agent)), kOk);
  agent.erase("mbox");
  EXPECT_EQ(FieldOf(With("/object", agent)), "/object");
  json group = {{"objectType", "Group"}, {"member", {{{"mbox", "nope"}}}}};
  EXPECT_EQ(FieldOf(With("/object", group)), "/object/member/0/mbox");
}

TEST(XapiStatementValidation, StatementRef_IdMustBeUuid) {
  json ref = {{"objectType", "StatementRef"}, {"id", "not-a-uuid"}};
  EXPECT_EQ(FieldOf(With("/object", ref)), "/object/id");
  ref["id"] = "9E13CEFD-53D3-4EAC-B5ED-2CF6693903BB";
  auto r = ValidateStatement(With("/object", ref));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->statement["object"]["id"], "9e13cefd-53d3-4eac-b5ed-2cf6693903bb");
  ref["definition"] = json::object();
  EXPECT_EQ(FieldOf(With("/object", ref)), "/object/definition");
}

TEST(XapiStatementValidation, SubStatement_MustNotHaveIdStoredVersionAuthority) {
  json sub = {{"objectType", "SubStatement"},
              {"actor", Minimal()["actor"]},
              {"verb", Minimal()["verb"]},
              {"object", Minimal()["object"]}};
  EXPECT_EQ(FieldOf(With("/object", sub)), kOk);
  for (const char* key : {"id", "stored", "version", "authority"}) {
    json bad = sub;
    bad[key] = "x";
    EXPECT_EQ(FieldOf(With("/object", bad)), std::string("/object/") + key);
  }
}

TEST(XapiStatementValidation, SubStatement_MustNotNestSubStatement) {
  json sub = {{"objectType", "SubStatement"},
              {"actor", Minimal()["actor"]},
              {"verb", Minimal()["verb"]},
              {"object", Minimal()["object"]}};
  json outer = sub;
  outer["object"] = sub;
  EXPECT_EQ(FieldOf(With("/object", outer)), "/object/object/objectType");
}

TEST(XapiStatementValidation, SubStatement_PropertiesAreValidatedLikeAStatement) {
  json sub = {{"objectType", "SubStatement"},
              {"actor", {{"mbox", "bad"}}},
              {"verb", Minimal()["verb"]},
              {"object", Minimal()["object"]}};
  EXPECT_EQ(FieldOf(With("/object", sub)), "/object/actor/mbox");
  sub["actor"] = Minimal()["actor"];
  sub["timestamp"] = "2026-11-22T10:00:00";
  EXPECT_EQ(FieldOf(With("/object", sub)), "/object/timestamp");
  sub.erase("timestamp");
  sub.erase("verb");
  EXPECT_EQ(FieldOf(With("/object", sub)), "/object/verb");
  sub["verb"] = Minimal()["verb"];
  sub["extra"] = 1;
  EXPECT_EQ(FieldOf(With("/object", sub)), "/object/extra");
}

// ---- Result (Data 2.4.5) ----

TEST(XapiStatementValidation, Score_ScaledBetweenMinusOneAndOne) {
  EXPECT_EQ(FieldOf(With("/result/score/scaled", 1.01)), "/result/score/scaled");
  EXPECT_EQ(FieldOf(With("/result/score/scaled", -1.5)), "/result/score/scaled");
  EXPECT_EQ(FieldOf(With("/result/score/scaled", -1)), kOk);
  EXPECT_EQ(FieldOf(With("/result/score/scaled", "0.5")), "/result/score/scaled");
}

TEST(XapiStatementValidation, Score_RawBetweenMinAndMax) {
  EXPECT_EQ(FieldOf(With("/result/score", {{"raw", 11}, {"min", 0}, {"max", 10}})),
            "/result/score/raw");
  EXPECT_EQ(FieldOf(With("/result/score", {{"raw", -1}, {"min", 0}, {"max", 10}})),
            "/result/score/raw");
  EXPECT_EQ(FieldOf(With("/result/score", {{"raw", 10}, {"min", 0}, {"max", 10}})), kOk);
  EXPECT_EQ(FieldOf(With("/result/score", {{"raw", 4.5}})), kOk);
}

TEST(XapiStatementValidation, Score_MinNotGreaterThanMax) {
  EXPECT_EQ(FieldOf(With("/result/score", {{"min", 10}, {"max", 0}})), "/result/score/min");
  EXPECT_EQ(FieldOf(With("/result/score", {{"min", 5}, {"max", 5}})), kOk);
}

TEST(XapiStatementValidation, Score_RejectsUnknownProperty) {
  EXPECT_EQ(FieldOf(With("/result/score/percent", 50)), "/result/score/percent");
}

TEST(XapiStatementValidation, Result_SuccessAndCompletionAreBooleans) {
  EXPECT_EQ(FieldOf(With("/result/success", "true")), "/result/success");
  EXPECT_EQ(FieldOf(With("/result/completion", 1)), "/result/completion");
  EXPECT_EQ(FieldOf(With("/result", {{"success", false}, {"completion", true}})), kOk);
}

TEST(XapiStatementValidation, Result_ResponseIsString) {
  EXPECT_EQ(FieldOf(With("/result/response", 42)), "/result/response");
  EXPECT_EQ(FieldOf(With("/result/response", "")), kOk);
}

TEST(XapiStatementValidation, Result_DurationIsIso8601) {
  EXPECT_EQ(FieldOf(With("/result/duration", "90 minutes")), "/result/duration");
  EXPECT_EQ(FieldOf(With("/result/duration", "PT")), "/result/duration");
  EXPECT_EQ(FieldOf(With("/result/duration", "PT1H30M4.25S")), kOk);
}

TEST(XapiStatementValidation, Result_RejectsUnknownPropertyAndBadExtensions) {
  EXPECT_EQ(FieldOf(With("/result/grade", "A")), "/result/grade");
  EXPECT_EQ(FieldOf(With("/result/extensions", {{"not an iri", 1}})),
            "/result/extensions/not an iri");
}

// ---- Context (Data 2.4.6) ----

TEST(XapiStatementValidation, Context_RegistrationIsUuid) {
  EXPECT_EQ(FieldOf(With("/context/registration", "reg-1")), "/context/registration");
  EXPECT_EQ(FieldOf(With("/context/registration", "ec531277-b57b-4c15-8d91-d292c5b2b8f7")), kOk);
}

TEST(XapiStatementValidation, Context_InstructorIsAgentOrGroup) {
  EXPECT_EQ(FieldOf(With("/context/instructor", {{"name", "no ifi"}})), "/context/instructor");
  EXPECT_EQ(FieldOf(With("/context/instructor", kAgent2)), kOk);
  EXPECT_EQ(FieldOf(With("/context/instructor", {{"objectType", "Group"}, {"member", {kAgent2}}})),
            kOk);
}

TEST(XapiStatementValidation, Context_TeamMustBeGroup) {
  EXPECT_EQ(FieldOf(With("/context/team", kAgent2)), "/context/team/objectType");
  EXPECT_EQ(FieldOf(With("/context/team", {{"objectType", "Group"}, {"member", {kAgent2}}})), kOk);
}

TEST(XapiStatementValidation, ContextActivities_SingleObjectNormalisedToArray) {
  json stmt = With("/context/contextActivities/parent", {{"id", "http://example.com/parent"}});
  auto r = ValidateStatement(stmt);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const json& parent = r->statement["context"]["contextActivities"]["parent"];
  ASSERT_TRUE(parent.is_array());
  EXPECT_EQ(parent[0]["id"], "http://example.com/parent");
}

TEST(XapiStatementValidation, ContextActivities_EachIsAnActivity) {
  EXPECT_EQ(FieldOf(With("/context/contextActivities/grouping", {{{"id", "nope"}}})),
            "/context/contextActivities/grouping/0/id");
  EXPECT_EQ(FieldOf(With("/context/contextActivities/category", {{"id", "nope"}})),
            "/context/contextActivities/category/id");
  EXPECT_EQ(FieldOf(With("/context/contextActivities/other", "http://example.com/x")),
            "/context/contextActivities/other");
  EXPECT_EQ(FieldOf(With("/context/contextActivities/siblings", json::array())),
            "/context/contextActivities/siblings");
}

TEST(XapiStatementValidation, Context_RevisionAndPlatformOnlyForActivityObjects) {
  json ref = {{"objectType", "StatementRef"}, {"id", "9e13cefd-53d3-4eac-b5ed-2cf6693903bb"}};
  EXPECT_EQ(FieldOf(With("/context/revision", "2", With("/object", ref))), "/context/revision");
  EXPECT_EQ(FieldOf(With(
                "/context/platform", "Moodle",
                With("/object", {{"objectType", "Agent"}, {"mbox", "mailto:peer@example.com"}}))),
            "/context/platform");
  EXPECT_EQ(FieldOf(With("/context", {{"revision", "2"}, {"platform", "Moodle"}})), kOk);
  EXPECT_EQ(FieldOf(With("/context/revision", 2)), "/context/revision");
}

TEST(XapiStatementValidation, Context_LanguageIsLanguageTag) {
  EXPECT_EQ(FieldOf(With("/context/language", "English")), "/context/language");
  EXPECT_EQ(FieldOf(With("/context/language", "en-GB")), kOk);
}

TEST(XapiStatementValidation, Context_StatementIsStatementRef) {
  EXPECT_EQ(FieldOf(With("/context/statement", {{"id", "9e13cefd-53d3-4eac-b5ed-2cf6693903bb"}})),
            "/context/statement/objectType");
  EXPECT_EQ(FieldOf(With("/context/statement", {{"objectType", "StatementRef"},
                                                {"id", "9e13cefd-53d3-4eac-b5ed-2cf6693903bb"}})),
            kOk);
}

TEST(XapiStatementValidation, Context_RejectsUnknownProperty) {
  EXPECT_EQ(FieldOf(With("/context/course", "x")), "/context/course");
}

// ---- Timestamp, stored, authority, version (Data 2.4.7 - 2.4.10) ----

TEST(XapiStatementValidation, Timestamp_MustHaveTimeZone) {
  EXPECT_EQ(FieldOf(With("/timestamp", "2026-11-22T10:00:00.123")), "/timestamp");
  EXPECT_EQ(FieldOf(With("/timestamp", 1700000000)), "/timestamp");
}

TEST(XapiStatementValidation, Timestamp_RejectsNegativeZeroOffset) {
  EXPECT_EQ(FieldOf(With("/timestamp", "2026-11-22T10:00:00-00:00")), "/timestamp");
}

TEST(XapiStatementValidation, Timestamp_NormalisedToUtcKeepingPrecision) {
  auto r = ValidateStatement(With("/timestamp", "2026-11-22T10:00:00.12345+01:00"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->timestamp, "2026-11-22T09:00:00.12345Z");
  EXPECT_EQ(r->statement["timestamp"], "2026-11-22T09:00:00.12345Z");
}

TEST(XapiStatementValidation, Stored_AndAuthority_OnlyWhenCallerAllows) {
  json stmt = With("/stored", "2026-11-22T10:00:00Z");
  EXPECT_EQ(FieldOf(stmt), "/stored");
  EXPECT_EQ(FieldOf(With("/authority", kAgent2)), "/authority");
  ValidationOptions trusted{.allow_lrs_set_properties = true};
  EXPECT_EQ(FieldOf(stmt, trusted), kOk);
  EXPECT_EQ(FieldOf(With("/authority", kAgent2), trusted), kOk);
  EXPECT_EQ(FieldOf(With("/stored", "yesterday"), trusted), "/stored");
}

TEST(XapiStatementValidation, Authority_GroupMustBeTwoAgents) {
  ValidationOptions trusted{.allow_lrs_set_properties = true};
  json app = {{"account", {{"homePage", "https://lrs.example.com"}, {"name", "app-1"}}}};
  json group = {{"objectType", "Group"}, {"member", {app}}};
  EXPECT_EQ(FieldOf(With("/authority", group), trusted), "/authority/member");
  group["member"].push_back(kAgent2);
  EXPECT_EQ(FieldOf(With("/authority", group), trusted), kOk);
}

TEST(XapiStatementValidation, Version_MustStartWith1_0) {
  EXPECT_EQ(FieldOf(With("/version", "1.0.3")), kOk);
  EXPECT_EQ(FieldOf(With("/version", "1.0.0")), kOk);
  EXPECT_EQ(FieldOf(With("/version", "0.95")), "/version");
  EXPECT_EQ(FieldOf(With("/version", "1.1.0")), "/version");
  EXPECT_EQ(FieldOf(With("/version", "2.0.0")), "/version");
  EXPECT_EQ(FieldOf(With("/version", 1.0)), "/version");
}

TEST(XapiStatementValidation, Version_DefaultsTo1_0_0WhenAbsentAndIsKeptOtherwise) {
  auto r = ValidateStatement(Minimal());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->statement["version"], "1.0.0");
  r = ValidateStatement(With("/version", "1.0.3"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->statement["version"], "1.0.3");
}

// Data 2.2: keys and enumerated values are case-sensitive.
TEST(XapiStatementValidation, Statement_KeysAndEnumeratedValuesAreCaseSensitive) {
  EXPECT_EQ(FieldOf(With("/Actor", Minimal()["actor"])), "/Actor");
  EXPECT_EQ(FieldOf(With("/actor/MBOX", "mailto:x@example.com")), "/actor/MBOX");
  EXPECT_EQ(FieldOf(With("/object/objectType", "activity")), "/object/objectType");
  EXPECT_EQ(FieldOf(With("/actor/objectType", "group")), "/actor/objectType");
  EXPECT_EQ(FieldOf(With("/object/definition/interactionType", "Choice")),
            "/object/definition/interactionType");
}

// Data 2.2: a string holding a number or boolean is still the wrong type.
TEST(XapiStatementValidation, Statement_RejectsStringsWhereNumbersOrBooleansAreRequired) {
  EXPECT_EQ(FieldOf(With("/result/score/raw", "10")), "/result/score/raw");
  EXPECT_EQ(FieldOf(With("/result/success", "false")), "/result/success");
}

// ---- Attachments (Data 2.4.11) ----

json Attachment() {
  return {{"usageType", "http://adlnet.gov/expapi/attachments/signature"},
          {"display", {{"en-US", "Signature"}}},
          {"contentType", "application/octet-stream"},
          {"length", 4235},
          {"sha2", std::string(64, 'a')}};
}

TEST(XapiStatementValidation, Attachment_ValidWithAndWithoutFileUrl) {
  EXPECT_EQ(FieldOf(With("/attachments", {Attachment()})), kOk);
  json a = Attachment();
  a["fileUrl"] = "https://files.example.com/cert.pdf";
  a["description"] = {{"en-US", "A signed certificate"}};
  EXPECT_EQ(FieldOf(With("/attachments", {a})), kOk);
}

TEST(XapiStatementValidation, Attachment_RequiredProperties) {
  for (const char* key : {"usageType", "display", "contentType", "length", "sha2"}) {
    json a = Attachment();
    a.erase(key);
    EXPECT_EQ(FieldOf(With("/attachments", {a})), std::string("/attachments/0/") + key);
  }
}

TEST(XapiStatementValidation, Attachment_FieldFormats) {
  auto field = [](const char* key, json value) {
    json a = Attachment();
    a[key] = std::move(value);
    return FieldOf(With("/attachments", {Attachment(), a}));
  };
  EXPECT_EQ(field("usageType", "signature"), "/attachments/1/usageType");
  EXPECT_EQ(field("display", "Signature"), "/attachments/1/display");
  EXPECT_EQ(field("contentType", "pdf"), "/attachments/1/contentType");
  EXPECT_EQ(field("length", -1), "/attachments/1/length");
  EXPECT_EQ(field("length", 1.5), "/attachments/1/length");
  EXPECT_EQ(field("length", "10"), "/attachments/1/length");
  EXPECT_EQ(field("length", 0), kOk);
  EXPECT_EQ(field("sha2", "abc"), "/attachments/1/sha2");
  EXPECT_EQ(field("sha2", std::string(64, 'z')), "/attachments/1/sha2");
  EXPECT_EQ(field("fileUrl", "cert.pdf"), "/attachments/1/fileUrl");
  EXPECT_EQ(field("size", 10), "/attachments/1/size");
}

TEST(XapiStatementValidation, Attachments_MustBeArray) {
  EXPECT_EQ(FieldOf(With("/attachments", Attachment())), "/attachments");
}

// ---- Voiding (Data 2.3.2) ----

TEST(XapiStatementValidation, Voiding_ObjectMustBeStatementRef) {
  json stmt = With("/verb", {{"id", std::string(kVoidedVerb)}, {"display", {{"en-US", "voided"}}}});
  EXPECT_EQ(FieldOf(stmt), "/object/objectType");
  EXPECT_EQ(FieldOf(Without("/object/objectType", stmt)), "/object/objectType");
  stmt["object"] = {{"objectType", "StatementRef"}, {"id", "E05AA883-ACAA-4F2A-B0F4-3F8B3B3A2C11"}};
  auto r = ValidateStatement(stmt);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->voiding);
  EXPECT_EQ(r->voided_statement_id, "e05aa883-acaa-4f2a-b0f4-3f8b3b3a2c11");
}

TEST(XapiStatementValidation, Voiding_NotVoidingForOtherVerbs) {
  auto r = ValidateStatement(Minimal());
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->voiding);
  EXPECT_FALSE(r->voided_statement_id.has_value());
}

// ---- Pointers ----

TEST(XapiStatementValidation, ErrorField_EscapesSlashAndTildeInKeys) {
  EXPECT_EQ(FieldOf(With("/context/extensions", {{"a/b~c", 1}})), "/context/extensions/a~1b~0c");
}

// ---- Realistic statements that must pass ----

TEST(XapiStatementValidation, Realistic_Cmi5PassedStatement) {
  json stmt = R"({
    "id": "2a41c918-b88b-4b20-a0a5-a4c32391aaa0",
    "actor": {"objectType": "Agent", "name": "Ana Silva",
              "account": {"homePage": "https://lms.example.com", "name": "ana.silva"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-US": "passed"}},
    "object": {"objectType": "Activity", "id": "https://example.com/au/safety-101",
      "definition": {"name": {"en-US": "Safety 101"}, "description": {"en-US": "Site safety"},
                     "type": "http://adlnet.gov/expapi/activities/lesson"}},
    "result": {"score": {"scaled": 0.85, "raw": 85, "min": 0, "max": 100}, "success": true,
               "duration": "PT14M32.5S",
               "extensions": {"https://w3id.org/xapi/cmi5/result/extensions/progress": 100}},
    "context": {
      "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
      "contextActivities": {
        "grouping": [{"id": "https://example.com/course/safety"}],
        "category": [{"id": "https://w3id.org/xapi/cmi5/context/categories/moveon"},
                     {"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"}]},
      "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": "458240298378231",
                     "https://w3id.org/xapi/cmi5/context/extensions/masteryscore": 0.8}},
    "timestamp": "2026-11-22T14:03:12.421+01:00",
    "version": "1.0.3"
  })"_json;
  auto r = ValidateStatement(stmt);
  ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
  EXPECT_EQ(r->timestamp, "2026-11-22T13:03:12.421Z");
}

TEST(XapiStatementValidation, Realistic_Cmi5LaunchedWithSingleParent) {
  json stmt = R"({
    "actor": {"account": {"homePage": "https://lms.example.com", "name": "42"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/launched", "display": {"en-US": "launched"}},
    "object": {"id": "https://example.com/au/safety-101"},
    "context": {
      "registration": "EC531277-B57B-4C15-8D91-D292C5B2B8F7",
      "instructor": {"name": "Coach", "mbox": "mailto:coach@example.com"},
      "team": {"objectType": "Group", "name": "Site A",
               "member": [{"mbox": "mailto:a@example.com"}, {"mbox": "mailto:b@example.com"}]},
      "contextActivities": {"parent": {"id": "https://example.com/course/safety"},
                            "category": {"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"}},
      "revision": "3", "platform": "Attune", "language": "pt-BR",
      "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/launchmode": "Normal"}},
    "timestamp": "2026-11-22T13:00:00Z"
  })"_json;
  auto r = ValidateStatement(stmt);
  ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
  EXPECT_EQ(r->statement["context"]["registration"], "ec531277-b57b-4c15-8d91-d292c5b2b8f7");
  EXPECT_TRUE(r->statement["context"]["contextActivities"]["parent"].is_array());
  EXPECT_TRUE(r->statement["context"]["contextActivities"]["category"].is_array());
}

TEST(XapiStatementValidation, Realistic_AnsweredChoiceInteraction) {
  json stmt = R"({
    "actor": {"mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/answered",
             "display": {"en-US": "answered", "pt-BR": "respondeu"}},
    "object": {"id": "https://example.com/quiz/q1", "definition": {
      "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
      "interactionType": "choice",
      "correctResponsesPattern": ["golf[,]tetris"],
      "choices": [{"id": "golf", "description": {"en-US": "Golf Example"}},
                  {"id": "tetris", "description": {"en-US": "Tetris Example"}},
                  {"id": "facebook", "description": {"en-US": "Facebook App"}}]}},
    "result": {"success": true, "completion": true, "response": "golf[,]tetris",
               "duration": "PT1M"},
    "context": {"contextActivities": {"parent": [{"id": "https://example.com/quiz"}]}}
  })"_json;
  auto r = ValidateStatement(stmt);
  ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
}

TEST(XapiStatementValidation, Realistic_SubStatementPlannedFutureAttempt) {
  json stmt = R"({
    "actor": {"mbox": "mailto:coach@example.com"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/planned"},
    "object": {"objectType": "SubStatement",
      "actor": {"objectType": "Group", "member": [{"mbox": "mailto:a@example.com"}]},
      "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
      "object": {"id": "https://example.com/course/safety"},
      "context": {"contextActivities": {"parent": {"id": "https://example.com/programme"}}},
      "timestamp": "2026-12-01T09:00:00+00:00"}
  })"_json;
  auto r = ValidateStatement(stmt);
  ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
  EXPECT_EQ(r->statement["object"]["timestamp"], "2026-12-01T09:00:00Z");
  EXPECT_TRUE(r->statement["object"]["context"]["contextActivities"]["parent"].is_array());
}

TEST(XapiStatementValidation, Validation_DoesNotModifyInput) {
  json stmt = With("/id", "FD41C918-B88B-4B20-A0A5-A4C32391AAA0");
  json copy = stmt;
  ASSERT_TRUE(ValidateStatement(stmt).ok());
  EXPECT_EQ(stmt, copy);
}

}  // namespace
}  // namespace attune::xapi
