#include "main/cli_support.h"

#include <cstdlib>
#include <iostream>

extern char** environ;

namespace attune {

void CommonFlags::Add(CLI::App* cmd) {
  cmd->add_option("--config", config_file, "key = value config file (also ATTUNE_CONFIG)");
  cmd->add_option("--db", db, "SQLite file path or postgresql:// URL (default var/attune.db)");
}

Result<Config> CommonFlags::Build() const {
  Config c;
  std::string file = config_file;
  if (file.empty() && std::getenv("ATTUNE_CONFIG")) file = std::getenv("ATTUNE_CONFIG");
  if (!file.empty()) RETURN_IF_ERROR(c.LoadFile(file));
  RETURN_IF_ERROR(c.LoadEnvironment(environ));
  if (!db.empty()) c.db = db;
  return c;
}

int Fail(const Error& e) {
  std::cerr << "attune: " << e.message << "\n";
  return e.code == ErrorCode::kInvalidArgument ? 2 : 1;
}

Result<Principal> CliAdmin(AttuneApp& app, const std::string& slug) {
  std::optional<Organisation> org;
  RETURN_IF_ERROR(app.store().Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(org, tx.organisations().FindBySlug(slug));
    return Ok();
  }));
  if (!org) return Error(ErrorCode::kNotFound, "no organisation " + slug);
  Principal cli;
  cli.person_id = "cli";
  cli.org_id = org->id;
  cli.roles = {"admin"};
  cli.via = Principal::Via::kCli;
  return cli;
}

}  // namespace attune
