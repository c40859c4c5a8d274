// Role-play over real HTTP on both backends (issue 5): scenarios ordered for the learner, a
// conversation played to its debrief with feedback after every reply, progress per rubric
// criterion, xAPI statements without the learner's words, and bad replies refused with nothing
// stored. Spoken replies: consent first, scored on their recognised words, the recording and its
// analysis kept only on request, bad audio refused with the session still usable.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "core/clock.h"
#include "support/test_env.h"

namespace attune::testing {
namespace {

using nlohmann::json;

class RoleplayApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ATTUNE_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<TestServer>(GetParam());
    liam_ = server_->Login("liam@demo.attune.test");
  }

  json Call(const std::string& method, const std::string& path, const json& body = nullptr,
            int expected = 200) {
    int status = 0;
    json out = server_->Json(liam_, method, path, body.is_null() ? "" : body.dump(), &status);
    EXPECT_EQ(status, expected) << method << " " << path << ": " << out.dump().substr(0, 400);
    return out;
  }

  int64_t StatementCount() {
    int64_t n = 0;
    (void)server_->app().store().Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto person, tx.people().FindByEmail("liam@demo.attune.test"));
      ASSIGN_OR_RETURN(n, tx.statements().Count(person->org_id));
      return Ok();
    });
    return n;
  }

  std::unique_ptr<TestServer> server_;
  Session liam_;
};

TEST_P(RoleplayApi, ScenariosForTheLearnersRoleComeFirst) {
  json all = Call("GET", "/api/v1/me/roleplay/scenarios")["scenarios"];
  EXPECT_GE(all.size(), 24u);
  Call("PUT", "/api/v1/me/practice/profile", {{"role", "support"}, {"seniority", "ic"}});
  all = Call("GET", "/api/v1/me/roleplay/scenarios")["scenarios"];
  ASSERT_FALSE(all.empty());
  EXPECT_TRUE(all[0]["recommended"].get<bool>());
  EXPECT_NE(std::find(all[0]["roles"].begin(), all[0]["roles"].end(), "support"),
            all[0]["roles"].end())
      << all[0];
}

TEST_P(RoleplayApi, AConversationRunsToADebriefWithFeedbackOnEveryReply) {
  const int64_t statements_before = StatementCount();
  json s = Call("POST", "/api/v1/me/roleplay/sessions",
                {{"scenario_id", "upset-customer-payroll-lockout"}}, 201);
  const std::string id = s["id"];
  EXPECT_FALSE(s["scenario"]["rubric"].empty()) << "the rubric is visible from the start";
  EXPECT_FALSE(s["counterpart"]["says"].get<std::string>().empty());
  const double start = s["counterpart"]["state"]["intensity"];
  const std::vector<std::string> replies = {
      "That sounds really stressful, and I'm so sorry this happened right before payroll. What "
      "would help most right now?",
      "I understand, you need your people paid today. I will unlock the account now and stay on "
      "the line until the run goes through.",
      "Thank you for staying with me. I will send you a written summary this afternoon and call "
      "you tomorrow to check everything is fine.",
  };
  int turns = 0;
  while (!s["ended"].get<bool>() && turns < 15) {
    s = Call("POST", "/api/v1/me/roleplay/sessions/" + id + "/replies",
             {{"text", replies[std::min<size_t>(turns, replies.size() - 1)]}});
    ++turns;
    const json& last = s["turns"].back();
    EXPECT_FALSE(last["went_well"].empty() && last["to_try"].empty())
        << "every reply gets feedback tied to a criterion";
  }
  ASSERT_TRUE(s["ended"].get<bool>()) << "the conversation ends";
  EXPECT_EQ(s["turns"].size(), static_cast<size_t>(turns));
  const json debrief = s["debrief"];
  EXPECT_FALSE(debrief["experiment"].get<std::string>().empty());
  EXPECT_EQ(debrief["trajectory"].size(), static_cast<size_t>(turns) + 1);
  EXPECT_LT(debrief["trajectory"].back()["intensity"].get<double>(), start)
      << "acknowledging and helping calms the counterpart";
  EXPECT_EQ(debrief["rubric"].size(), s["scenario"]["rubric"].size());
  // Progress per criterion, and the LRS: one statement per reply and one for the completion.
  const json history = Call("GET", "/api/v1/me/roleplay/history")["criterion_scores"];
  EXPECT_EQ(history.size(), debrief["rubric"].size());
  EXPECT_EQ(StatementCount() - statements_before, turns + 1);
  // The same session read back is the same conversation (replayed from the stored turns).
  EXPECT_EQ(Call("GET", "/api/v1/me/roleplay/sessions/" + id), s);
  // The learner's export holds the conversation, words included; the LRS never had the words.
  const json exported = Call("GET", "/api/v1/me/export")["roleplay"];
  ASSERT_EQ(exported["sessions"].size(), 1u);
  EXPECT_EQ(exported["sessions"][0]["turns"].size(), static_cast<size_t>(turns));
  EXPECT_EQ(exported["sessions"][0]["turns"][0]["reply"], replies[0]);
  // After the end, no more replies.
  Call("POST", "/api/v1/me/roleplay/sessions/" + id + "/replies", {{"text", "One more thing"}},
       409);
}

