// The LRS at scale: loads N realistic statements (~1 KB, like bench/xapi/statements.lua) into a
// database through the statement service, then measures GET /xapi/statements by verb + since,
// following `more` links, over real HTTP. Prints name=value lines.
// Usage: lrs_query_bench <sqlite-path-or-postgresql-url> <statements> [pages=400]
// Loading is skipped for statements already there, so a big database is loaded once; pages=0 only
// loads, so the queries can be timed later on an otherwise idle machine.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>

#include "core/base64.h"
#include "main/attune_app.h"
#include "services/xapi/attune_vocabulary.h"

using namespace attune;
using nlohmann::json;

namespace {

const char* kVerbs[] = {"completed", "attempted", "answered", "experienced", "passed", "failed"};

json Statement(std::mt19937_64& rng, int64_t i) {
  const int learner = static_cast<int>(rng() % 5000) + 1;
  const int item = static_cast<int>(rng() % 240) + 1;
  const std::string verb = kVerbs[i % 6];
  char reg[40];
  std::snprintf(reg, sizeof reg, "%08x-%04x-4%03x-8%03x-%012llx", unsigned(rng()),
                unsigned(rng() & 0xffff), unsigned(rng() & 0xfff), unsigned(rng() & 0xfff),
                static_cast<unsigned long long>(rng() & 0xffffffffffffULL));
  return json::parse(R"({"actor":{"objectType":"Agent","name":"Learner )" +
                     std::to_string(learner) +
                     R"(","account":{"homePage":"https://hr.example.com","name":"emp-)" +
                     std::to_string(learner) + R"("}},
    "verb":{"id":"http://adlnet.gov/expapi/verbs/)" +
                     verb + R"(","display":{"en-US":")" + verb + R"("}},
    "object":{"objectType":"Activity","id":"https://attune.example.com/items/erps-)" +
                     std::to_string(item) + R"(",
      "definition":{"type":"http://adlnet.gov/expapi/activities/cmi.interaction",
        "name":{"en-US":"Emotion recognition item )" +
                     std::to_string(item) + R"("},
        "description":{"en-US":"Which emotion is the customer most likely feeling in this e-mail?"},
        "interactionType":"choice","correctResponsesPattern":["frustration"]}},
    "result":{"score":{"scaled":0.75,"raw":3,"min":0,"max":4},"success":true,"completion":true,
      "response":"frustration","duration":"PT42.5S"},
    "context":{"registration":")" +
                     std::string(reg) + R"(","platform":"Attune","language":"en-US",
      "contextActivities":{"parent":[{"id":"https://attune.example.com/assessments/erps"}],
        "grouping":[{"id":"https://attune.example.com/courses/emotional-intelligence"}]},
      "extensions":{"https://attune.example.com/xapi/ext/seniority":"individual-contributor"}},
    "timestamp":"2026-11-22T10:15:30.123Z"})");
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: lrs_query_bench <db> <statements> [pages=400]\n");
    return 2;
  }
  const std::string db = argv[1];
  const int64_t target = std::stoll(argv[2]);
  const int pages = argc > 3 ? std::stoi(argv[3]) : 400;
  Config config;
  config.db = db;
  config.demo = true;
  config.port = 0;
  config.bind = "127.0.0.1";
  config.access_log = "off";
  auto app = AttuneApp::Create(config, PasswordCost::kMinimum);
  if (!app.ok()) {
    std::fprintf(stderr, "%s\n", app.error().message.c_str());
    return 1;
  }
  std::string org_id;
  (void)(*app)->store().Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto org, tx.organisations().FindBySlug("demo"));
    org_id = org->id;
    return Ok();
  });
  int64_t have = 0;
  (void)(*app)->store().Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(have, tx.statements().Count(org_id));
    return Ok();
  });
  // Load in transactions of 5,000 statements.
  std::mt19937_64 rng(have + 1);
  const json authority = xapi::vocabulary::ServerAuthority("http://localhost");
  auto load_start = std::chrono::steady_clock::now();
  const int64_t to_load = std::max<int64_t>(0, target - have);
  for (int64_t done = 0; done < to_load;) {
    const int64_t n = std::min<int64_t>(5000, to_load - done);
    std::vector<json> batch;
    for (int64_t i = 0; i < n; ++i) batch.push_back(Statement(rng, have + done + i));
    Status s = (*app)->store().Write([&](StoreTx& tx) -> Status {
      auto ids = (*app)->statements().AppendInTx(tx, org_id, authority, batch);
      return ids.ok() ? Ok() : Status(ids.error());
    });
    if (!s.ok()) {
      std::fprintf(stderr, "load failed: %s\n", s.error().message.c_str());
      return 1;
    }
    done += n;
    if (done % 500000 == 0) std::fprintf(stderr, "loaded %lld\n", static_cast<long long>(done));
  }
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  if (to_load > 0) {
    std::printf("load_statements=%lld\nload_statements_per_s=%.0f\n",
                static_cast<long long>(to_load), to_load / load_s);
  }
  std::printf("stored_statements=%lld\n", static_cast<long long>(std::max(have, target)));
  if (pages == 0) return 0;

  // Serve and query over HTTP, as a client would.
  Principal admin;
  admin.person_id = "cli";
  admin.org_id = org_id;
  admin.roles = {"admin"};
  admin.via = Principal::Via::kCli;
  auto cred = (*app)->lrs_credentials().Create(admin, "bench", {"read"});
  auto port = (*app)->Bind();
  std::thread serving([&] { (*app)->Serve(); });
  httplib::Client client("127.0.0.1", *port);
  client.set_keep_alive(true);
  httplib::Headers headers = {
      {"X-Experience-API-Version", "1.0.3"},
      {"Authorization", "Basic " + Base64Encode(cred->record.key + ":" + cred->secret)}};
  std::vector<double> first_page_ms, page_ms;
  int64_t returned = 0;
  for (int q = 0; static_cast<int>(page_ms.size()) < pages; ++q) {
    // verb + since, newest first, walking 10 pages through `more`.
    std::string path = "/xapi/statements?verb=http://adlnet.gov/expapi/verbs/" +
                       std::string(kVerbs[q % 6]) + "&since=2000-01-01T00:00:00Z&limit=100";
    for (int p = 0; p < 10 && !path.empty(); ++p) {
      auto t0 = std::chrono::steady_clock::now();
      auto res = client.Get(path, headers);
      double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (!res || res->status != 200) {
        std::fprintf(stderr, "query failed: %d\n", res ? res->status : -1);
        return 1;
      }
      json body = json::parse(res->body);
      returned += body["statements"].size();
      (p == 0 ? first_page_ms : page_ms).push_back(ms);
      path = body["more"].get<std::string>();
    }
  }
  std::printf("query_pages=%zu\nquery_statements=%lld\n", page_ms.size() + first_page_ms.size(),
              static_cast<long long>(returned));
  std::printf("query_first_page_p50_ms=%.2f\nquery_first_page_p95_ms=%.2f\n",
              Percentile(first_page_ms, 0.5), Percentile(first_page_ms, 0.95));
  std::printf("query_more_page_p50_ms=%.2f\nquery_more_page_p95_ms=%.2f\n",
              Percentile(page_ms, 0.5), Percentile(page_ms, 0.95));
  if (db.rfind("postgres", 0) != 0) {
    uintmax_t bytes = 0;
    for (const char* suffix : {"", "-wal"}) {
      std::error_code ec;
      auto size = std::filesystem::file_size(db + suffix, ec);
      if (!ec) bytes += size;
    }
    std::printf("bytes_per_statement=%.0f\n", double(bytes) / std::max(have, target));
  }
  (*app)->Stop();
  serving.join();
  return 0;
}
