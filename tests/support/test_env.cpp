#include "support/test_env.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

namespace attune::testing {

Principal PrincipalOf(AttuneApp& app, const std::string& person_id) {
  Principal p;
  p.person_id = person_id;
  Status s = app.store().Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto person, tx.people().FindById(person_id));
    if (!person) return Error(ErrorCode::kNotFound, "no person " + person_id);
    p.org_id = person->org_id;
    p.roles = person->roles;
    return Ok();
  });
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return p;
}

std::string SourceDir() {
  const char* d = std::getenv("ATTUNE_SOURCE_DIR");
  return d ? d : ATTUNE_SOURCE_DIR_DEFAULT;
}

std::string MakeTempDir() {
  char tmpl[] = "/tmp/attune-test-XXXXXX";
  char* d = mkdtemp(tmpl);
  if (!d) std::abort();
  return d;
}

std::vector<std::string> Backends() { return {"sqlite", "postgres"}; }

bool BackendAvailable(const std::string& backend) {
  return backend == "sqlite" || std::getenv("ATTUNE_TEST_PG_URL") != nullptr;
}

namespace {
bool PgExec(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    ADD_FAILURE() << PQerrorMessage(c);
    PQfinish(c);
    return false;
  }
  PGresult* r = PQexec(c, sql.c_str());
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  PQclear(r);
  PQfinish(c);
  return ok;
}
void PgAdmin(const std::string& url, const std::string& sql) {
  EXPECT_TRUE(PgExec(url, sql)) << sql;
}

std::string WithDatabase(const std::string& url, const std::string& db) {
  // postgresql://user@host:port/dbname?params -> replace dbname.
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme + 3);
  size_t query = url.find('?');
  std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  std::string params = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + db + params;
}
}  // namespace

TestDatabase::TestDatabase(const std::string& backend) : backend_(backend) {
  if (backend == "sqlite") {
    dir_ = MakeTempDir();
    url_ = dir_ + "/attune.db";
    return;
  }
  pg_admin_url_ = std::getenv("ATTUNE_TEST_PG_URL");
  std::random_device rd;
  pg_db_ = "attune_t_" + std::to_string(rd()) + std::to_string(rd() % 1000);
  PgAdmin(pg_admin_url_, "CREATE DATABASE " + pg_db_);
  url_ = WithDatabase(pg_admin_url_, pg_db_);
}

TestDatabase::~TestDatabase() {
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
  if (!pg_db_.empty())
    PgAdmin(pg_admin_url_, "DROP DATABASE IF EXISTS " + pg_db_ + " WITH (FORCE)");
}

bool TestDatabase::RawExec(const std::string& sql) {
  if (backend_ == "sqlite") {
    std::string cmd = "sqlite3 '" + url_ + "' \"" + sql + "\" 2>/dev/null";
    return std::system(cmd.c_str()) == 0;
  }
  return PgExec(url_, sql);
}

TestServer::TestServer(const std::string& backend, std::function<void(Config&)> tweak,
                       const Clock* clock)
    : db_(backend) {
  Config c;
  c.db = db_.url();
  c.port = 0;
  c.demo = true;
  c.access_log = "off";
  c.http_threads = 16;
  c.db_pool_size = 4;
  c.affect_model = SourceDir() + "/models/affect/emotion-v1.bin";
  c.item_bank = SourceDir() + "/content/items";
  c.scenario_library = SourceDir() + "/content/scenarios";
  c.data_key_file = MakeTempDir() + "/attune.key";
  if (tweak) tweak(c);
  auto app = AttuneApp::Create(c, PasswordCost::kMinimum, clock);
  if (!app.ok()) {
    ADD_FAILURE() << "server did not start: " << app.error().message;
    std::abort();
  }
  app_ = std::move(*app);
  auto port = app_->Bind();
  if (!port.ok()) std::abort();
  port_ = *port;
  serving_ = std::thread([this] { app_->Serve(); });
  // Ready once it answers: tests then never race the listen loop.
  auto client = Client();
  for (int i = 0; i < 500 && !client->Get("/healthz"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

TestServer::~TestServer() {
  app_->Stop();
  serving_.join();
}

std::unique_ptr<httplib::Client> TestServer::Client() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
  c->set_read_timeout(10, 0);
  return c;
}

Session TestServer::Login(const std::string& email, const std::string& password) {
  auto c = Client();
  nlohmann::json body = {{"email", email}, {"password", password}};
  auto res = c->Post("/api/v1/auth/login", body.dump(), "application/json");
  Session s;
  if (!res || res->status != 200) {
    ADD_FAILURE() << "login failed for " << email << ": " << (res ? res->body : "no response");
    return s;
  }
  std::string set_cookie = res->get_header_value("Set-Cookie");
  s.cookie = set_cookie.substr(0, set_cookie.find(';'));
  auto j = nlohmann::json::parse(res->body);
  s.csrf = j.value("csrf_token", "");
  s.person_id = j.value("id", "");
  return s;
}

httplib::Result TestServer::Request(const Session& s, const std::string& method,
                                    const std::string& path, const std::string& body,
                                    const std::string& content_type) {
  auto c = Client();
  httplib::Headers h;
  if (!s.cookie.empty()) h.emplace("Cookie", s.cookie);
  if (!s.csrf.empty()) h.emplace("X-CSRF-Token", s.csrf);
  if (method == "GET") return c->Get(path.c_str(), h);
  if (method == "POST") return c->Post(path.c_str(), h, body, content_type.c_str());
  if (method == "PUT") return c->Put(path.c_str(), h, body, content_type.c_str());
  if (method == "PATCH") return c->Patch(path.c_str(), h, body, content_type.c_str());
  return c->Delete(path.c_str(), h, body, content_type.c_str());
}

nlohmann::json TestServer::Json(const Session& s, const std::string& method,
                                const std::string& path, const std::string& body, int* status) {
  auto res = Request(s, method, path, body);
  if (!res) {
    ADD_FAILURE() << method << " " << path << ": no response";
    return {};
  }
  if (status) *status = res->status;
  if (res->body.empty()) return {};
  return nlohmann::json::parse(res->body, nullptr, false);
}

int ConnectTcp(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::string RecvAll(int fd, int timeout_ms) {
  std::string out;
  char buf[4096];
  while (true) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) break;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
    timeout_ms = 200;  // after the first bytes, stop once the peer goes quiet
  }
  return out;
}

}  // namespace attune::testing
