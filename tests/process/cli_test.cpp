// The command line as an operator uses it: migrate, org create, import people, audit verify,
// as an item author uses it: items lint, scenario lint; and prosody on a recording.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_env.h"

namespace attune {
namespace {

struct Output {
  int status = -1;
  std::string text;
};

Output Attune(const std::string& args, const std::string& env = "") {
  std::string cmd = env + " " + ATTUNE_BINARY + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  Output out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.text.append(buf, n);
  int raw = pclose(p);
  out.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

class Cli : public ::testing::Test {
 protected:
  testing::TestDatabase db_{"sqlite"};
  std::string dir_ = testing::MakeTempDir();
  std::string Db() { return "--db " + db_.url(); }
  std::string Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ + "/" + name) << content;
    return dir_ + "/" + name;
  }
};

TEST_F(Cli, MigrateOrgCreateImportAndVerify) {
  Output m = Attune("migrate " + Db());
  EXPECT_EQ(m.status, 0) << m.text;
  Output org = Attune("org create " + Db() +
                          " --slug acme --name Acme --admin-email ops@acme.test --admin-name Ops",
                      "ATTUNE_ADMIN_PASSWORD=correct-horse-battery");
  EXPECT_EQ(org.status, 0) << org.text;
  Output dup = Attune(
      "org create " + Db() + " --slug acme --name Again --admin-email x@acme.test --admin-name X",
      "ATTUNE_ADMIN_PASSWORD=correct-horse-battery");
  EXPECT_NE(dup.status, 0);
  EXPECT_NE(dup.text.find("slug 'acme' is taken"), std::string::npos) << dup.text;

  std::string bad =
      Write("bad.csv", "employee_id,name,email,team\nA1,Ann,ann@acme.test,Ops\nA2,Bo,nope,Ops\n");
  Output b = Attune("import people " + bad + " --org acme " + Db());
  EXPECT_EQ(b.status, 1);
  EXPECT_NE(b.text.find(bad + ":3: email:"), std::string::npos) << b.text;
  EXPECT_NE(b.text.find("invalid: nothing imported"), std::string::npos);

  std::string good =
      Write("good.csv",
            "employee_id,name,email,team\nA1,Ann,ann@acme.test,Ops\nA2,Bo,bo@acme.test,Ops\n");
  Output dry = Attune("import people " + good + " --org acme --dry-run " + Db());
  EXPECT_EQ(dry.status, 0) << dry.text;
  EXPECT_NE(dry.text.find("dry run, nothing imported"), std::string::npos);
  Output g = Attune("import people " + good + " --org acme " + Db());
  EXPECT_EQ(g.status, 0) << g.text;
  EXPECT_NE(g.text.find("created=2"), std::string::npos) << g.text;

  Output v = Attune("audit verify " + Db());
  EXPECT_EQ(v.status, 0) << v.text;
  ASSERT_NE(v.text.find("intact:"), std::string::npos) << v.text;
  std::string head = v.text.substr(v.text.find("head ") + 5, 64);
  EXPECT_EQ(Attune("audit verify --expect-head " + head + " " + Db()).status, 0);
  // A different anchor means entries were removed or the log replaced.
  Output wrong = Attune("audit verify --expect-head " + std::string(64, 'f') + " " + Db());
  EXPECT_EQ(wrong.status, 1);
  EXPECT_NE(wrong.text.find("TAMPERED"), std::string::npos);
  // Tampering that bypasses the triggers is found and named.
  ASSERT_TRUE(db_.RawExec("DROP TRIGGER audit_log_no_update"));
  ASSERT_TRUE(db_.RawExec("UPDATE audit_log SET target = 'x' WHERE seq = 2"));
  Output t = Attune("audit verify " + Db());
  EXPECT_EQ(t.status, 1);
  EXPECT_NE(t.text.find("entry 2 was modified"), std::string::npos) << t.text;
}

TEST_F(Cli, ItemsLintAcceptsTheShippedBankAndNamesTheFileAndLineOfABadItem) {
  Output ok = Attune("items lint " + testing::SourceDir() + "/content/items");
  EXPECT_EQ(ok.status, 0) << ok.text;
  EXPECT_NE(ok.text.find("items=254"), std::string::npos) << ok.text;
  Write("bad.yaml",
        "items:\n"
        "  - id: rec-bad-01\n"
        "    version: 1\n"
        "    modality: recognition\n"
        "    setting: email\n"
        "    roles: [any]\n"
        "    seniority: [any]\n"
        "    targets: [anger]\n"
        "    stem: Hello.\n"
        "    question: What?\n"
        "    options: [anger, joy, fear, guilt, pride, relief]\n"
        "    explanation: Because.\n"
        "    irt: {a: 1.2, b: 0}\n");
  Output bad = Attune("items lint " + dir_);
  EXPECT_EQ(bad.status, 2) << bad.text;
  EXPECT_NE(bad.text.find("bad.yaml:2: item \"rec-bad-01\": field \"key\" is missing"),
            std::string::npos)
      << bad.text;
  Output missing = Attune("items lint " + dir_ + "/nope");
  EXPECT_EQ(missing.status, 1) << missing.text;
}

TEST_F(Cli, ScenarioLintAcceptsTheLibraryAndNamesTheLineOfADeadEnd) {
  const std::string library = testing::SourceDir() + "/content/scenarios/";
  Output ok = Attune("scenario lint " + library + "upset-customer-payroll-lockout.yaml " + library +
                     "shift-allocation-peer.yaml");
  EXPECT_EQ(ok.status, 0) << ok.text;
  std::ifstream in(library + "shift-allocation-peer.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Point the first branch at a node that does not exist.
  const size_t next = text.find("next: ");
  ASSERT_NE(next, std::string::npos);
  text.replace(next, text.find('\n', next) - next, "next: nowhere");
  const std::string bad = Write("bad-scenario.yaml", text);
  Output out = Attune("scenario lint " + bad);
  EXPECT_EQ(out.status, 2) << out.text;
  EXPECT_NE(out.text.find("bad-scenario.yaml:"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("next \"nowhere\" is not a node"), std::string::npos) << out.text;
}

TEST_F(Cli, ProsodyPrintsTheAnalysisOfARecordingAsJsonAndRefusesWhatIsNotAudio) {
  const std::string wav = testing::SourceDir() + "/tests/fixtures/voice/frustrating_release.wav";
  Output out = Attune("prosody " + wav + " --pitch-track");
  ASSERT_EQ(out.status, 0) << out.text;
  const auto j = nlohmann::json::parse(out.text, nullptr, false);
  ASSERT_TRUE(j.is_object()) << out.text;
  for (const char* key : {"f0_mean_hz", "f0_range_st", "loudness", "speech_rate_syl_s",
                          "pause_ratio", "words_per_minute", "filler_words", "transcript"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_GT(j["f0_mean_hz"].get<double>(), 70);
  EXPECT_NE(j["transcript"].get<std::string>().find("frustrating"), std::string::npos);
  // One F0 per 10 ms frame over the 5.3 s recording.
  EXPECT_NEAR(j["pitch_track"]["f0_hz"].size(), 530.0, 10.0);

  Output prosody_only = Attune("prosody " + wav + " --no-words");
  ASSERT_EQ(prosody_only.status, 0) << prosody_only.text;
  EXPECT_FALSE(nlohmann::json::parse(prosody_only.text).contains("transcript"));

  Output not_audio = Attune("prosody " + Write("notes.wav", "these are notes, not sound"));
  EXPECT_EQ(not_audio.status, 2);
  EXPECT_NE(not_audio.text.find("not audio"), std::string::npos) << not_audio.text;
}

TEST_F(Cli, BadConfigurationIsAClearErrorNotACrash) {
  Output o = Attune("migrate " + Db(), "ATTUNE_PORT=not-a-port");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.text.find("config port: expected an integer"), std::string::npos) << o.text;
  Output typo = Attune("migrate " + Db(), "ATTUNE_PROT=8080");
  EXPECT_NE(typo.status, 0);
  EXPECT_NE(typo.text.find("unknown config key 'PROT'"), std::string::npos) << typo.text;
}

}  // namespace
}  // namespace attune
