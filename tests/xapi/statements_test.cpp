// xAPI 1.0.3 conformance, Statement resource: validation, storing (single, batch, PUT),
// duplicates, voiding, attachments and signed statements, on both backends.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>

#include "xapi/xapi_conformance.h"

namespace attune::xapi_conformance {
namespace {

class XapiStatements : public XapiTest {};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

size_t Occurrences(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1)) ++n;
  return n;
}

// The parts of a multipart/mixed response: {headers, body} each, in order.
struct ParsedPart {
  std::string headers;
  std::string body;
};
std::vector<ParsedPart> SplitMultipart(const Reply& r) {
  std::string type = r.Header("Content-Type");
  const std::string prefix = "multipart/mixed; boundary=";
  EXPECT_EQ(type.rfind(prefix, 0), 0u) << type;
  const std::string boundary = type.substr(prefix.size());
  EXPECT_EQ(boundary.find_first_of(";\" "), std::string::npos)
      << "boundary must be unquoted and the only parameter: " << type;
  std::vector<ParsedPart> parts;
  const std::string delim = "--" + boundary;
  size_t pos = r.body.find(delim);
  while (pos != std::string::npos) {
    pos += delim.size();
    if (r.body.compare(pos, 2, "--") == 0) break;  // close delimiter
    EXPECT_EQ(r.body.compare(pos, 2, "\r\n"), 0) << "a delimiter line ends with CRLF";
    pos += 2;
    size_t end_headers = r.body.find("\r\n\r\n", pos);
    size_t next = r.body.find("\r\n" + delim, pos);
    if (end_headers == std::string::npos || next == std::string::npos || end_headers > next) {
      ADD_FAILURE() << "malformed multipart response";
      break;
    }
    parts.push_back({r.body.substr(pos, end_headers - pos),
                     r.body.substr(end_headers + 4, next - end_headers - 4)});
    pos = next + 2;
  }
  return parts;
}

// ---- validation ----

struct Invalid {
  const char* requirement;
  std::function<void(json&)> mutate;
  const char* field;  // the JSON pointer the error must name
};

TEST_P(XapiStatements, XAPI_00003_00004_00005_00001_00006_00008_00009_InvalidStatementsAre400) {
  const std::vector<Invalid> cases = {
      {"XAPI-00003 actor", [](json& s) { s.erase("actor"); }, "/actor"},
      {"XAPI-00004 verb", [](json& s) { s.erase("verb"); }, "/verb"},
      {"XAPI-00005 object", [](json& s) { s.erase("object"); }, "/object"},
      {"XAPI-00001 null",
       [](json& s) {
         s["result"] = {{"success", nullptr}};
       },
       "/result/success"},
      {"XAPI-00001 null language value",
       [](json& s) {
         s["verb"]["display"] = {{"en-US", nullptr}};
       },
       "/verb/display/en-US"},
      {"XAPI-00006 boolean as string",
       [](json& s) {
         s["result"] = {{"completion", "true"}};
       },
       "/result/completion"},
      {"XAPI-00008 key case",
       [](json& s) {
         s["Actor"] = s["actor"];
         s.erase("actor");
       },
       "/Actor"},
      {"XAPI-00009 enum case", [](json& s) { s["actor"]["objectType"] = "agent"; },
       "/actor/objectType"},
      {"XAPI-00046 object type", [](json& s) { s["object"]["objectType"] = "statementref"; },
       "/object/objectType"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.requirement);
    json s = Statement();
    s["id"] = NewUuid();
    c.mutate(s);
    Reply r = lrs().Post("/xapi/statements", s.dump());
    EXPECT_EQ(r.status, 400) << r;
    EXPECT_EQ(r.Field(), c.field) << r;
    EXPECT_EQ(GetById(s["id"]).status, 404);
  }
  EXPECT_TRUE(All().empty());
}

TEST_P(XapiStatements, XAPI_00011_00038_00034_00029_00087_IdentifierFormatsAreChecked) {
  const std::vector<Invalid> cases = {
      {"XAPI-00011 verb IRI without scheme",
       [](json& s) { s["verb"]["id"] = "example.com/verbs/did"; }, "/verb/id"},
      {"XAPI-00011 activity IRI without scheme", [](json& s) { s["object"]["id"] = "course-1"; },
       "/object/id"},
      {"XAPI-00038 mbox without mailto",
       [](json& s) { s["actor"]["mbox"] = "learner@example.com"; }, "/actor/mbox"},
      {"XAPI-00034 two identifiers",
       [](json& s) { s["actor"]["openid"] = "http://openid.example.com/learner"; }, "/actor"},
      {"XAPI-00034 no identifier", [](json& s) { s["actor"].erase("mbox"); }, "/actor"},
      {"XAPI-00042 account without homePage",
       [](json& s) {
         s["actor"].erase("mbox");
         s["actor"]["account"] = {{"name", "learner"}};
       },
       "/actor/account/homePage"},
      {"XAPI-00087 registration",
       [](json& s) {
         s["context"] = {{"registration", "abc"}};
       },
       "/context/registration"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.requirement);
    json s = Statement();
    c.mutate(s);
    Reply r = lrs().Post("/xapi/statements", s.dump());
    EXPECT_EQ(r.status, 400) << r;
    EXPECT_EQ(r.Field(), c.field) << r;
  }
  // XAPI-00029/00030: a statement id that is not a UUID.
  for (std::string bad :
       {"33cff416-e331-4c9d-969e-5373a17561201", "33cff416-e331-4c9d-969e-5373a175612g"}) {
    json s = Statement();
    s["id"] = bad;
    Reply r = lrs().Post("/xapi/statements", s.dump());
    EXPECT_EQ(r.status, 400) << bad << ": " << r;
    EXPECT_EQ(r.Field(), "/id");
  }
  EXPECT_TRUE(All().empty());
}

