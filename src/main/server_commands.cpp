// serve, migrate, audit verify, org create, import people.
#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "main/attune_app.h"
#include "main/cli_support.h"
#include "main/commands.h"
#include "services/organisation_setup.h"
#include "services/people_import.h"
#include "storage/sql/migrator.h"

extern char** environ;

namespace attune {
namespace {

int RunServe(const Config& config) {
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  // Signals are taken by one thread with sigwait, so no handler runs inside a worker thread.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto app = AttuneApp::Create(config);
  if (!app.ok()) return Fail(app.error());
  if (!(*app)->affect().available()) {
    spdlog::warn("text affect analysis is unavailable: model file {} not loaded (set affect_model)",
                 config.affect_model);
  }
  auto port = (*app)->Bind();
  if (!port.ok()) return Fail(port.error());
  // The speech model loads while the server already answers; a spoken reply that comes first waits.
  std::thread warm_speech([&] { (*app)->roleplay().WarmUpSpeech(); });
  // Background work (retention, forwarding) sleeps on this until the server stops.
  std::mutex background_mu;
  std::condition_variable background_wake;
  // Retention: records past their data stream's retention are deleted at start and every hour.
  bool stopping = false;
  std::thread retention([&] {
    std::unique_lock lock(background_mu);
    do {
      lock.unlock();
      auto purged = (*app)->retention().PurgeExpired();
      if (!purged.ok()) {
        spdlog::warn("retention purge failed: {}", purged.error().message);
      } else {
        for (const auto& [what, n] : *purged) spdlog::info("retention: purged {} {}", n, what);
      }
      lock.lock();
    } while (!background_wake.wait_for(lock, std::chrono::hours(1), [&] { return stopping; }));
  });
  // Forwarding to external LRSs: the outboxes are checked every second.
  std::thread forwarding([&] {
    std::unique_lock lock(background_mu);
    while (!background_wake.wait_for(lock, std::chrono::seconds(1), [&] { return stopping; })) {
      lock.unlock();
      auto pass = (*app)->forwarder().RunDue();
      if (!pass.ok()) {
        spdlog::warn("forwarding pass failed: {}", pass.error().message);
      } else if (pass->delivered + pass->rejected > 0) {
        spdlog::info("forwarding: delivered {} statements, {} refused by the external LRS",
                     pass->delivered, pass->rejected);
      }
      lock.lock();
    }
  });
  const std::string url = "http://" + config.bind + ":" + std::to_string(*port) + "/";
  std::cout << "Attune is serving " << (*app)->store().Backend() << " at " << url << std::endl;
  if (config.demo) {
    std::cout << "Demo organisation (demo data): log in as admin@demo.attune.test, "
                 "maya@demo.attune.test (manager), liam@demo.attune.test (learner), "
                 "hana@demo.attune.test (L&D admin) or aldo@demo.attune.test (auditor) with "
                 "password "
              << OrganisationSetup::kDemoPassword << std::endl;
  }
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("signal {}: finishing in-flight requests, then stopping", sig);
    (*app)->Stop();
  });
  (*app)->Serve();  // returns once stopped and every worker has finished its request
  if (waiter.joinable()) {
    // Serve can also return on its own (socket error); wake the waiter so it can be joined.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
  }
  {
    std::lock_guard lock(background_mu);
    stopping = true;
  }
  background_wake.notify_all();
  retention.join();
  forwarding.join();
  if (warm_speech.joinable()) {
    warm_speech.join();
  }
  spdlog::info("stopped");
  spdlog::shutdown();
  return 0;
}

}  // namespace