TEST_P(RoleplayApi, BadRepliesAreRefusedAndStoreNothing) {
  json s =
      Call("POST", "/api/v1/me/roleplay/sessions", {{"scenario_id", "shift-allocation-peer"}}, 201);
  const std::string replies =
      "/api/v1/me/roleplay/sessions/" + s["id"].get<std::string>() + "/replies";
  json e = Call("POST", replies, {{"text", "   "}}, 400);
  EXPECT_EQ(e["error"]["field"], "text");
  e = Call("POST", replies, {{"text", std::string(2001, 'a')}}, 400);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("2,000"), std::string::npos);
  Call("POST", replies, {{"words", "hello"}}, 400);
  Call("POST", "/api/v1/me/roleplay/sessions", {{"scenario_id", "no-such-scenario"}}, 404);
  EXPECT_TRUE(
      Call("GET", "/api/v1/me/roleplay/sessions/" + s["id"].get<std::string>())["turns"].empty());
  Session maya = server_->Login("maya@demo.attune.test");
  int status = 0;
  server_->Json(maya, "POST", replies, json{{"text", "Hello"}}.dump(), &status);
  EXPECT_EQ(status, 404);
  // The session is still usable after the refusals.
  EXPECT_EQ(Call("POST", replies, {{"text", "That sounds unfair. What happened?"}})["turns"].size(),
            1u);
}