TEST_P(XapiStatements, XAPI_00083_00082_00081_00124_00123_00101_ResultTimeAndVersionFormats) {
  const std::vector<Invalid> cases = {
      {"XAPI-00083 scaled > 1",
       [](json& s) {
         s["result"] = {{"score", {{"scaled", 1.01}}}};
       },
       "/result/score/scaled"},
      {"XAPI-00082 raw > max",
       [](json& s) {
         s["result"] = {{"score", {{"raw", 11}, {"min", 0}, {"max", 10}}}};
       },
       "/result/score/raw"},
      {"XAPI-00081 min > max",
       [](json& s) {
         s["result"] = {{"score", {{"min", 5}, {"max", 1}}}};
       },
       "/result/score/min"},
      {"XAPI-00124 duration",
       [](json& s) {
         s["result"] = {{"duration", "P4W1D"}};
       },
       "/result/duration"},
      {"XAPI-00123 not a timestamp", [](json& s) { s["timestamp"] = "01/011/2015"; }, "/timestamp"},
      {"XAPI-00123 negative zero offset",
       [](json& s) { s["timestamp"] = "2024-05-01T12:00:00.000-00:00"; }, "/timestamp"},
      {"XAPI-00101 version", [](json& s) { s["version"] = "1.1.0"; }, "/version"},
      {"XAPI-00084 revision with a non-Activity object",
       [](json& s) {
         s["object"] = Agent("mailto:other@example.com");
         s["context"] = {{"revision", "2"}};
       },
       "/context/revision"},
      {"XAPI-00064 interaction components without interactionType",
       [](json& s) {
         s["object"]["definition"] = {{"choices", {{{"id", "a"}, {"description", {{"en", "A"}}}}}}};
       },
       "/object/definition"},
      {"XAPI-00070 SubStatement with an id",
       [](json& s) {
         json sub = Statement();
         sub["objectType"] = "SubStatement";
         sub["id"] = NewUuid();
         s["object"] = sub;
       },
       "/object/id"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.requirement);
    json s = Statement();
    c.mutate(s);
    Reply r = lrs().Post("/xapi/statements", s.dump());
    EXPECT_EQ(r.status, 400) << r;
    EXPECT_EQ(r.Field().rfind(c.field, 0), 0u) << "field " << r.Field() << " in " << r;
  }
  EXPECT_TRUE(All().empty());
}

TEST_P(XapiStatements, XAPI_00013_00121_LanguageMapKeysAreRfc5646Tags) {
  for (std::string bad : {"a12345", "something", "zh-z-aaa-z-bbb-c-ccc", ""}) {
    json s = Statement();
    s["verb"]["display"] = {{bad, "did"}};
    Reply r = lrs().Post("/xapi/statements", s.dump());
    EXPECT_EQ(r.status, 400) << "'" << bad << "': " << r;
    EXPECT_EQ(r.Field(), "/verb/display/" + bad);
  }
  EXPECT_TRUE(All().empty());
  for (std::string good : {"de", "de-DE", "zh-Hant", "sr-Latn-RS", "zh-Hans-CN", "cmn", "es-MX"}) {
    json s = Statement();
    s["verb"]["display"] = {{good, "did"}};
    Post(s);
  }
  EXPECT_EQ(All().size(), 7u);
}

TEST_P(XapiStatements, XAPI_00119_00120_ValidStatementsOfManyShapesAre200) {
  std::vector<json> accepted;
  // XAPI-00119: extensions may hold null, "", {} and be empty.
  json ext = Statement();
  ext["object"]["definition"] = {{"extensions",
                                  {{"http://example.com/ext/null", nullptr},
                                   {"http://example.com/ext/empty", ""},
                                   {"http://example.com/ext/object", json::object()}}}};
  ext["result"] = {{"extensions", json::object()}};
  accepted.push_back(ext);
  // Agent objectType omitted; anonymous Group actor with members.
  json no_type = Statement();
  no_type["actor"].erase("objectType");
  accepted.push_back(no_type);
  json group = Statement();
  group["actor"] = {{"objectType", "Group"},
                    {"member", {Agent("mailto:a@example.com"), Agent("mailto:b@example.com")}}};
  accepted.push_back(group);
  // Durations, versions and a timestamp with an offset.
  json misc = Statement();
  misc["result"] = {{"duration", "P4W"}, {"success", true}, {"completion", false}};
  misc["version"] = "1.0";
  misc["timestamp"] = "2024-05-01T14:00:00.123+02:00";
  accepted.push_back(misc);
  // SubStatement and StatementRef (to an unknown id) objects.
  json sub = Statement();
  sub["object"] = Statement(kAttempted);
  sub["object"]["objectType"] = "SubStatement";
  accepted.push_back(sub);
  json ref = Statement();
  ref["object"] = {{"objectType", "StatementRef"}, {"id", NewUuid()}};
  accepted.push_back(ref);
  for (const auto& s : accepted) {
    Reply r = lrs().Post("/xapi/statements", s.dump());
    EXPECT_EQ(r.status, 200) << s.dump() << "\n" << r;
  }
  EXPECT_EQ(All().size(), accepted.size());
}