void RegisterServerCommands(CLI::App& app) {
  // serve
  {
    auto* cmd = app.add_subcommand("serve", "Run the Attune server");
    auto flags = std::make_shared<CommonFlags>();
    auto port = std::make_shared<int>(-1);
    auto bind = std::make_shared<std::string>();
    auto demo = std::make_shared<bool>(false);
    flags->Add(cmd);
    cmd->add_option("--port", *port, "TCP port (default 8080)");
    cmd->add_option("--bind", *bind, "address to listen on (default 127.0.0.1)");
    cmd->add_flag("--demo", *demo, "create the demo organisation if it does not exist");
    cmd->callback([=] {
      auto config = flags->Build();
      if (!config.ok()) std::exit(Fail(config.error()));
      if (*port >= 0) config->port = *port;
      if (!bind->empty()) config->bind = *bind;
      if (*demo) config->demo = true;
      std::exit(RunServe(*config));
    });
  }
  // migrate
  {
    auto* cmd = app.add_subcommand("migrate", "Apply pending database migrations and exit");
    auto flags = std::make_shared<CommonFlags>();
    flags->Add(cmd);
    cmd->callback([=] {
      auto config = flags->Build();
      if (!config.ok()) std::exit(Fail(config.error()));
      auto store = OpenStore(config->db, 1, /*migrate=*/true);
      if (!store.ok()) std::exit(Fail(store.error()));
      std::cout << "database is at the latest schema (" << (*store)->Backend() << ")\n";
    });
  }
  // audit verify
  {
    auto* audit = app.add_subcommand("audit", "Audit log tools");
    audit->require_subcommand(1);
    auto* cmd = audit->add_subcommand("verify", "Check the audit log's hash chain");
    auto flags = std::make_shared<CommonFlags>();
    auto expect = std::make_shared<std::string>();
    flags->Add(cmd);
    cmd->add_option("--expect-head", *expect,
                    "head hash recorded earlier; catches truncation of the newest entries");
    cmd->callback([=] {
      auto config = flags->Build();
      if (!config.ok()) std::exit(Fail(config.error()));
      auto store = OpenStore(config->db, 1, /*migrate=*/false);
      if (!store.ok()) std::exit(Fail(store.error()));
      auto v = AuditLog::Verify(**store);
      if (!v.ok()) std::exit(Fail(v.error()));
      if (!v->intact) {
        std::cout << "TAMPERED: " << v->problem << " (first bad entry " << v->first_bad_seq
                  << ")\n";
        std::exit(1);
      }
      std::cout << "intact: " << v->entries << " entries, head " << v->head_hash << "\n";
      if (!expect->empty() && *expect != v->head_hash) {
        std::cout << "TAMPERED: the head does not match the expected " << *expect
                  << " (entries were removed or the log was replaced)\n";
        std::exit(1);
      }
    });
  }
  // org create
  {
    auto* org = app.add_subcommand("org", "Organisations");
    org->require_subcommand(1);
    auto* cmd = org->add_subcommand("create", "Create an organisation and its first admin");
    auto flags = std::make_shared<CommonFlags>();
    auto in = std::make_shared<NewOrganisation>();
    flags->Add(cmd);
    cmd->add_option("--slug", in->slug, "short id, e.g. acme")->required();
    cmd->add_option("--name", in->name, "display name")->required();
    cmd->add_option("--jurisdiction", in->jurisdiction, "global or eu");
    cmd->add_option("--admin-email", in->admin_email)->required();
    cmd->add_option("--admin-name", in->admin_name)->required();
    cmd->callback([=] {
      auto config = flags->Build();
      if (!config.ok()) std::exit(Fail(config.error()));
      const char* pw = std::getenv("ATTUNE_ADMIN_PASSWORD");
      if (!pw) {
        std::cerr << "attune: set ATTUNE_ADMIN_PASSWORD to the admin's initial password\n";
        std::exit(2);
      }
      in->admin_password = pw;
      auto app = AttuneApp::Create(*config);
      if (!app.ok()) std::exit(Fail(app.error()));
      OrganisationSetup setup((*app)->context());
      auto created = setup.Create(*in);
      if (!created.ok()) std::exit(Fail(created.error()));
      std::cout << "created organisation " << created->slug << " (" << created->id << ")\n";
    });
  }
  // import people
  {
    auto* imp = app.add_subcommand("import", "Import data");
    imp->require_subcommand(1);
    auto* cmd = imp->add_subcommand("people", "Import people and teams from an HRIS CSV export");
    auto flags = std::make_shared<CommonFlags>();
    auto file = std::make_shared<std::string>();
    auto org_slug = std::make_shared<std::string>();
    auto dry_run = std::make_shared<bool>(false);
    flags->Add(cmd);
    cmd->add_option("file", *file, "CSV file")->required();
    cmd->add_option("--org", *org_slug, "organisation slug")->required();
    cmd->add_flag("--dry-run", *dry_run, "validate and report; change nothing");
    cmd->callback([=] {
      auto config = flags->Build();
      if (!config.ok()) std::exit(Fail(config.error()));
      std::ifstream in(*file, std::ios::binary);
      if (!in) std::exit(Fail(Error(ErrorCode::kNotFound, "cannot read " + *file)));
      std::stringstream text;
      text << in.rdbuf();
      auto app = AttuneApp::Create(*config);
      if (!app.ok()) std::exit(Fail(app.error()));
      std::optional<Organisation> org;
      Status s = (*app)->store().Read([&](StoreTx& tx) -> Status {
        ASSIGN_OR_RETURN(org, tx.organisations().FindBySlug(*org_slug));
        return Ok();
      });
      if (!s.ok()) std::exit(Fail(s.error()));
      if (!org) std::exit(Fail(Error(ErrorCode::kNotFound, "no organisation " + *org_slug)));
      Principal cli;
      cli.person_id = "cli";
      cli.org_id = org->id;
      cli.roles = {"admin"};
      cli.via = Principal::Via::kCli;
      PeopleImport importer((*app)->context());
      auto report = importer.Run(cli, text.str(), *dry_run);
      if (!report.ok()) std::exit(Fail(report.error()));
      for (const auto& e : report->errors) {
        std::cout << *file << ":" << e.line << ": " << (e.field.empty() ? "" : e.field + ": ")
                  << e.message << "\n";
      }
      std::cout << (report->valid ? (*dry_run ? "valid (dry run, nothing imported)" : "imported")
                                  : "invalid: nothing imported")
                << ": rows=" << report->rows << " created=" << report->created
                << " updated=" << report->updated << " teams_created=" << report->teams_created
                << "\n";
      std::exit(report->valid ? 0 : 1);
    });
  }
}

}  // namespace attune
