// Forwarding to an external LRS (issue 6, item 5): a durable outbox written with the statements,
// delivery in order with retries and back-off, refusals set aside, admin settings over the API.
// The external LRS is a second, real Attune server, or a scripted HTTP server where a test needs
// an LRS that misbehaves.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>

#include "services/xapi/lrs_erasure.h"
#include "xapi/xapi_conformance.h"

namespace attune::xapi_conformance {
namespace {

constexpr int64_t kStart = 1'790'000'000'000;  // 2026-09-21

// A port on which nothing listens (bound for a moment to pick it, then closed).
int ClosedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), len), 0);
  EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// An LRS that answers as a test tells it to, and records what it was sent.
class ScriptedLrs {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  explicit ScriptedLrs(Handler handler) : handler_(std::move(handler)) {
    auto record = [this](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard lock(mu_);
        requests_.push_back(req.method + " " + req.path +
                            (req.has_param("statementId")
                                 ? "?statementId=" + req.get_param_value("statementId")
                                 : ""));
        authorization_ = req.get_header_value("Authorization");
        version_ = req.get_header_value("X-Experience-API-Version");
      }
      handler_(req, res);
    };
    server_.Post("/lrs/xapi/statements", record);
    server_.Put("/lrs/xapi/statements", record);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~ScriptedLrs() {
    server_.stop();
    thread_.join();
  }
  std::string endpoint() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/lrs/xapi/";
  }
  std::vector<std::string> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }
  std::string authorization() {
    std::lock_guard lock(mu_);
    return authorization_;
  }
  std::string version() {
    std::lock_guard lock(mu_);
    return version_;
  }

 private:
  Handler handler_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> requests_;
  std::string authorization_, version_;
};

class XapiForwarding : public XapiTest {
 protected:
  void SetUp() override {
    ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
    Start(nullptr, &clock_);
    server_->app().forwarder().set_timeout_ms(5000);
    admin_ = server_->Login("admin@demo.attune.test");
  }

  // The customer's LRS: another Attune, with a credential of its demo organisation.
  void StartExternal() {
    external_ = std::make_unique<testing::TestServer>("sqlite");
    Principal cli;
    cli.person_id = "cli";
    cli.org_id = OrgIdOn(*external_, "demo");
    cli.roles = {"admin"};
    cli.via = Principal::Via::kCli;
    auto c = external_->app().lrs_credentials().Create(cli, "attune feeder", {"read", "write"});
    ASSERT_TRUE(c.ok());
    external_credential_ = {c->record.key, c->secret};
    external_lrs_ = std::make_unique<XapiClient>(external_->port(), external_credential_);
  }
  static std::string OrgIdOn(testing::TestServer& s, const std::string& slug) {
    std::optional<Organisation> org;
    (void)s.app().store().Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(org, tx.organisations().FindBySlug(slug));
      return Ok();
    });
    return org ? org->id : "";
  }
  std::string ExternalEndpoint() const {
    return "http://127.0.0.1:" + std::to_string(external_->port()) + "/xapi/";
  }

  json SetForwarding(json body, int expect = 200) {
    int status = 0;
    json out = server_->Json(admin_, "PUT", "/api/v1/lrs/forwarding", body.dump(), &status);
    EXPECT_EQ(status, expect) << out.dump();
    return out;
  }
  json Forwarding() {
    int status = 0;
    json out = server_->Json(admin_, "GET", "/api/v1/lrs/forwarding", "", &status);
    EXPECT_EQ(status, 200) << out.dump();
    return out;
  }
  ForwardingPass RunForwarder() {
    auto pass = server_->app().forwarder().RunDue();
    EXPECT_TRUE(pass.ok()) << (pass.ok() ? "" : pass.error().message);
    return pass.ok() ? *pass : ForwardingPass{};
  }
  std::vector<std::string> PostBatch(int n, const std::string& verb = kCompleted) {
    json batch = json::array();
    for (int i = 0; i < n; ++i) {
      json s = Statement(verb, "http://example.com/activities/course-" + std::to_string(i));
      s["id"] = NewUuid();
      batch.push_back(s);
    }
    Reply r = lrs().Post("/xapi/statements", batch.dump());
    EXPECT_EQ(r.status, 200) << r;
    return r.Json().get<std::vector<std::string>>();
  }

  ManualClock clock_{kStart};
  testing::Session admin_;
  std::unique_ptr<testing::TestServer> external_;
  Credential external_credential_;
  std::unique_ptr<XapiClient> external_lrs_;
};