TEST_P(XapiStatements, XAPI_00026_00099_00023_00122_00330_LrsSetsIdStoredTimestampAuthority) {
  json s = Statement();
  s["object"]["definition"] = {{"name", {{"en-US", "Course"}}}};
  std::string id = Post(s);
  ASSERT_FALSE(id.empty());
  EXPECT_TRUE(std::regex_match(
      id, std::regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")));
  Reply r = GetById(id);
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Header("Content-Type").rfind("application/json", 0), 0u);  // XAPI-00165
  json got = r.Json();
  EXPECT_EQ(got["id"], id);
  // Actor, verb and object come back exactly as sent (XAPI-00330).
  EXPECT_EQ(got["actor"], s["actor"]);
  EXPECT_EQ(got["verb"], s["verb"]);
  EXPECT_EQ(got["object"], s["object"]);
  // stored and timestamp: ISO 8601 with milliseconds; timestamp defaults to stored.
  const std::regex ms(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$)");
  EXPECT_TRUE(std::regex_match(got.value("stored", ""), ms)) << got.dump();
  EXPECT_EQ(got["timestamp"], got["stored"]);
  // The credential is the authority.
  ASSERT_TRUE(got.contains("authority")) << got.dump();
  EXPECT_EQ(got["authority"]["account"]["name"], lrs().credential().key);
  EXPECT_EQ(got["version"], "1.0.0");
}

TEST_P(XapiStatements, XAPI_00332_00097_VersionIsKeptAndClientStoredIsReplaced) {
  json s = Statement();
  s["id"] = NewUuid();
  s["version"] = "1.0.3";
  s["stored"] = "2011-07-15T10:00:00.000Z";
  s["timestamp"] = "2020-01-02T03:04:05.678Z";
  Post(s);
  json got = GetById(s["id"]).Json();
  EXPECT_EQ(got["version"], "1.0.3");
  EXPECT_NE(got["stored"], "2011-07-15T10:00:00.000Z");
  EXPECT_EQ(got["timestamp"], "2020-01-02T03:04:05.678Z");
}

TEST_P(XapiStatements, XAPI_00002_ScoresRoundTripWithFullPrecision) {
  json s = Statement();
  s["id"] = NewUuid();
  s["result"] = {
      {"score", {{"min", 0.12123434}, {"raw", 12.125}, {"max", 45.45}, {"scaled", 0.12123434}}}};
  Post(s);
  Reply r = GetById(s["id"]);
  EXPECT_EQ(r.Json()["result"], s["result"]);
  EXPECT_TRUE(Contains(r.body, "0.12123434")) << r.body;
  EXPECT_TRUE(Contains(r.body, "45.45")) << r.body;
}

TEST_P(XapiStatements, XAPI_00096_SingleContextActivityComesBackAsAnArray) {
  json s = Statement();
  s["id"] = NewUuid();
  s["context"] = {
      {"contextActivities", {{"parent", {{"id", "http://example.com/activities/programme"}}}}}};
  Post(s);
  json got = GetById(s["id"]).Json();
  ASSERT_TRUE(got["context"]["contextActivities"]["parent"].is_array()) << got.dump();
  EXPECT_EQ(got["context"]["contextActivities"]["parent"][0]["id"],
            "http://example.com/activities/programme");
}

// ---- storing: POST, PUT, batches, duplicates ----

TEST_P(XapiStatements, XAPI_00147_00146_PostBatchReturnsIdsInOrder) {
  json a = Statement(), b = Statement(kAttempted), c = Statement();
  b["id"] = NewUuid();
  Reply r = lrs().Post("/xapi/statements", json::array({a, b, c}).dump());
  ASSERT_EQ(r.status, 200) << r;
  json ids = r.Json();
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[1], b["id"]);
  for (const auto& id : ids) EXPECT_EQ(GetById(id).status, 200) << id;
}

TEST_P(XapiStatements, XAPI_00326_00182_OneBadStatementRejectsTheWholeBatch) {
  json good = Statement();
  good["id"] = NewUuid();
  json also_good = Statement(kAttempted);
  also_good["id"] = NewUuid();
  json bad = Statement();
  bad["verb"]["id"] = "not an iri";
  Reply r = lrs().Post("/xapi/statements", json::array({good, also_good, bad}).dump());
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Field(), "/2/verb/id") << "the error names the statement in the batch";
  EXPECT_EQ(GetById(good["id"]).status, 404);
  EXPECT_EQ(GetById(also_good["id"]).status, 404);
  EXPECT_TRUE(All().empty());
}

TEST_P(XapiStatements, XAPI_00326_DuplicateIdWithinABatchIsRejected) {
  json a = Statement();
  a["id"] = NewUuid();
  json b = Statement(kAttempted);
  b["id"] = a["id"];
  Reply r = lrs().Post("/xapi/statements", json::array({a, b}).dump());
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Field(), "/1/id");
  EXPECT_EQ(GetById(a["id"]).status, 404);
}

TEST_P(XapiStatements, XAPI_00142_ResendingTheSameStatementIsAcceptedAndChangesNothing) {
  json s = Statement();
  s["id"] = NewUuid();
  Post(s);
  json first = GetById(s["id"]).Json();
  EXPECT_EQ(lrs().Post("/xapi/statements", s.dump()).status, 200);
  EXPECT_EQ(
      lrs().Put("/xapi/statements?statementId=" + s["id"].get<std::string>(), s.dump()).status,
      204);
  EXPECT_EQ(GetById(s["id"]).Json(), first) << "stored, authority and the rest are unchanged";
  EXPECT_EQ(All().size(), 1u);
}

