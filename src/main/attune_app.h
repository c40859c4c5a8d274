#pragma once
// The composition root: builds store, services and HTTP server from a Config. Used by `attune
// serve` and by the integration tests, so tests run exactly what ships.
#include <memory>
#include <string>

#include "core/config.h"
#include "http/api_routes.h"
#include "http/http_server.h"
#include "services/retention_service.h"
#include "services/secret_box.h"
#include "services/xapi/statement_forwarder.h"
#include "services/xapi/statement_forwarding.h"

namespace attune {

class AttuneApp {
 public:
  // Opens and migrates the database; seeds the demo organisation when config.demo is set.
  // `clock` overrides the system clock (tests); it must outlive the app.
  static Result<std::unique_ptr<AttuneApp>> Create(const Config& config,
                                                   PasswordCost cost = PasswordCost::kInteractive,
                                                   const Clock* clock = nullptr);
  ~AttuneApp();

  Result<int> Bind() { return server_->Bind(config_.bind, config_.port); }
  void Serve() { server_->Serve(); }
  void Stop() { server_->Stop(); }

  HttpServer& server() { return *server_; }
  Store& store() { return *store_; }
  ServiceContext context();
  const Config& config() const { return config_; }
  const AffectService& affect() const { return *affect_; }
  LrsCredentialService& lrs_credentials() { return *lrs_credentials_; }
  StatementService& statements() { return *statements_; }
  ForwardingService& forwarding() { return *forwarding_; }
  StatementForwarder& forwarder() { return *forwarder_; }
  practice::AssessmentService& assessments() { return *assessments_; }
  roleplay::RoleplayService& roleplay() { return *roleplay_; }
  RetentionService& retention() { return *retention_; }

 private:
  AttuneApp(Config config, PasswordCost cost, const Clock* clock);
  Config config_;
  SystemClock system_clock_;
  const Clock& clock_;
  SecureRandom random_;
  PasswordHasher passwords_;
  AuditLog audit_;
  CredentialCache credential_cache_;
  SecretBox secret_box_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<DirectoryService> directory_;
  std::unique_ptr<PeopleImport> people_import_;
  std::unique_ptr<GovernanceService> governance_;
  std::unique_ptr<RetentionService> retention_;
  std::unique_ptr<AffectService> affect_;
  std::unique_ptr<LrsCredentialService> lrs_credentials_;
  std::unique_ptr<StatementService> statements_;
  // After statements_: stopped before the service whose ApplyJournalled it calls is destroyed.
  std::unique_ptr<StatementIntake> intake_;
  std::unique_ptr<DocumentService> documents_;
  std::unique_ptr<ForwardingService> forwarding_;
  std::unique_ptr<StatementForwarder> forwarder_;
  std::unique_ptr<practice::ItemBank> item_bank_;
  std::unique_ptr<practice::AssessmentService> assessments_;
  std::unique_ptr<practice::PracticeService> practice_;
  std::unique_ptr<roleplay::RoleplayService> roleplay_;
  HttpMetrics metrics_;
  std::unique_ptr<ApiServices> api_;
  std::unique_ptr<HttpServer> server_;
};

// The access logger named by config.access_log ("stdout", "off" or a file), asynchronous so that
// writing it never holds a request up.
std::shared_ptr<spdlog::logger> MakeAccessLog(const std::string& target);

}  // namespace attune