std::string VoiceFixture() {
  std::ifstream in(SourceDir() + "/tests/fixtures/voice/frustrating_release.wav", std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A 16-bit mono PCM WAV of `seconds` of silence.
std::string SilentWav(double seconds, int rate) {
  auto u32 = [](std::string& s, uint32_t v) { s.append(reinterpret_cast<char*>(&v), 4); };
  auto u16 = [](std::string& s, uint16_t v) { s.append(reinterpret_cast<char*>(&v), 2); };
  const uint32_t data = static_cast<uint32_t>(seconds * rate) * 2;
  std::string w = "RIFF";
  u32(w, 36 + data);
  w += "WAVEfmt ";
  u32(w, 16);
  u16(w, 1);
  u16(w, 1);
  u32(w, static_cast<uint32_t>(rate));
  u32(w, static_cast<uint32_t>(rate * 2));
  u16(w, 2);
  u16(w, 16);
  w += "data";
  u32(w, data);
  w.append(data, '\0');
  return w;
}

TEST_P(RoleplayApi, SpokenRepliesNeedConsentAreScoredOnTheirWordsAndKeptOnlyOnRequest) {
  json s = Call("POST", "/api/v1/me/roleplay/sessions",
                {{"scenario_id", "upset-customer-payroll-lockout"}}, 201);
  const std::string path = "/api/v1/me/roleplay/sessions/" + s["id"].get<std::string>();
  const std::string wav = VoiceFixture();
  ASSERT_GT(wav.size(), 100000u);
  auto spoken = [&](const std::string& query, int expected) {
    auto r = server_->Request(liam_, "POST", path + "/spoken-replies" + query, wav, "audio/wav");
    EXPECT_EQ(r->status, expected) << r->body.substr(0, 400);
    return json::parse(r->body);
  };
  json e = spoken("", 422);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("voice_prosody"), std::string::npos);
  EXPECT_TRUE(Call("GET", path)["turns"].empty());

  Call("PUT", "/api/v1/me/consents/voice_prosody", {{"state", "granted"}});
  const int64_t statements_before = StatementCount();
  json out = spoken("", 200);
  // "I hear you. That sounds really frustrating. What happened with the release?"
  const json voice = out["spoken"]["voice"];
  EXPECT_NE(voice["transcript"].get<std::string>().find("frustrating"), std::string::npos) << voice;
  EXPECT_GT(voice["f0_mean_hz"].get<double>(), 70);
  EXPECT_GT(voice["speech_rate_syl_s"].get<double>(), 2.5);
  EXPECT_LT(voice["speech_rate_syl_s"].get<double>(), 6.0);
  EXPECT_FALSE(out["spoken"]["kept"].get<bool>());
  EXPECT_FALSE(out["spoken"]["went_well"].empty() && out["spoken"]["to_try"].empty());
  ASSERT_EQ(out["turns"].size(), 1u);
  EXPECT_TRUE(out["turns"][0]["spoken"].get<bool>());
  EXPECT_EQ(out["turns"][0]["reply"], voice["transcript"]) << "the words are scored as typed";
  EXPECT_TRUE(out["turns"][0]["voice"].is_null()) << "voice analysis is not stored by default";
  EXPECT_EQ(StatementCount(), statements_before + 1);
  auto none = server_->Request(liam_, "GET", path + "/turns/1/recording");
  EXPECT_EQ(none->status, 404);

  out = spoken("?keep=true", 200);
  ASSERT_EQ(out["turns"].size(), 2u);
  EXPECT_TRUE(out["spoken"]["kept"].get<bool>());
  EXPECT_EQ(out["turns"][1]["voice"]["syllables"], voice["syllables"]);
  auto kept = server_->Request(liam_, "GET", path + "/turns/2/recording");
  ASSERT_EQ(kept->status, 200);
  EXPECT_EQ(kept->body, wav);
  EXPECT_EQ(kept->get_header_value("Content-Type"), "audio/wav");
  Session maya = server_->Login("maya@demo.attune.test");
  EXPECT_EQ(server_->Request(maya, "GET", path + "/turns/2/recording")->status, 404);

  json exported = Call("GET", "/api/v1/me/export");
  bool found = false;
  for (const auto& session : exported["roleplay"]["sessions"]) {
    for (const auto& t : session["turns"]) found |= t.contains("recording");
  }
  EXPECT_TRUE(found) << "a kept recording is part of the learner's export";
}

TEST_P(RoleplayApi, BadAudioIsRefusedStoresNothingAndTheSessionStaysUsable) {
  Call("PUT", "/api/v1/me/consents/voice_prosody", {{"state", "granted"}});
  json s =
      Call("POST", "/api/v1/me/roleplay/sessions", {{"scenario_id", "shift-allocation-peer"}}, 201);
  const std::string path = "/api/v1/me/roleplay/sessions/" + s["id"].get<std::string>();
  auto send = [&](const std::string& body, const std::string& type, int expected,
                  const std::string& query = "") {
    auto r = server_->Request(liam_, "POST", path + "/spoken-replies" + query, body, type);
    EXPECT_EQ(r->status, expected) << type << ": " << r->body.substr(0, 300);
    return json::parse(r->body, nullptr, false);
  };
  EXPECT_EQ(send("hello", "text/plain", 415)["error"]["message"],
            "send the recording as audio/wav, audio/flac or audio/ogg");
  json e = send("RIFF....WAVEnot really audio", "audio/wav", 400);
  EXPECT_EQ(e["error"]["field"], "audio");
  EXPECT_NE(e["error"]["message"].get<std::string>().find("not audio"), std::string::npos);
  e = send(SilentWav(61, 8000), "audio/wav", 413);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("at most 60 s"), std::string::npos);
  e = send(SilentWav(1, 4000), "audio/wav", 400);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("4000 Hz"), std::string::npos);
  e = send(SilentWav(2, 16000), "audio/wav", 400);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("no words"), std::string::npos);
  send(VoiceFixture(), "audio/wav", 400, "?keep=maybe");
  Session maya = server_->Login("maya@demo.attune.test");
  auto other =
      server_->Request(maya, "POST", path + "/spoken-replies", VoiceFixture(), "audio/wav");
  EXPECT_EQ(other->status, 404);
  EXPECT_TRUE(Call("GET", path)["turns"].empty());
  EXPECT_EQ(
      Call("POST", path + "/replies", {{"text", "That sounds unfair. What happened?"}})["turns"]
          .size(),
      1u);
}