TEST_P(XapiStatements, XAPI_00142_SameIdWithDifferentContentIs409AndStoredOneIsUnchanged) {
  json s = Statement();
  s["id"] = NewUuid();
  Post(s);
  json first = GetById(s["id"]).Json();
  json changed = s;
  changed["verb"]["id"] = kAttempted;
  Reply post = lrs().Post("/xapi/statements", changed.dump());
  EXPECT_EQ(post.status, 409) << post;
  Reply put =
      lrs().Put("/xapi/statements?statementId=" + s["id"].get<std::string>(), changed.dump());
  EXPECT_EQ(put.status, 409) << put;
  // In a batch, the conflict rejects the new statement too.
  json fresh = Statement();
  fresh["id"] = NewUuid();
  Reply batch = lrs().Post("/xapi/statements", json::array({fresh, changed}).dump());
  EXPECT_EQ(batch.status, 409) << batch;
  EXPECT_EQ(GetById(fresh["id"]).status, 404);
  EXPECT_EQ(GetById(s["id"]).Json(), first);
  EXPECT_EQ(GetById(s["id"]).Json()["verb"]["id"], kCompleted);
}

// Admission to SQLite's ingest journal looks up only the ids its filter of stored ids may hold
// (services/xapi/stored_statement_ids.h): the conflict must still be found for a statement that
// reached the index another way, an Attune event written in its own transaction ...
TEST_P(XapiStatements, XAPI_00142_ConflictWithAStatementAttuneWroteItselfIs409) {
  json own = Statement();
  own["id"] = NewUuid();
  const json authority = {{"objectType", "Agent"},
                          {"account", {{"homePage", "https://attune.test"}, {"name", "attune"}}}};
  Status wrote = server_->app().store().Write([&](StoreTx& tx) -> Status {
    auto ids = server_->app().statements().AppendInTx(tx, demo_org_, authority, {own});
    return ids.ok() ? Ok() : Status(ids.error());
  });
  ASSERT_TRUE(wrote.ok()) << wrote.error().message;
  json changed = own;
  changed["verb"]["id"] = kAttempted;
  Reply post = lrs().Post("/xapi/statements", changed.dump());
  EXPECT_EQ(post.status, 409) << post;
  EXPECT_EQ(GetById(own["id"]).Json()["verb"]["id"], kCompleted);
  EXPECT_EQ(lrs().Post("/xapi/statements", own.dump()).status, 200) << "an identical resend";
  EXPECT_EQ(All().size(), 1u);
}

// ... or before the server started: the filter is loaded from the index in the background.
TEST_P(XapiStatements, XAPI_00142_ConflictWithAStatementStoredBeforeARestartIs409) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the filter belongs to SQLite's ingest journal";
  const std::string dir = testing::MakeTempDir();
  auto same_database = [&](Config& c) { c.db = dir + "/lrs.db"; };
  Start(same_database);
  json s = Statement();
  s["id"] = NewUuid();
  Post(s);
  WaitForStatementIndex(server_->app().context().statement_intake);
  server_.reset();
  Start(same_database);
  StatementIntake* intake = server_->app().context().statement_intake;
  ASSERT_NE(intake, nullptr);
  for (int i = 0; i < 500 && !intake->stored_ids().loaded(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(intake->stored_ids().loaded());
  json changed = s;
  changed["verb"]["id"] = kAttempted;
  Reply post = lrs().Post("/xapi/statements", changed.dump());
  EXPECT_EQ(post.status, 409) << post;
  EXPECT_EQ(lrs().Post("/xapi/statements", s.dump()).status, 200) << "an identical resend";
  EXPECT_EQ(GetById(s["id"]).Json()["verb"]["id"], kCompleted);
}

// The scan that loads that filter: every stored id of every organisation once, a page at a time
// (keyset paging in the database's own collation).
TEST_P(XapiStatements, StoredIdsAreScannedOnceEachInPages) {
  const std::string other_org = CreateOrg("scan-org");
  XapiClient other(server_->port(), NewCredential(other_org));
  std::set<std::pair<std::string, std::string>> posted;
  for (int i = 0; i < 5; ++i) {
    json s = Statement();
    s["id"] = NewUuid();
    XapiClient& client = i % 2 ? other : lrs();
    ASSERT_EQ(client.Post("/xapi/statements", s.dump()).status, 200);
    posted.insert({i % 2 ? other_org : demo_org_, s["id"].get<std::string>()});
  }
  WaitForStatementIndex(server_->app().context().statement_intake);
  std::vector<std::pair<std::string, std::string>> scanned;
  StatementRepository::IdKey after;
  for (int page = 0; page < 10; ++page) {
    std::vector<StatementRepository::IdKey> ids;
    Status read = server_->app().store().Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(ids, tx.statements().IdsAfter(after, 2));
      return Ok();
    });
    ASSERT_TRUE(read.ok()) << read.error().message;
    for (const auto& k : ids) scanned.emplace_back(k.org_id, k.id);
    if (ids.size() < 2) break;
    after = ids.back();
  }
  std::set<std::pair<std::string, std::string>> once(scanned.begin(), scanned.end());
  EXPECT_EQ(once.size(), scanned.size()) << "an id scanned twice";
  for (const auto& p : posted) EXPECT_TRUE(once.count(p)) << p.second;
}

