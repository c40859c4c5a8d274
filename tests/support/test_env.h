#pragma once
// Shared helpers for the integration tests: temporary databases on both backends, an in-process
// Attune server on a free port, and an HTTP client that keeps a session.
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "main/attune_app.h"

namespace attune::testing {

// A fresh, empty database for one test: a SQLite file in a temporary directory, or a new database
// on the PostgreSQL server named by ATTUNE_TEST_PG_URL (dropped afterwards).
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend);
  ~TestDatabase();
  const std::string& url() const { return url_; }
  // Runs SQL directly, bypassing Attune (to simulate tampering); true when it succeeded.
  bool RawExec(const std::string& sql);

 private:
  std::string backend_;
  std::string url_;
  std::string dir_;
  std::string pg_admin_url_;
  std::string pg_db_;
};

// Both backends. Tests are listed for both so that ctest always knows them; a PostgreSQL test
// skips when ATTUNE_TEST_PG_URL is unset, and fails instead with ATTUNE_TEST_REQUIRE_PG=1.
std::vector<std::string> Backends();
bool BackendAvailable(const std::string& backend);
#define ATTUNE_SKIP_UNLESS_BACKEND(backend)                                            \
  do {                                                                                 \
    if (!::attune::testing::BackendAvailable(backend)) {                               \
      if (std::getenv("ATTUNE_TEST_REQUIRE_PG")) FAIL() << "ATTUNE_TEST_PG_URL unset"; \
      GTEST_SKIP() << "no PostgreSQL: set ATTUNE_TEST_PG_URL (scripts/test.sh does)";  \
    }                                                                                  \
  } while (0)
std::string MakeTempDir();
std::string SourceDir();
// The principal of a stored person (their organisation and roles), for calling services directly.
Principal PrincipalOf(AttuneApp& app, const std::string& person_id);

struct Session {
  std::string cookie;  // "attune_session=..."
  std::string csrf;
  std::string person_id;
};

class TestServer {
 public:
  // Starts the real server (demo organisation seeded, minimum password cost) on a free port.
  explicit TestServer(const std::string& backend = "sqlite",
                      std::function<void(Config&)> tweak = nullptr, const Clock* clock = nullptr);
  ~TestServer();

  int port() const { return port_; }
  AttuneApp& app() { return *app_; }
  TestDatabase& db() { return db_; }
  std::unique_ptr<httplib::Client> Client() const;

  Session Login(const std::string& email, const std::string& password = "attune-demo-2026");
  // Sends a request with the session cookie and CSRF header.
  httplib::Result Request(const Session& s, const std::string& method, const std::string& path,
                          const std::string& body = "",
                          const std::string& content_type = "application/json");
  nlohmann::json Json(const Session& s, const std::string& method, const std::string& path,
                      const std::string& body = "", int* status = nullptr);

 private:
  TestDatabase db_;
  std::unique_ptr<AttuneApp> app_;
  std::thread serving_;
  int port_ = 0;
};

// Raw-socket helpers for tests that need control below HTTP.
int ConnectTcp(int port);
std::string RecvAll(int fd, int timeout_ms);

}  // namespace attune::testing