// A stand-in for a local llama.cpp or Ollama server: a real HTTP server on a free port speaking
// the OpenAI chat-completions protocol, answering as `mode` says and keeping the last request.
class ChatServer {
 public:
  ChatServer() {
    server_.Post(
        "/v1/chat/completions", [this](const httplib::Request& req, httplib::Response& res) {
          {
            std::lock_guard lock(mu_);
            last_request_ = json::parse(req.body, nullptr, false);
          }
          if (mode == Mode::kError) {
            res.status = 500;
            return;
          }
          if (mode == Mode::kSlow) std::this_thread::sleep_for(std::chrono::milliseconds(1500));
          json answer = {
              {"choices",
               {{{"message",
                  {{"role", "assistant"},
                   {"content", "Dana: \"Fine. I just need payroll to go through today.\""}}}}}}};
          res.set_content(answer.dump(), "application/json");
        });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~ChatServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  json last_request() {
    std::lock_guard lock(mu_);
    return last_request_;
  }
  enum class Mode { kOk, kError, kSlow };
  std::atomic<Mode> mode{Mode::kOk};

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  json last_request_;
};

TEST_P(RoleplayApi, AConfiguredLanguageModelWordsTheCounterpartButNeverDecidesOrScores) {
  ChatServer chat;
  server_.reset();
  server_ = std::make_unique<TestServer>(GetParam(), [&](Config& c) {
    c.counterpart_llm_url = chat.url();
    c.counterpart_llm_model = "test-model";
    c.counterpart_llm_timeout_ms = 300;
  });
  liam_ = server_->Login("liam@demo.attune.test");
  json s = Call("POST", "/api/v1/me/roleplay/sessions",
                {{"scenario_id", "upset-customer-payroll-lockout"}}, 201);
  const std::string path = "/api/v1/me/roleplay/sessions/" + s["id"].get<std::string>();
  const std::string reply =
      "That sounds really stressful, and I'm so sorry. What would help most right now?";
  json out = Call("POST", path + "/replies", {{"text", reply}});
  EXPECT_EQ(out["counterpart"]["says"], "Fine. I just need payroll to go through today.");
  EXPECT_EQ(out["counterpart"]["worded_by"], "language_model");
  const std::string scripted = out["counterpart"]["scripted"];
  EXPECT_NE(scripted, out["counterpart"]["says"]);
  // The model is told who it plays, the state, the scripted line and the reply; nothing else.
  json request = chat.last_request();
  EXPECT_EQ(request["model"], "test-model");
  const std::string system = request["messages"][0]["content"];
  const std::string user = request["messages"][1]["content"];
  EXPECT_NE(system.find(s["scenario"]["persona"]["name"].get<std::string>()), std::string::npos);
  EXPECT_EQ(system.find("rubric"), std::string::npos);
  EXPECT_NE(user.find(scripted), std::string::npos);
  EXPECT_NE(user.find("What would help most right now?"), std::string::npos);
  // Stored: the worded line is what the learner answers next, after a reload too.
  EXPECT_EQ(Call("GET", path)["counterpart"]["says"], out["counterpart"]["says"]);
  json signals_with_llm = out["turns"][0]["signals"];

  chat.mode = ChatServer::Mode::kError;
  out = Call("POST", path + "/replies", {{"text", "I understand. I will unlock it now."}});
  EXPECT_EQ(out["turns"][1]["counterpart_said"], "Fine. I just need payroll to go through today.");
  EXPECT_EQ(out["counterpart"]["worded_by"], "scenario");
  EXPECT_EQ(out["counterpart"]["says"], out["counterpart"]["scripted"]);

  if (!out["ended"].get<bool>()) {
    chat.mode = ChatServer::Mode::kSlow;
    const auto start = std::chrono::steady_clock::now();
    out = Call("POST", path + "/replies", {{"text", "Thank you for staying with me."}});
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1200))
        << "a slow model is abandoned at the timeout";
    EXPECT_EQ(out["counterpart"]["worded_by"], "scenario");
  }

  // The same reply in a conversation without the model reads the same signals.
  chat.mode = ChatServer::Mode::kError;
  json plain = Call("POST", "/api/v1/me/roleplay/sessions",
                    {{"scenario_id", "upset-customer-payroll-lockout"}}, 201);
  json plain_out =
      Call("POST", "/api/v1/me/roleplay/sessions/" + plain["id"].get<std::string>() + "/replies",
           {{"text", reply}});
  EXPECT_EQ(plain_out["turns"][0]["signals"], signals_with_llm);
}