TEST_P(XapiStatements, XAPI_00142_ConcurrentStatementsWithOneIdStoreExactlyOne) {
  // Clients retry: the same new id sent at once with different contents must store one of them
  // and refuse the others with 409 (never a 5xx, never two).
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE(round);
    const std::string id = NewUuid();
    constexpr int kClients = 6;
    std::vector<int> statuses(kClients);
    Concurrently(kClients, [&](int i) {
      json s = Statement("http://example.com/verbs/v" + std::to_string(i));
      s["id"] = id;
      statuses[i] = lrs().Post("/xapi/statements", s.dump()).status;
    });
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), kClients - 1);
    Reply stored = GetById(id);
    ASSERT_EQ(stored.status, 200);
    const std::string verb = stored.Json()["verb"]["id"];
    const int winner = verb.back() - '0';
    EXPECT_EQ(statuses[winner], 200) << verb;
  }
  EXPECT_EQ(All().size(), 3u);
}

TEST_P(XapiStatements, XAPI_00143_PutWithStatementIdIs204AndStoresUnderThatId) {
  const std::string id = NewUuid();
  Reply r = lrs().Put("/xapi/statements?statementId=" + id, Statement().dump());
  EXPECT_EQ(r.status, 204) << r;
  EXPECT_TRUE(r.body.empty());
  Reply got = GetById(id);
  ASSERT_EQ(got.status, 200) << got;
  EXPECT_EQ(got.Json()["id"], id);
  // The id in the body may repeat the parameter.
  json s = Statement();
  s["id"] = NewUuid();
  EXPECT_EQ(
      lrs().Put("/xapi/statements?statementId=" + s["id"].get<std::string>(), s.dump()).status,
      204);
}

TEST_P(XapiStatements, XAPI_00144_PutNeedsStatementIdSpelledExactly) {
  Reply none = lrs().Put("/xapi/statements", Statement().dump());
  EXPECT_EQ(none.status, 400) << none;
  EXPECT_EQ(none.Field(), "statementId");
  const std::string id = NewUuid();
  Reply wrong_case = lrs().Put("/xapi/statements?StatementId=" + id, Statement().dump());
  EXPECT_EQ(wrong_case.status, 400) << wrong_case;
  Reply not_uuid = lrs().Put("/xapi/statements?statementId=12345", Statement().dump());
  EXPECT_EQ(not_uuid.status, 400) << not_uuid;
  EXPECT_EQ(GetById(id).status, 404);
  EXPECT_TRUE(All().empty());
}

TEST_P(XapiStatements, PutWithAMismatchedIdIs400AndStoresNothing) {
  const std::string param_id = NewUuid();
  json s = Statement();
  s["id"] = NewUuid();
  Reply r = lrs().Put("/xapi/statements?statementId=" + param_id, s.dump());
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Field(), "/id");
  EXPECT_EQ(GetById(param_id).status, 404);
  EXPECT_EQ(GetById(s["id"]).status, 404);
}

TEST_P(XapiStatements, XAPI_00324_PostWithAStatementIdParameterIs400) {
  const std::string id = NewUuid();
  Reply r = lrs().Post("/xapi/statements?statementId=" + id, Statement().dump());
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Field(), "statementId");
  EXPECT_EQ(GetById(id).status, 404);
  EXPECT_TRUE(All().empty());
}

TEST_P(XapiStatements, StatementsCannotBeDeleted) {
  std::string id = Post(Statement());
  Reply r = lrs().Delete("/xapi/statements?statementId=" + id);
  EXPECT_EQ(r.status, 405) << r;
  EXPECT_EQ(GetById(id).status, 200);
}

// ---- voiding ----

TEST_P(XapiStatements, XAPI_00018_00155_00157_VoidedStatementIsOnlyFoundByVoidedStatementId) {
  std::string target = Post(Statement());
  std::string other = Post(Statement(kAttempted));
  std::string voiding = Post(Voiding(target));
  Reply by_id = GetById(target);
  EXPECT_EQ(by_id.status, 404) << by_id;
  EXPECT_TRUE(by_id.Has("X-Experience-API-Consistent-Through"));
  Reply by_voided = lrs().Get("/xapi/statements?voidedStatementId=" + target);
  ASSERT_EQ(by_voided.status, 200) << by_voided;
  EXPECT_EQ(by_voided.Json()["id"], target);
  EXPECT_EQ(by_voided.Json()["verb"]["id"], kCompleted);
  // A statement that is not voided is not found as a voided one.
  EXPECT_EQ(lrs().Get("/xapi/statements?voidedStatementId=" + other).status, 404);
  // The voiding statement itself is an ordinary statement.
  Reply v = GetById(voiding);
  ASSERT_EQ(v.status, 200) << v;
  EXPECT_EQ(v.Json()["object"]["id"], target);
}

TEST_P(XapiStatements, XAPI_00162_00163_FiltersReturnVoidingAndReferringStatementsNeverTheVoided) {
  const std::string verb = "http://example.com/verbs/reviewed-" + NewUuid().substr(0, 8);
  std::string voided = Post(Statement(verb));
  std::string voiding = Post(Voiding(voided));
  json ref = Statement(verb);
  ref["object"] = {{"objectType", "StatementRef"}, {"id", voided}};
  std::string referring = Post(ref);
  std::string unrelated = Post(Statement());

  std::vector<std::string> expected = {referring, voiding};  // newest first
  EXPECT_EQ(Ids(All("verb=" + Q(verb))), expected);
  // The same with a time window around everything.
  EXPECT_EQ(Ids(All("verb=" + Q(verb) + "&since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z")),
            expected);
  Reply one = lrs().Get("/xapi/statements?limit=1&verb=" + Q(verb));
  EXPECT_EQ(Ids(one.Json()), std::vector<std::string>{referring});
  // Unfiltered: everything but the voided statement (XAPI-00163).
  std::vector<std::string> all = Ids(All());
  EXPECT_EQ(all, (std::vector<std::string>{unrelated, referring, voiding}));
  // By activity: the voiding statement inherits its target's activity.
  std::vector<std::string> by_activity =
      Ids(All("activity=" + Q("http://example.com/activities/course-1")));
  EXPECT_EQ(std::count(by_activity.begin(), by_activity.end(), voided), 0);
  EXPECT_EQ(std::count(by_activity.begin(), by_activity.end(), voiding), 1);
}

