#include "main/attune_app.h"

#include <spdlog/async.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "services/organisation_setup.h"
#include "services/roleplay/scenario_file.h"

namespace attune {

std::shared_ptr<spdlog::logger> MakeAccessLog(const std::string& target) {
  if (target == "off") return nullptr;
  if (auto existing = spdlog::get("access")) return existing;
  spdlog::init_thread_pool(8192, 1);
  std::shared_ptr<spdlog::logger> logger;
  if (target == "stdout") {
    logger = spdlog::create_async_nb<spdlog::sinks::stdout_sink_mt>("access");
  } else {
    logger = spdlog::create_async_nb<spdlog::sinks::basic_file_sink_mt>("access", target);
  }
  logger->set_pattern("{\"ts\":\"%Y-%m-%dT%H:%M:%S.%eZ\",\"access\":%v}",
                      spdlog::pattern_time_type::utc);
  return logger;
}

AttuneApp::AttuneApp(Config config, PasswordCost cost, const Clock* clock)
    : config_(std::move(config)),
      clock_(clock ? *clock : system_clock_),
      passwords_(cost),
      audit_(clock_),
      credential_cache_(config_.auth_cache_ttl_ms),
      secret_box_(config_.DataKeyFile()) {}

AttuneApp::~AttuneApp() = default;

ServiceContext AttuneApp::context() {
  return ServiceContext{*store_,    clock_, random_,           config_,
                        passwords_, audit_, credential_cache_, intake_.get()};
}

Result<std::unique_ptr<AttuneApp>> AttuneApp::Create(const Config& config, PasswordCost cost,
                                                     const Clock* clock) {
  RETURN_IF_ERROR(config.Validate());
  std::unique_ptr<AttuneApp> app(new AttuneApp(config, cost, clock));
  ASSIGN_OR_RETURN(app->store_, OpenStore(config.db, config.db_pool_size, /*migrate=*/true));
  if (config.xapi_journal && app->store_->Backend() == "sqlite") {
    ASSIGN_OR_RETURN(auto journal, OpenStatementJournal(config.db + ".xapi-journal"));
    AttuneApp* self = app.get();
    app->intake_ = std::make_unique<StatementIntake>(
        *app->store_, std::move(journal), [self](StoreTx& tx, const JournalEntry& entry) {
          return self->statements_->ApplyJournalled(tx, entry);
        });
  }
  ServiceContext ctx = app->context();
  app->auth_ = std::make_unique<AuthService>(ctx);
  app->directory_ = std::make_unique<DirectoryService>(ctx);
  app->people_import_ = std::make_unique<PeopleImport>(ctx);
  app->governance_ = std::make_unique<GovernanceService>(ctx);
  app->retention_ = std::make_unique<RetentionService>(ctx);
  app->affect_ = std::make_unique<AffectService>(config.affect_model);
  app->lrs_credentials_ = std::make_unique<LrsCredentialService>(ctx);
  app->statements_ = std::make_unique<StatementService>(ctx);
  // Indexes what an earlier run (or a crash) left in the journal, before anything reads.
  if (app->intake_) RETURN_IF_ERROR(app->intake_->Start());
  app->documents_ = std::make_unique<DocumentService>(ctx);
  app->forwarding_ = std::make_unique<ForwardingService>(ctx, app->secret_box_);
  app->forwarder_ = std::make_unique<StatementForwarder>(ctx, app->secret_box_);
  auto bank = practice::ItemBank::LoadDirectory(config.item_bank);
  if (!bank.ok() && bank.error().code != ErrorCode::kNotFound) return bank.error();
  if (!bank.ok()) spdlog::warn("assessment and practice are unavailable: {}", bank.error().message);
  app->item_bank_ = std::make_unique<practice::ItemBank>(bank.ok() ? std::move(bank.value())
                                                                   : practice::ItemBank());
  app->assessments_ =
      std::make_unique<practice::AssessmentService>(ctx, *app->item_bank_, *app->statements_);
  auto scenarios = roleplay::LoadScenarioLibrary(config.scenario_library);
  if (!scenarios.ok() && scenarios.error().code != ErrorCode::kNotFound) return scenarios.error();
  if (!scenarios.ok()) spdlog::warn("role-play is unavailable: {}", scenarios.error().message);
  app->practice_ = std::make_unique<practice::PracticeService>(
      ctx, *app->item_bank_, *app->statements_, *app->assessments_);
  // Two decoders: the recogniser is the slow step of a spoken reply, and this is a 2-core target.
  auto recognizer = speech::SpeechRecognizer::Open(config.speech_model, 2);
  if (!recognizer.ok())
    spdlog::warn("spoken replies are unavailable: {}", recognizer.error().message);
  std::unique_ptr<roleplay::CounterpartVoice> counterpart_voice;
  if (!config.counterpart_llm_url.empty()) {
    ASSIGN_OR_RETURN(counterpart_voice,
                     roleplay::CounterpartVoice::Create(
                         {config.counterpart_llm_url, config.counterpart_llm_model,
                          config.counterpart_llm_api_key, config.counterpart_llm_timeout_ms}));
    spdlog::info("role-play counterpart lines are worded by {} at {}", config.counterpart_llm_model,
                 config.counterpart_llm_url);
  }
  app->roleplay_ = std::make_unique<roleplay::RoleplayService>(
      ctx, scenarios.ok() ? std::move(scenarios.value()) : std::vector<scenario::Scenario>(),
      *app->affect_, *app->governance_, *app->statements_, *app->assessments_,
      recognizer.ok() ? std::move(recognizer.value()) : nullptr, std::move(counterpart_voice));
  if (config.demo) {
    OrganisationSetup setup(ctx);
    ASSIGN_OR_RETURN(bool created, setup.EnsureDemo());
    if (created) spdlog::info("created the demo organisation (clearly marked demo data)");
  }
  app->api_ = std::make_unique<ApiServices>(ApiServices{
      *app->store_, *app->auth_, *app->directory_, *app->people_import_, *app->governance_,
      *app->affect_, *app->lrs_credentials_, *app->statements_, *app->documents_, *app->forwarding_,
      *app->assessments_, *app->practice_, *app->roleplay_, app->metrics_, app->config_});
  app->server_ = std::make_unique<HttpServer>(app->config_, *app->auth_, app->metrics_,
                                              MakeAccessLog(config.access_log));
  AddAllRoutes(*app->server_, *app->api_);
  return app;
}

}  // namespace attune