TEST_P(RoleplayApi, KeptVoiceIsPurgedAfterTheVoiceStreamsRetentionAndTheWordsStay) {
  ManualClock clock(1'800'000'000'000);
  server_.reset();
  server_ = std::make_unique<TestServer>(GetParam(), nullptr, &clock);
  liam_ = server_->Login("liam@demo.attune.test");
  Call("PUT", "/api/v1/me/consents/voice_prosody", {{"state", "granted"}});
  json s = Call("POST", "/api/v1/me/roleplay/sessions",
                {{"scenario_id", "upset-customer-payroll-lockout"}}, 201);
  const std::string path = "/api/v1/me/roleplay/sessions/" + s["id"].get<std::string>();
  auto r = server_->Request(liam_, "POST", path + "/spoken-replies?keep=true", VoiceFixture(),
                            "audio/wav");
  ASSERT_EQ(r->status, 200) << r->body;
  auto& retention = server_->app().retention();
  // Within the 30 days of voice_prosody nothing goes.
  clock.Advance(29LL * 24 * 60 * 60 * 1000);
  liam_ = server_->Login("liam@demo.attune.test");  // sign-in sessions last hours, not days
  EXPECT_EQ(retention.PurgeExpired()->count("voice_prosody.recordings"), 0u);
  EXPECT_EQ(server_->Request(liam_, "GET", path + "/turns/1/recording")->status, 200);
  clock.Advance(2LL * 24 * 60 * 60 * 1000);
  liam_ = server_->Login("liam@demo.attune.test");
  auto purged = retention.PurgeExpired();
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ((*purged)["voice_prosody.recordings"], 1);
  EXPECT_EQ((*purged)["voice_prosody.analyses"], 1);
  EXPECT_EQ(server_->Request(liam_, "GET", path + "/turns/1/recording")->status, 404);
  json after = Call("GET", path);
  EXPECT_TRUE(after["turns"][0]["voice"].is_null());
  EXPECT_TRUE(after["turns"][0]["spoken"].get<bool>());
  EXPECT_FALSE(after["turns"][0]["reply"].get<std::string>().empty()) << "the words stay";
  // The purge is on the audit trail, and a second run finds nothing.
  Session admin = server_->Login("admin@demo.attune.test");
  int status = 0;
  json audit = server_->Json(admin, "GET", "/api/v1/audit?limit=1000", "", &status);
  ASSERT_EQ(status, 200) << audit;
  bool logged = false;
  for (const auto& e : audit["entries"]) logged |= e["action"] == "retention.purge";
  EXPECT_TRUE(logged);
  EXPECT_EQ(retention.PurgeExpired()->count("voice_prosody.recordings"), 0u);
}