// Communication 2.1.3: a statement that targets another meets the filters its target meets, also
// when the target is stored after it (in a later request, or later in the same batch), and down
// a chain of references.
TEST_P(XapiStatements, StatementsThatReferToALaterTargetMeetItsFiltersOnceItArrives) {
  const std::string verb = "http://example.com/verbs/graded-" + NewUuid().substr(0, 8);
  const std::string target = NewUuid();
  json ref = Statement(kAttempted, "http://example.com/activities/other");
  ref["object"] = {{"objectType", "StatementRef"}, {"id", target}};
  const std::string early = Post(ref);
  json chained = Statement(kAttempted, "http://example.com/activities/other");
  chained["object"] = {{"objectType", "StatementRef"}, {"id", early}};
  const std::string second = Post(chained);
  EXPECT_TRUE(All("verb=" + Q(verb)).empty());

  json late = Statement(verb);
  late["id"] = target;
  Post(late);
  std::vector<std::string> expected = {target, second, early};  // newest first
  EXPECT_EQ(Ids(All("verb=" + Q(verb))), expected);

  // Within one batch: the referring statement comes first.
  const std::string verb2 = "http://example.com/verbs/rated-" + NewUuid().substr(0, 8);
  const std::string target2 = NewUuid();
  json first = Statement(kAttempted, "http://example.com/activities/other");
  first["id"] = NewUuid();
  first["object"] = {{"objectType", "StatementRef"}, {"id", target2}};
  json then = Statement(verb2);
  then["id"] = target2;
  Reply r = lrs().Post("/xapi/statements", json::array({first, then}).dump());
  ASSERT_EQ(r.status, 200) << r;
  std::vector<std::string> found = Ids(All("verb=" + Q(verb2)));
  std::sort(found.begin(), found.end());
  std::vector<std::string> want = {first["id"].get<std::string>(), target2};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(found, want);
}

TEST_P(XapiStatements, XAPI_00019_VoidingAnUnknownStatementIsAccepted) {
  const std::string unknown = NewUuid();
  std::string voiding = Post(Voiding(unknown));
  EXPECT_EQ(GetById(voiding).status, 200);
  // When the target arrives later, it is already voided.
  json late = Statement();
  late["id"] = unknown;
  Post(late);
  EXPECT_EQ(GetById(unknown).status, 404);
  EXPECT_EQ(lrs().Get("/xapi/statements?voidedStatementId=" + unknown).status, 200);
}

TEST_P(XapiStatements, XAPI_00017_TheVoidedVerbNeedsAStatementRef) {
  json s = Statement(kVoided);
  Reply r = lrs().Post("/xapi/statements", s.dump());
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Field(), "/object/objectType");
  EXPECT_TRUE(All().empty());
}

TEST_P(XapiStatements, XAPI_00016_AVoidingStatementCannotBeVoided) {
  std::string target = Post(Statement());
  std::string voiding = Post(Voiding(target));
  Reply r = lrs().Post("/xapi/statements", Voiding(voiding).dump());
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(GetById(voiding).status, 200) << "the voiding statement stays visible";
  EXPECT_EQ(lrs().Get("/xapi/statements?voidedStatementId=" + voiding).status, 404);
}

// ---- attachments ----

TEST_P(XapiStatements, XAPI_00167_00161_MultipartAttachmentIsStoredAndReturned) {
  const std::string data = "Hello, attachment!\r\nline two\0binary"s;
  json s = Statement();
  s["id"] = NewUuid();
  s["attachments"] = json::array({TextAttachment(data)});
  Reply r = lrs().Post("/xapi/statements", Multipart(s.dump(), {{.data = data}}), MultipartType());
  ASSERT_EQ(r.status, 200) << r;
  const std::string id = s["id"];
  const std::string sha2 = Sha256(data);

  Reply with = GetById(id, "&attachments=true");
  ASSERT_EQ(with.status, 200) << with;
  auto parts = SplitMultipart(with);
  ASSERT_EQ(parts.size(), 2u) << with.body;
  EXPECT_TRUE(Contains(parts[0].headers, "Content-Type: application/json")) << parts[0].headers;
  EXPECT_EQ(json::parse(parts[0].body)["id"], id);
  EXPECT_TRUE(Contains(parts[1].headers, "X-Experience-API-Hash: " + sha2)) << parts[1].headers;
  EXPECT_TRUE(Contains(parts[1].headers, "Content-Transfer-Encoding: binary"));
  EXPECT_EQ(parts[1].body, data) << "the raw bytes come back";
  EXPECT_EQ(Occurrences(with.body, sha2), 2u) << "once in the statement, once in the part header";

  // Without attachments=true: JSON only, no data (XAPI-00161).
  for (std::string query : {"", "&attachments=false"}) {
    Reply plain = GetById(id, query);
    EXPECT_EQ(plain.Header("Content-Type").rfind("application/json", 0), 0u);
    EXPECT_FALSE(Contains(plain.body, "Hello, attachment!"));
    EXPECT_EQ(plain.Json()["attachments"][0]["sha2"], sha2);
  }
  // A statement query returns the StatementResult first and the data after it.
  Reply query = lrs().Get("/xapi/statements?attachments=true");
  ASSERT_EQ(query.status, 200) << query;
  auto query_parts = SplitMultipart(query);
  ASSERT_EQ(query_parts.size(), 2u);
  EXPECT_EQ(json::parse(query_parts[0].body)["statements"][0]["id"], id);
  EXPECT_EQ(query_parts[1].body, data);
}

