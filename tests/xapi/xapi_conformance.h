#pragma once
// Shared fixture of the xAPI 1.0.3 conformance tests: the real in-process server on one backend,
// an LRS credential of the demo organisation, and a tiny client that sends HTTP Basic and the
// X-Experience-API-Version header. Test names carry the requirement ids (XAPI-nnnnn) of the
// xAPI 1.0.3 conformance requirements, so a failure says which rule broke.
#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/evp.h>

#include <functional>
#include <latch>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "services/organisation_setup.h"
#include "services/principal.h"
#include "support/test_env.h"

namespace attune::xapi_conformance {

using nlohmann::json;
using namespace std::string_literals;

inline constexpr const char* kVersion = "1.0.3";
inline constexpr const char* kVoided = "http://adlnet.gov/expapi/verbs/voided";
inline constexpr const char* kCompleted = "http://adlnet.gov/expapi/verbs/completed";
inline constexpr const char* kAttempted = "http://adlnet.gov/expapi/verbs/attempted";

struct Credential {
  std::string key;
  std::string secret;
};

// One request. By default it carries HTTP Basic credentials and the version header.
struct Request {
  std::string method = "GET";
  std::string path;
  std::string body;
  std::string content_type;  // sent only when not empty
  httplib::Headers headers;  // extra headers (they win over the defaults)
  bool auth = true;
  bool version = true;
};

struct Reply {
  int status = 0;
  std::string body;
  httplib::Headers headers;