TEST_P(XapiForwarding, DeliversEveryStatementInOrderWithAttachmentsAndVoidsToAnotherLrs) {
  StartExternal();
  json status = SetForwarding({{"endpoint", ExternalEndpoint()},
                               {"username", external_credential_.key},
                               {"password", external_credential_.secret}});
  EXPECT_EQ(status["configured"], true);
  EXPECT_EQ(status["pending"], 0);
  EXPECT_FALSE(status.contains("password")) << "the password is write-only";

  std::vector<std::string> sent = PostBatch(150);
  const std::string voided = sent[3];
  sent.push_back(Post(Voiding(voided)));
  // A statement with an attachment, sent as multipart/mixed.
  const std::string data = "a transcript of the meeting";
  json with_attachment = Statement();
  with_attachment["attachments"] = json::array({TextAttachment(data)});
  Reply r = lrs().Post("/xapi/statements", Multipart(with_attachment.dump(), {{.data = data}}),
                       MultipartType());
  ASSERT_EQ(r.status, 200) << r;
  sent.push_back(r.Json()[0]);
  EXPECT_EQ(Forwarding()["pending"], 152);

  ForwardingPass pass = RunForwarder();
  EXPECT_EQ(pass.delivered, 152);
  EXPECT_EQ(pass.failures, 0);
  status = Forwarding();
  EXPECT_EQ(status["pending"], 0);
  EXPECT_EQ(status["delivered"], 152);
  EXPECT_EQ(status["last_error"], nullptr);

  // The other LRS holds the same statements (the voided one only by voidedStatementId), stored
  // in the order Attune stored them.
  std::vector<std::string> there = Ids(All("ascending=true", external_lrs_.get()));
  std::vector<std::string> expected = sent;
  expected.erase(std::find(expected.begin(), expected.end(), voided));
  EXPECT_EQ(there, expected);
  EXPECT_EQ(external_lrs_->Get("/xapi/statements?voidedStatementId=" + voided).status, 200);
  Reply attached =
      external_lrs_->Get("/xapi/statements?statementId=" + sent.back() + "&attachments=true");
  EXPECT_EQ(attached.status, 200);
  EXPECT_NE(attached.body.find(data), std::string::npos) << "the attachment was not forwarded";

  // Nothing is sent twice: a further pass has nothing to do.
  EXPECT_EQ(RunForwarder().delivered, 0);
  EXPECT_EQ(All("", external_lrs_.get()).size(), 151u);
}

TEST_P(XapiForwarding, NothingIsLostWhileTheOtherLrsIsDownAndRetriesBackOff) {
  SetForwarding({{"endpoint", "http://127.0.0.1:" + std::to_string(ClosedPort()) + "/xapi"},
                 {"username", "feeder"},
                 {"password", "s3cret"}});
  std::vector<std::string> sent = PostBatch(30);

  ForwardingPass pass = RunForwarder();
  EXPECT_EQ(pass.failures, 1);
  EXPECT_EQ(pass.delivered, 0);
  json status = Forwarding();
  EXPECT_EQ(status["pending"], 30);
  EXPECT_EQ(status["failed_attempts"], 1);
  EXPECT_NE(status["last_error"].get<std::string>().find("could not reach"), std::string::npos)
      << status.dump();
  EXPECT_EQ(status["next_attempt_at"], FormatIso8601Millis(kStart + 1000));

  // Backed off: not due until a second has passed, then two, then four.
  EXPECT_EQ(RunForwarder().organisations, 0);
  clock_.Advance(1000);
  EXPECT_EQ(RunForwarder().failures, 1);
  EXPECT_EQ(Forwarding()["next_attempt_at"], FormatIso8601Millis(kStart + 1000 + 2000));
  clock_.Advance(2000);
  EXPECT_EQ(RunForwarder().failures, 1);
  EXPECT_EQ(Forwarding()["failed_attempts"], 3);
  EXPECT_EQ(Forwarding()["next_attempt_at"], FormatIso8601Millis(kStart + 3000 + 4000));

  // Statements stored meanwhile queue behind; the admin points forwarding at the right LRS and
  // everything arrives, in order, at once.
  std::vector<std::string> later = PostBatch(5);
  sent.insert(sent.end(), later.begin(), later.end());
  StartExternal();
  SetForwarding({{"endpoint", ExternalEndpoint()},
                 {"username", external_credential_.key},
                 {"password", external_credential_.secret}});
  EXPECT_EQ(Forwarding()["failed_attempts"], 0);
  EXPECT_EQ(RunForwarder().delivered, 35);
  EXPECT_EQ(Ids(All("ascending=true", external_lrs_.get())), sent);
}