TEST_P(XapiStatements, XAPI_00132_AttachmentWithTheWrongHashIs400AndNothingIsStored) {
  const std::string data = "the real content";
  json s = Statement();
  s["id"] = NewUuid();
  s["attachments"] = json::array({TextAttachment(data)});
  // The part declares the statement's hash but carries other bytes.
  Reply r = lrs().Post("/xapi/statements",
                       Multipart(s.dump(), {{.data = "tampered content", .hash = Sha256(data)}}),
                       MultipartType());
  EXPECT_EQ(r.status, 400) << r;
  // A part without X-Experience-API-Hash.
  std::string no_hash =
      "--" + std::string(kBoundary) + "\r\nContent-Type: application/json\r\n\r\n" + s.dump() +
      "\r\n--" + kBoundary +
      "\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\n\r\n" + data +
      "\r\n--" + kBoundary + "--\r\n";
  Reply r2 = lrs().Post("/xapi/statements", no_hash, MultipartType());
  EXPECT_EQ(r2.status, 400) << r2;
  EXPECT_EQ(GetById(s["id"]).status, 404);
}

TEST_P(XapiStatements, XAPI_00128_APartThatMatchesNoAttachmentIs400) {
  json s = Statement();
  s["id"] = NewUuid();
  json a = TextAttachment("elsewhere");
  a["fileUrl"] = "https://files.example.com/elsewhere.txt";
  s["attachments"] = json::array({a});
  Reply r = lrs().Post("/xapi/statements", Multipart(s.dump(), {{.data = "stray part"}}),
                       MultipartType());
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(GetById(s["id"]).status, 404);
}

TEST_P(XapiStatements, XAPI_00129_AttachmentWithNeitherPartNorFileUrlIs400) {
  json s = Statement();
  s["id"] = NewUuid();
  s["attachments"] = json::array({TextAttachment("missing")});
  Reply r = lrs().Post("/xapi/statements", s.dump());
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Field(), "/attachments/0/sha2");
  // In a multipart request that lacks the part too.
  Reply r2 = lrs().Post("/xapi/statements", Multipart(s.dump(), {}), MultipartType());
  EXPECT_EQ(r2.status, 400) << r2;
  EXPECT_EQ(GetById(s["id"]).status, 404);
}

TEST_P(XapiStatements, XAPI_00127_MultipartFormDataIs400) {
  const std::string data = "form data is not xAPI";
  json s = Statement();
  s["id"] = NewUuid();
  s["attachments"] = json::array({TextAttachment(data)});
  Reply r = lrs().Post("/xapi/statements", Multipart(s.dump(), {{.data = data}}),
                       "multipart/form-data; boundary=" + std::string(kBoundary));
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(GetById(s["id"]).status, 404);
}

TEST_P(XapiStatements, XAPI_00104_FileUrlAttachmentNeedsNoPart) {
  json s = Statement();
  s["id"] = NewUuid();
  json a = TextAttachment("remote certificate");
  a["fileUrl"] = "https://files.example.com/certificate.pdf";
  s["attachments"] = json::array({a});
  Reply r = lrs().Post("/xapi/statements", s.dump());
  ASSERT_EQ(r.status, 200) << r;
  json got = GetById(s["id"]).Json();
  EXPECT_EQ(got["attachments"][0]["fileUrl"], "https://files.example.com/certificate.pdf");
}

TEST_P(XapiStatements, XAPI_00130_00131_00133_00134_00135_MalformedMultipartIsRejected) {
  const std::string data = "payload";
  json s = Statement();
  s["id"] = NewUuid();
  s["attachments"] = json::array({TextAttachment(data)});
  const std::string good = Multipart(s.dump(), {{.data = data}});
  struct Case {
    const char* requirement;
    std::string body;
    std::string type;
  };
  std::string text_first = good;
  text_first.replace(text_first.find("application/json"), 16, "text/plain");
  const std::vector<Case> cases = {
      {"XAPI-00135 base64 part",
       Multipart(s.dump(), {{.data = data, .transfer_encoding = "base64"}}), MultipartType()},
      {"XAPI-00134 first part not JSON", text_first, MultipartType()},
      {"XAPI-00131 no boundary parameter", good, "multipart/mixed"},
      {"XAPI-00131 body does not start with the boundary", "garbage" + good.substr(2),
       MultipartType()},
      {"XAPI-00130 no close delimiter", good.substr(0, good.rfind("--" + std::string(kBoundary))),
       MultipartType()},
      {"XAPI-00133 statements in two JSON parts",
       "--" + std::string(kBoundary) + "\r\nContent-Type: application/json\r\n\r\n" +
           Statement().dump() + "\r\n" + good.substr(0),
       MultipartType()},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.requirement);
    Reply r = lrs().Post("/xapi/statements", c.body, c.type);
    EXPECT_EQ(r.status, 400) << r;
  }
  EXPECT_TRUE(All().empty());
  // The well-formed request is accepted, so the cases above failed for their defect.
  EXPECT_EQ(lrs().Post("/xapi/statements", good, MultipartType()).status, 200);
}

