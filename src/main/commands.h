#pragma once
// Each file in src/main registers one family of subcommands on the `attune` CLI.
#include <CLI/CLI.hpp>

namespace attune {

void RegisterServerCommands(
    CLI::App& app);  // serve, migrate, audit, org, import (server_commands.cpp)
void RegisterAffectCommands(
    CLI::App& app);                       // affect, train affect, eval affect (affect_commands.cpp)
void RegisterLrsCommands(CLI::App& app);  // lrs credential create|list|revoke (lrs_commands.cpp)
// items lint, bench cat (practice_commands.cpp)
void RegisterPracticeCommands(CLI::App& app);
// scenario lint|play (scenario_commands.cpp)
void RegisterScenarioCommands(CLI::App& app);
// prosody FILE (voice_commands.cpp)
void RegisterVoiceCommands(CLI::App& app);

}  // namespace attune