TEST_P(RoleplayApi, RepliesPastTheTextStreamsRetentionAreDeletedAndTheProgressStays) {
  ManualClock clock(1'800'000'000'000);
  server_.reset();
  server_ = std::make_unique<TestServer>(GetParam(), nullptr, &clock);
  liam_ = server_->Login("liam@demo.attune.test");
  // One run to the end, one left unfinished.
  json done = Call("POST", "/api/v1/me/roleplay/sessions",
                   {{"scenario_id", "upset-customer-payroll-lockout"}}, 201);
  const std::string done_path = "/api/v1/me/roleplay/sessions/" + done["id"].get<std::string>();
  for (int turn = 0; turn < 15 && !done["ended"].get<bool>(); ++turn) {
    done = Call("POST", done_path + "/replies",
                {{"text",
                  "I understand, you need your people paid today. I will unlock the account now "
                  "and stay on the line until the run goes through."}});
  }
  ASSERT_TRUE(done["ended"].get<bool>());
  json open = Call("POST", "/api/v1/me/roleplay/sessions",
                   {{"scenario_id", "upset-customer-payroll-lockout"}}, 201);
  const std::string open_path = "/api/v1/me/roleplay/sessions/" + open["id"].get<std::string>();
  Call("POST", open_path + "/replies", {{"text", "Sorry, what seems to be the problem?"}});
  const json history = Call("GET", "/api/v1/me/roleplay/history")["criterion_scores"];
  ASSERT_FALSE(history.empty());

  // roleplay_text keeps replies 365 days by default.
  auto& retention = server_->app().retention();
  clock.Advance(364LL * 24 * 60 * 60 * 1000);
  EXPECT_EQ(retention.PurgeExpired()->count("roleplay_text.turns"), 0u);
  clock.Advance(2LL * 24 * 60 * 60 * 1000);
  auto purged = retention.PurgeExpired();
  ASSERT_TRUE(purged.ok()) << purged.error().message;
  EXPECT_EQ((*purged)["roleplay_text.turns"], done["turns"].size() + 1);
  liam_ = server_->Login("liam@demo.attune.test");
  EXPECT_EQ(Call("GET", "/api/v1/me/roleplay/history")["criterion_scores"], history)
      << "the rubric scores are the learner's progress, not their words";
  Call("GET", open_path, nullptr, 404);
  const json after = Call("GET", done_path);
  EXPECT_TRUE(after["ended"].get<bool>());
  EXPECT_TRUE(after["turns"].empty());
  EXPECT_TRUE(after["replies_expired"].get<bool>());
  EXPECT_FALSE(after["outcome"].is_null());
  EXPECT_EQ(after["outcome"], done["outcome"]);
  Call("POST", done_path + "/replies", {{"text", "Hello again"}}, 409);
  const json exported = Call("GET", "/api/v1/me/export")["roleplay"];
  for (const json& session : exported["sessions"]) {
    EXPECT_TRUE(session["turns"].empty()) << "no reply text is left: " << session.dump();
  }
}

TEST_P(RoleplayApi, ARunOutlivesANewVersionOfItsScenario) {
  // The library is a copy the test can edit.
  const std::string library = MakeTempDir();
  std::filesystem::copy(SourceDir() + "/content/scenarios", library);
  server_.reset();
  server_ =
      std::make_unique<TestServer>(GetParam(), [&](Config& c) { c.scenario_library = library; });
  liam_ = server_->Login("liam@demo.attune.test");
  json s = Call("POST", "/api/v1/me/roleplay/sessions",
                {{"scenario_id", "upset-customer-payroll-lockout"}}, 201);
  const std::string id = s["id"];
  s = Call("POST", "/api/v1/me/roleplay/sessions/" + id + "/replies",
           {{"text", "That sounds really stressful. What would help most right now?"}});

  // The author publishes version 2; a server restarted on the new library still has version 1.
  const std::string file = library + "/upset-customer-payroll-lockout.yaml";
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  text.replace(text.find("version: 1"), 10, "version: 2");
  text.replace(text.find("title: Locked out before payroll"), 32, "title: Payroll lock-out, v2");
  std::ofstream(file) << text;
  Config config = server_->app().config();
  auto restarted = AttuneApp::Create(config, PasswordCost::kMinimum);
  ASSERT_TRUE(restarted.ok()) << restarted.error().message;
  const Principal liam = PrincipalOf(server_->app(), liam_.person_id);
  auto& roleplay = (*restarted)->roleplay();
  auto old_run = roleplay.Get(liam, id);
  ASSERT_TRUE(old_run.ok()) << old_run.error().message;
  EXPECT_EQ(old_run->scenario->version, 1);
  EXPECT_EQ(old_run->scenario->title, "Locked out before payroll");
  ASSERT_EQ(old_run->turns.size(), 1u);
  // It can be finished on the version it started on; new runs get version 2.
  auto next = roleplay.Reply(liam, id, "I will book the 13:00 check now and call you at 13:30.");
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->turns.size(), 2u);
  auto fresh = roleplay.Start(liam, "upset-customer-payroll-lockout");
  ASSERT_TRUE(fresh.ok()) << fresh.error().message;
  EXPECT_EQ(fresh->scenario->version, 2);
  EXPECT_EQ(fresh->scenario->title, "Payroll lock-out, v2");
}

INSTANTIATE_TEST_SUITE_P(Backends, RoleplayApi, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace attune::testing