// ---- signed statements ----

struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

Key RsaKey() {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), 2048) != 1 ||
      EVP_PKEY_keygen(ctx.get(), &key) != 1) {
    ADD_FAILURE() << "RSA key generation failed";
  }
  return Key(key);
}

std::string CertificateDer(EVP_PKEY* key) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 7);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("conformance signer"), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), name);
  X509_sign(cert.get(), key, EVP_sha256());
  int size = i2d_X509(cert.get(), nullptr);
  std::string der(static_cast<size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  i2d_X509(cert.get(), &out);
  return der;
}

std::string RsaSha256(EVP_PKEY* key, const std::string& input) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t size = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(input.data());
  EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key);
  EVP_DigestSign(ctx.get(), nullptr, &size, in, input.size());
  std::string sig(size, '\0');
  EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &size, in, input.size());
  sig.resize(size);
  return sig;
}

std::string HmacSha256(const std::string& key, const std::string& input) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

class XapiSignedStatements : public XapiTest {
 protected:
  static void SetUpTestSuite() {
    signer_ = RsaKey().release();
    stranger_ = RsaKey().release();
  }
  static void TearDownTestSuite() {
    EVP_PKEY_free(signer_);
    EVP_PKEY_free(stranger_);
  }
  static json Original() {
    json s = Statement();
    s["id"] = NewUuid();
    s["timestamp"] = "2024-05-01T12:00:00.123Z";
    return s;
  }
  // Compact JWS over `payload`; with `x5c` the signer's certificate is in the header.
  static std::string Jws(const std::string& payload, const std::string& alg = "RS256",
                         EVP_PKEY* key = signer_, bool x5c = true) {
    json header = {{"alg", alg}};
    if (x5c) header["x5c"] = json::array({Base64(CertificateDer(signer_))});
    std::string input = Base64Url(header.dump()) + "." + Base64Url(payload);
    std::string sig = alg == "HS256" ? HmacSha256("shared secret", input) : RsaSha256(key, input);
    return input + "." + Base64Url(sig);
  }
  // POSTs `statement` with `jws` as its signature attachment.
  Reply PostSigned(json statement, const std::string& jws,
                   const std::string& type = "application/octet-stream") {
    statement["attachments"] =
        json::array({{{"usageType", "http://adlnet.gov/expapi/attachments/signature"},
                      {"display", {{"en-US", "Signature"}}},
                      {"contentType", type},
                      {"length", jws.size()},
                      {"sha2", Sha256(jws)}}});
    return lrs().Post("/xapi/statements",
                      Multipart(statement.dump(), {{.data = jws, .content_type = type}}),
                      MultipartType());
  }
  static EVP_PKEY* signer_;
  static EVP_PKEY* stranger_;
};
EVP_PKEY* XapiSignedStatements::signer_ = nullptr;
EVP_PKEY* XapiSignedStatements::stranger_ = nullptr;

TEST_P(XapiSignedStatements, XAPI_00115_00117_Rs256SignedStatementIsAcceptedWithItsSignature) {
  json s = Original();
  std::string jws = Jws(s.dump());
  Reply r = PostSigned(s, jws);
  ASSERT_EQ(r.status, 200) << r;
  Reply got = GetById(s["id"], "&attachments=true");
  ASSERT_EQ(got.status, 200);
  EXPECT_TRUE(Contains(got.body, jws)) << "the signature is returned with the statement";
  // Without x5c the signature cannot be checked against a key, but is still well formed.
  json other = Original();
  EXPECT_EQ(PostSigned(other, Jws(other.dump(), "RS256", signer_, false)).status, 200);
}

TEST_P(XapiSignedStatements, XAPI_00117_Hs256SignatureIs400) {
  json s = Original();
  Reply r = PostSigned(s, Jws(s.dump(), "HS256", nullptr, false));
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Field(), "/attachments/0");
  EXPECT_EQ(GetById(s["id"]).status, 404);
}

TEST_P(XapiSignedStatements, XAPI_00116_SignatureOfAnotherStatementOrByAnotherKeyIs400) {
  json s = Original();
  json other = s;
  other["verb"]["id"] = kAttempted;
  Reply payload = PostSigned(s, Jws(other.dump()));
  EXPECT_EQ(payload.status, 400) << payload;
  // x5c names the signer's certificate, but a stranger signed.
  Reply key = PostSigned(s, Jws(s.dump(), "RS256", stranger_));
  EXPECT_EQ(key.status, 400) << key;
  // The payload is not JSON.
  std::string broken = s.dump();
  broken[broken.find('"')] = '\'';
  Reply not_json = PostSigned(s, Jws(broken));
  EXPECT_EQ(not_json.status, 400) << not_json;
  // The signature attachment must be application/octet-stream.
  Reply type = PostSigned(s, Jws(s.dump()), "text/plain; charset=ascii");
  EXPECT_EQ(type.status, 400) << type;
  EXPECT_EQ(GetById(s["id"]).status, 404);
}

XAPI_INSTANTIATE(XapiStatements);
XAPI_INSTANTIATE(XapiSignedStatements);

}  // namespace
}  // namespace attune::xapi_conformance