  bool Has(const std::string& name) const { return headers.find(name) != headers.end(); }
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  json Json() const { return json::parse(body, nullptr, false); }
  // The `field` of an error body ("" when there is none).
  std::string Field() const {
    json j = Json();
    if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return "";
    return j["error"].value("field", "");
  }
};

inline std::ostream& operator<<(std::ostream& os, const Reply& r) {
  return os << r.status << " " << r.body.substr(0, 600);
}

// Percent-encodes everything but unreserved characters (for query values and form bodies).
inline std::string Q(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

inline std::string Base64(const std::string& in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

inline std::string Base64Url(const std::string& in) {
  std::string out = Base64(in);
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

inline std::string BasicAuth(const Credential& c) {
  return "Basic " + Base64(c.key + ":" + c.secret);
}

// Lower-case hex SHA-256, computed here rather than by the server's own code.
inline std::string Sha256(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

inline std::string NewUuid() {
  static std::mt19937_64 rng{std::random_device{}()};
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    int v = static_cast<int>(rng() & 15);
    if (i == 12) v = 4;
    if (i == 16) v = 8 | (v & 3);
    out += kHex[v];
  }
  return out;
}

// ISO 8601 date-time with a zone, as X-Experience-API-Consistent-Through must be.
inline bool IsIso8601(const std::string& s) {
  static const std::regex kIso(
      R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$)");
  return std::regex_match(s, kIso);
}

inline json Agent(const std::string& mbox, const std::string& name = "Learner") {
  return {{"objectType", "Agent"}, {"name", name}, {"mbox", mbox}};
}

// A small valid statement (no id: the LRS assigns one unless the test sets it).
inline json Statement(const std::string& verb = kCompleted,
                      const std::string& activity = "http://example.com/activities/course-1",
                      const std::string& mbox = "mailto:learner@example.com") {
  return {{"actor", Agent(mbox)},
          {"verb", {{"id", verb}, {"display", {{"en-US", "did"}}}}},
          {"object", {{"objectType", "Activity"}, {"id", activity}}}};
}

inline json Voiding(const std::string& target_id) {
  return {{"actor", Agent("mailto:admin@example.com", "Admin")},
          {"verb", {{"id", kVoided}, {"display", {{"en-US", "voided"}}}}},
          {"object", {{"objectType", "StatementRef"}, {"id", target_id}}}};
}

// A multipart/mixed body: the JSON part, then each attachment part (data, content type, hash).
struct Part {
  std::string data;
  std::string content_type = "text/plain";
  std::optional<std::string> hash;  // defaults to the SHA-256 of data
  std::string transfer_encoding = "binary";
};
inline constexpr const char* kBoundary = "xapi-conformance-7d1f0e9a";
inline std::string Multipart(const std::string& json_part, const std::vector<Part>& parts,
                             const std::string& boundary = kBoundary) {
  std::string out = "--" + boundary + "\r\nContent-Type: application/json\r\n\r\n" + json_part;
  for (const auto& p : parts) {
    out += "\r\n--" + boundary + "\r\nContent-Type: " + p.content_type +
           "\r\nContent-Transfer-Encoding: " + p.transfer_encoding +
           "\r\nX-Experience-API-Hash: " + p.hash.value_or(Sha256(p.data)) + "\r\n\r\n" + p.data;
  }
  return out + "\r\n--" + boundary + "--\r\n";
}
inline std::string MultipartType(const std::string& boundary = kBoundary) {
  return "multipart/mixed; boundary=" + boundary;
}

inline json TextAttachment(const std::string& data, const std::string& type = "text/plain") {
  return {{"usageType", "http://example.com/attachment-usage/test"},
          {"display", {{"en-US", "A test attachment"}}},
          {"contentType", type},
          {"length", data.size()},
          {"sha2", Sha256(data)}};
}

class XapiClient {
 public:
  XapiClient(int port, Credential credential) : port_(port), credential_(std::move(credential)) {}
  const Credential& credential() const { return credential_; }

  Reply Send(const Request& r) const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(20, 0);
    httplib::Request req;
    req.method = r.method;
    req.path = r.path;
    req.body = r.body;
    if (r.auth) req.set_header("Authorization", BasicAuth(credential_));
    if (r.version) req.set_header("X-Experience-API-Version", kVersion);
    if (!r.content_type.empty()) req.set_header("Content-Type", r.content_type);
    for (const auto& [k, v] : r.headers) {
      req.headers.erase(k);
      req.headers.emplace(k, v);
    }
    auto res = c.send(req);
    Reply out;
    if (!res) {
      ADD_FAILURE() << r.method << " " << r.path << ": no response (" << res.error() << ")";
      return out;
    }
    out.status = res->status;
    out.body = res->body;
    out.headers = res->headers;
    return out;
  }
  Reply Get(const std::string& path, httplib::Headers headers = {}) const {
    return Send({.method = "GET", .path = path, .headers = std::move(headers)});
  }
  Reply Head(const std::string& path) const { return Send({.method = "HEAD", .path = path}); }
  Reply Post(const std::string& path, const std::string& body,
             const std::string& type = "application/json", httplib::Headers headers = {}) const {
    return Send({.method = "POST",
                 .path = path,
                 .body = body,
                 .content_type = type,
                 .headers = std::move(headers)});
  }
  Reply Put(const std::string& path, const std::string& body,
            const std::string& type = "application/json", httplib::Headers headers = {}) const {
    return Send({.method = "PUT",
                 .path = path,
                 .body = body,
                 .content_type = type,
                 .headers = std::move(headers)});
  }
  Reply Delete(const std::string& path, httplib::Headers headers = {}) const {
    return Send({.method = "DELETE", .path = path, .headers = std::move(headers)});
  }

 private:
  int port_;
  Credential credential_;
};

class XapiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
    Start();
  }

  // Starts the server (SetUp does, with no tweaks) and makes a read/write credential for demo.
  void Start(std::function<void(Config&)> tweak = nullptr, const Clock* clock = nullptr) {
    server_ = std::make_unique<testing::TestServer>(GetParam(), std::move(tweak), clock);
    demo_org_ = OrgId("demo");
    lrs_ = std::make_unique<XapiClient>(server_->port(), NewCredential(demo_org_));
  }

  std::string OrgId(const std::string& slug) {
    std::optional<Organisation> org;
    Status s = server_->app().store().Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(org, tx.organisations().FindBySlug(slug));
      return Ok();
    });
    EXPECT_TRUE(s.ok() && org) << "no organisation " << slug;
    return org ? org->id : "";
  }

  // A second organisation, for isolation tests.
  std::string CreateOrg(const std::string& slug) {
    NewOrganisation in;
    in.slug = slug;
    in.name = "Other " + slug;
    in.admin_email = "admin@" + slug + ".example.com";
    in.admin_name = "Other Admin";
    in.admin_password = "other-org-password-2026";
    OrganisationSetup setup(server_->app().context());
    auto created = setup.Create(in);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created->id : "";
  }

  Credential NewCredential(const std::string& org_id,
                           std::vector<std::string> scopes = {"read", "write"},
                           const std::string& name = "conformance client") {
    Principal cli;
    cli.person_id = "cli";
    cli.org_id = org_id;
    cli.roles = {"admin"};
    cli.via = Principal::Via::kCli;
    auto created = server_->app().lrs_credentials().Create(cli, name, scopes);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    if (!created.ok()) return {};
    return {created->record.key, created->secret};
  }

  XapiClient& lrs() { return *lrs_; }

  // Whether the demo organisation holds an attachment with this content, once every statement
  // acknowledged so far is indexed (the store is read directly, not through the LRS).
  bool StoredAttachment(const std::string& data) {
    WaitForStatementIndex(server_->app().context().statement_intake);
    bool found = false;
    (void)server_->app().store().Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto a, tx.statements().FindAttachment(demo_org_, Sha256(data)));
      found = a.has_value();
      return Ok();
    });
    return found;
  }

  // POST one statement, expecting 200; returns its id.
  std::string Post(const json& statement) {
    Reply r = lrs().Post("/xapi/statements", statement.dump());
    EXPECT_EQ(r.status, 200) << r;
    json ids = r.Json();
    if (!ids.is_array() || ids.size() != 1) {
      ADD_FAILURE() << "POST did not return one id: " << r.body;
      return "";
    }
    return ids[0].get<std::string>();
  }

  Reply GetById(const std::string& id, const std::string& extra = "") {
    return lrs().Get("/xapi/statements?statementId=" + id + extra);
  }

  // Every statement visible to `client` for `query`, following `more` to the end.
  std::vector<json> All(const std::string& query = "", const XapiClient* client = nullptr) {
    const XapiClient& c = client ? *client : lrs();
    std::vector<json> out;
    std::string path = "/xapi/statements" + (query.empty() ? "" : "?" + query);
    for (int page = 0; page < 1000; ++page) {
      Reply r = c.Get(path);
      EXPECT_EQ(r.status, 200) << r;
      json body = r.Json();
      if (r.status != 200 || !body.is_object()) break;
      for (const auto& s : body["statements"]) out.push_back(s);
      std::string more = body.value("more", "");
      if (more.empty()) break;
      path = more;
    }
    return out;
  }

  static std::vector<std::string> Ids(const std::vector<json>& statements) {
    std::vector<std::string> out;
    for (const auto& s : statements) out.push_back(s.value("id", ""));
    return out;
  }
  std::vector<std::string> Ids(const json& result) {
    return Ids(result["statements"].get<std::vector<json>>());
  }

  std::unique_ptr<testing::TestServer> server_;
  std::string demo_org_;
  std::unique_ptr<XapiClient> lrs_;
};

// Runs `work(i)` for i in [0, n) on n threads released at the same moment.
inline void Concurrently(int n, const std::function<void(int)>& work) {
  std::latch start(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      work(i);
    });
  }
  for (auto& t : threads) t.join();
}

#define XAPI_INSTANTIATE(Suite)                                                                 \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::ValuesIn(::attune::testing::Backends()), \
                           [](const auto& info) { return info.param; })

}  // namespace attune::xapi_conformance