TEST_P(XapiForwarding, StatementsTheOtherLrsRefusesAreSetAsideAndTheQueueMovesOn) {
  std::vector<std::string> sent = PostBatch(4);
  const std::string refused = sent[2];
  ScriptedLrs other([&](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "POST") {
      res.status = 400;  // the batch: one statement in it is unacceptable there
      res.set_content(R"({"error":"bad extension"})", "application/json");
    } else if (req.get_param_value("statementId") == refused) {
      res.status = 400;
      res.set_content(R"({"error":"extension http://x is not allowed"})", "application/json");
    } else {
      res.status = 204;
    }
  });
  SetForwarding({{"endpoint", other.endpoint()},
                 {"username", "feeder"},
                 {"password", "s3cret"},
                 {"backfill", true}});
  ForwardingPass pass = RunForwarder();
  EXPECT_EQ(pass.delivered, 3);
  EXPECT_EQ(pass.rejected, 1);
  json status = Forwarding();
  EXPECT_EQ(status["pending"], 0);
  EXPECT_EQ(status["delivered"], 3);
  EXPECT_EQ(status["rejected"], 1);
  ASSERT_EQ(status["recent_rejections"].size(), 1u);
  EXPECT_EQ(status["recent_rejections"][0]["statement_id"], refused);
  EXPECT_EQ(status["recent_rejections"][0]["status"], 400);
  EXPECT_NE(status["recent_rejections"][0]["error"].get<std::string>().find("not allowed"),
            std::string::npos);
  // One batch, then each statement by PUT, in order; with the credentials and version header.
  std::vector<std::string> expected = {"POST /lrs/xapi/statements"};
  for (const auto& id : sent) expected.push_back("PUT /lrs/xapi/statements?statementId=" + id);
  EXPECT_EQ(other.requests(), expected);
  EXPECT_EQ(other.authorization(), "Basic " + Base64("feeder:s3cret"));
  EXPECT_EQ(other.version(), "1.0.3");
}

