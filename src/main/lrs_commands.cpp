// lrs credential create|list|revoke: HTTP Basic credentials for xAPI clients (an LMS, an HR
// system).
#include <iostream>
#include <memory>

#include "main/attune_app.h"
#include "main/cli_support.h"
#include "main/commands.h"
#include "services/xapi/lrs_erasure.h"

namespace attune {
namespace {

struct LrsFlags {
  CommonFlags common;
  std::string org;
  void Add(CLI::App* cmd) {
    common.Add(cmd);
    cmd->add_option("--org", org, "organisation slug")->required();
  }
  // Opens the app and resolves the admin principal, or exits.
  std::pair<std::unique_ptr<AttuneApp>, Principal> Open() const {
    auto config = common.Build();
    if (!config.ok()) std::exit(Fail(config.error()));
    auto app = AttuneApp::Create(*config);
    if (!app.ok()) std::exit(Fail(app.error()));
    auto admin = CliAdmin(**app, org);
    if (!admin.ok()) std::exit(Fail(admin.error()));
    return {std::move(*app), *admin};
  }
};

}  // namespace

void RegisterLrsCommands(CLI::App& app) {
  auto* lrs = app.add_subcommand("lrs", "The xAPI Learning Record Store");
  lrs->require_subcommand(1);
  auto* credential = lrs->add_subcommand("credential", "HTTP Basic credentials for xAPI clients");
  credential->require_subcommand(1);
  {
    auto* cmd = credential->add_subcommand("create", "Create a key/secret pair (printed once)");
    auto flags = std::make_shared<LrsFlags>();
    auto name = std::make_shared<std::string>("xAPI client");
    auto scopes =
        std::make_shared<std::vector<std::string>>(std::vector<std::string>{"read", "write"});
    flags->Add(cmd);
    cmd->add_option("--name", *name, "what the credential is for (shown as the authority's name)");
    cmd->add_option("--scope", *scopes, "read and/or write (default both)")->delimiter(',');
    cmd->callback([=] {
      auto [app, admin] = flags->Open();
      auto created = app->lrs_credentials().Create(admin, *name, *scopes);
      if (!created.ok()) std::exit(Fail(created.error()));
      std::cout << "key=" << created->record.key << "\nsecret=" << created->secret << "\n";
    });
  }
  {
    auto* cmd = credential->add_subcommand("list", "List the organisation's credentials");
    auto flags = std::make_shared<LrsFlags>();
    flags->Add(cmd);
    cmd->callback([=] {
      auto [app, admin] = flags->Open();
      auto list = app->lrs_credentials().List(admin);
      if (!list.ok()) std::exit(Fail(list.error()));
      for (const auto& c : *list) {
        std::cout << c.key << "\t" << c.name << "\t";
        for (size_t i = 0; i < c.scopes.size(); ++i) std::cout << (i ? "," : "") << c.scopes[i];
        std::cout << "\t" << (c.revoked_at ? "revoked" : "live") << "\n";
      }
    });
  }
  {
    auto* cmd = credential->add_subcommand("revoke", "Revoke a credential at once");
    auto flags = std::make_shared<LrsFlags>();
    auto key = std::make_shared<std::string>();
    flags->Add(cmd);
    cmd->add_option("key", *key, "the credential's key")->required();
    cmd->callback([=] {
      auto [app, admin] = flags->Open();
      Status s = app->lrs_credentials().Revoke(admin, *key);
      if (!s.ok()) std::exit(Fail(s.error()));
      std::cout << "revoked " << *key << "\n";
    });
  }
  {
    auto* cmd = lrs->add_subcommand(
        "erase", "Delete every statement and document about a person (an erasure request)");
    auto flags = std::make_shared<LrsFlags>();
    auto email = std::make_shared<std::string>();
    flags->Add(cmd);
    cmd->add_option("--person", *email, "the person's e-mail")->required();
    cmd->callback([=] {
      auto [app, admin] = flags->Open();
      std::optional<Person> person;
      Status found = app->store().Read([&](StoreTx& tx) -> Status {
        ASSIGN_OR_RETURN(person, tx.people().FindByEmail(*email));
        return Ok();
      });
      if (!found.ok()) std::exit(Fail(found.error()));
      if (!person) std::exit(Fail(Error(ErrorCode::kNotFound, "no person " + *email)));
      auto report = LrsErasure(app->context()).ErasePerson(admin, person->id);
      if (!report.ok()) std::exit(Fail(report.error()));
      std::cout << "erased statements=" << report->statements << " documents=" << report->documents
                << " attachments=" << report->attachments << "\n";
      if (report->forwarded_to) {
        std::cout << "forwarded_to=" << *report->forwarded_to
                  << "\n# statements already forwarded there are not erased by Attune: send the "
                     "erasure request to that LRS's owner too\n";
      }
    });
  }
}

}  // namespace attune
