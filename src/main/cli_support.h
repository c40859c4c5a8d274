#pragma once
// What the server-side CLI commands share: the --config/--db flags and error exits.
#include <CLI/CLI.hpp>
#include <string>

#include "core/config.h"
#include "core/error.h"
#include "main/attune_app.h"
#include "services/principal.h"

namespace attune {

// Flags shared by the server commands; applied last, over the file and the environment.
struct CommonFlags {
  std::string config_file;
  std::string db;
  void Add(CLI::App* cmd);
  Result<Config> Build() const;
};

// Prints the error and returns the exit code: 2 for bad input, 1 otherwise.
int Fail(const Error& e);

// An admin principal of the organisation with this slug, for the services' permission checks.
Result<Principal> CliAdmin(AttuneApp& app, const std::string& slug);

}  // namespace attune