TEST_P(XapiForwarding, RefusedCredentialsAndOverloadAreRetriedNotDropped) {
  std::atomic<int> answer{401};
  ScriptedLrs other([&](const httplib::Request&, httplib::Response& res) {
    res.status = answer;
    if (answer == 503) res.set_header("Retry-After", "120");
  });
  SetForwarding({{"endpoint", other.endpoint()}, {"username", "feeder"}, {"password", "wrong"}});
  PostBatch(3);
  EXPECT_EQ(RunForwarder().failures, 1);
  json status = Forwarding();
  EXPECT_EQ(status["pending"], 3);
  EXPECT_EQ(status["rejected"], 0);
  EXPECT_NE(status["last_error"].get<std::string>().find("401"), std::string::npos);

  // Overloaded: it asks for two minutes, and gets them.
  answer = 503;
  clock_.Advance(1000);
  EXPECT_EQ(RunForwarder().failures, 1);
  EXPECT_EQ(Forwarding()["next_attempt_at"], FormatIso8601Millis(kStart + 1000 + 120'000));
  // The admin may ask for a retry now.
  int code = 0;
  server_->Json(admin_, "POST", "/api/v1/lrs/forwarding/retry", "", &code);
  EXPECT_EQ(code, 204);
  answer = 200;
  EXPECT_EQ(RunForwarder().delivered, 3);
  EXPECT_EQ(Forwarding()["pending"], 0);
}

TEST_P(XapiForwarding, PausedForwardingQueuesAndOnlyBackfillSendsWhatWasStoredBefore) {
  const std::vector<std::string> before = PostBatch(2);
  StartExternal();
  json status = SetForwarding({{"endpoint", ExternalEndpoint()},
                               {"username", external_credential_.key},
                               {"password", external_credential_.secret},
                               {"enabled", false}});
  EXPECT_EQ(status["pending"], 0) << "statements stored before are not sent without backfill";
  std::vector<std::string> after = PostBatch(3);
  EXPECT_EQ(RunForwarder().organisations, 0) << "paused";
  EXPECT_EQ(Forwarding()["pending"], 3);

  // Resume with back-fill: the earlier statements join the queue, and order is storage order.
  status = SetForwarding({{"endpoint", ExternalEndpoint()},
                          {"username", external_credential_.key},
                          {"backfill", true}});
  EXPECT_EQ(status["backfilled"], 2);
  EXPECT_EQ(status["pending"], 5);
  EXPECT_EQ(RunForwarder().delivered, 5);
  std::vector<std::string> all = before;
  all.insert(all.end(), after.begin(), after.end());
  EXPECT_EQ(Ids(All("ascending=true", external_lrs_.get())), all);
}

TEST_P(XapiForwarding, SettingsAreValidatedAdminOnlyAuditedAndThePasswordIsSealed) {
  // Bad input: a clear 400 naming the field, and nothing set up.
  json e = SetForwarding(
      {{"endpoint", "ftp://lrs.example.com/"}, {"username", "u"}, {"password", "p"}}, 400);
  EXPECT_EQ(e["error"]["field"], "endpoint");
  e = SetForwarding({{"endpoint", "https://lrs.example.com/xapi/"}, {"username", "u"}}, 400);
  EXPECT_EQ(e["error"]["field"], "password");
  e = SetForwarding(
      {{"endpoint", "https://lrs.example.com/xapi/"}, {"username", "a:b"}, {"password", "p"}}, 400);
  EXPECT_EQ(e["error"]["field"], "username");
  e = SetForwarding({{"endpoint", "https://lrs.example.com/xapi/"},
                     {"username", "u"},
                     {"password", "p"},
                     {"retries", 3}},
                    400);
  EXPECT_EQ(Forwarding()["configured"], false);
  // Not for learners.
  testing::Session liam = server_->Login("liam@demo.attune.test");
  int code = 0;
  server_->Json(
      liam, "PUT", "/api/v1/lrs/forwarding",
      json({{"endpoint", "https://lrs.example.com/xapi/"}, {"username", "u"}, {"password", "p"}})
          .dump(),
      &code);
  EXPECT_EQ(code, 403);
  server_->Json(liam, "GET", "/api/v1/lrs/forwarding", "", &code);
  EXPECT_EQ(code, 403);

  json set = SetForwarding({{"endpoint", "https://lrs.example.com/xapi"},
                            {"username", "feeder"},
                            {"password", "correct horse battery staple"}});
  EXPECT_EQ(set["endpoint"], "https://lrs.example.com/xapi/");
  // Sealed at rest: neither the database nor the API hold it in clear.
  std::optional<ForwardingRecord> stored;
  ASSERT_TRUE(server_->app()
                  .store()
                  .Read([&](StoreTx& tx) -> Status {
                    ASSIGN_OR_RETURN(stored, tx.forwarding().Find(demo_org_));
                    return Ok();
                  })
                  .ok());
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->sealed_password.find("correct horse"), std::string::npos);
  EXPECT_FALSE(stored->sealed_password.empty());
  EXPECT_EQ(Forwarding().dump().find("correct horse"), std::string::npos);

  // Removing it drops the queue; later statements are not queued.
  PostBatch(2);
  EXPECT_EQ(Forwarding()["pending"], 2);
  server_->Json(admin_, "DELETE", "/api/v1/lrs/forwarding", "", &code);
  EXPECT_EQ(code, 204);
  server_->Json(admin_, "DELETE", "/api/v1/lrs/forwarding", "", &code);
  EXPECT_EQ(code, 404);
  PostBatch(1);
  EXPECT_EQ(Forwarding()["configured"], false);
  std::vector<AuditEntry> audit;
  ASSERT_TRUE(server_->app()
                  .store()
                  .Read([&](StoreTx& tx) -> Status {
                    ASSIGN_OR_RETURN(audit, tx.audit().ListAfter(0, 1000));
                    return Ok();
                  })
                  .ok());
  int set_entries = 0, removed_entries = 0;
  for (const auto& a : audit) {
    set_entries += a.action == "lrs.forwarding_set";
    removed_entries += a.action == "lrs.forwarding_removed";
    EXPECT_EQ(a.detail.find("correct horse"), std::string::npos);
  }
  EXPECT_EQ(set_entries, 1);
  EXPECT_EQ(removed_entries, 1);
}

TEST_P(XapiForwarding, AStatementAndItsPlaceInTheQueueAreWrittenTogether) {
  SetForwarding({{"endpoint", "https://lrs.example.com/xapi/"},
                 {"username", "feeder"},
                 {"password", "p"},
                 {"enabled", false}});
  // A batch refused as a whole queues nothing.
  json batch = json::array({Statement(), Statement()});
  batch[1]["verb"]["id"] = "not an IRI";
  EXPECT_EQ(lrs().Post("/xapi/statements", batch.dump()).status, 400);
  EXPECT_EQ(Forwarding()["pending"], 0);
  // A statement resent unchanged is stored once and queued once.
  json s = Statement();
  s["id"] = NewUuid();
  Post(s);
  Post(s);
  EXPECT_EQ(Forwarding()["pending"], 1);
}

TEST_P(XapiForwarding, AQueueLeasedByAnotherServerIsLeftToItUntilTheLeaseRunsOut) {
  StartExternal();
  SetForwarding({{"endpoint", ExternalEndpoint()},
                 {"username", external_credential_.key},
                 {"password", external_credential_.secret}});
  PostBatch(3);
  // Another server sharing the database took the queue, then stopped without releasing it.
  ASSERT_TRUE(server_->app()
                  .store()
                  .Write([&](StoreTx& tx) -> Status {
                    ASSIGN_OR_RETURN(bool taken,
                                     tx.forwarding().Lease(demo_org_, kStart, kStart + 15'000));
                    EXPECT_TRUE(taken);
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(RunForwarder().organisations, 0);
  EXPECT_EQ(Forwarding()["pending"], 3);
  clock_.Advance(15'000);
  EXPECT_EQ(RunForwarder().delivered, 3);
}

TEST_P(XapiForwarding, ErasureTakesQueuedStatementsAlongAndNamesTheLrsThatHasCopies) {
  SetForwarding({{"endpoint", "https://lrs.example.com/xapi/"},
                 {"username", "feeder"},
                 {"password", "p"},
                 {"enabled", false}});
  json liams = Statement(kCompleted, "http://example.com/a", "mailto:liam@demo.attune.test");
  Post(liams);
  PostBatch(2);
  EXPECT_EQ(Forwarding()["pending"], 3);
  std::optional<Person> liam;
  (void)server_->app().store().Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(liam, tx.people().FindByEmail("liam@demo.attune.test"));
    return Ok();
  });
  ASSERT_TRUE(liam);
  Principal cli;
  cli.person_id = "cli";
  cli.org_id = demo_org_;
  cli.roles = {"admin"};
  cli.via = Principal::Via::kCli;
  auto report = LrsErasure(server_->app().context()).ErasePerson(cli, liam->id);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->statements, 1);
  EXPECT_EQ(report->forwarded_to, "https://lrs.example.com/xapi/");
  EXPECT_EQ(Forwarding()["pending"], 2);
}

XAPI_INSTANTIATE(XapiForwarding);

}  // namespace
}  // namespace attune::xapi_conformance
