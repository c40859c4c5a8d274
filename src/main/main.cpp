// The `attune` binary: composition root. Subcommands are registered by the files in src/main.
#include <CLI/CLI.hpp>

#include "main/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Attune: practise and measure emotional intelligence at work"};
  app.require_subcommand(1);
  attune::RegisterServerCommands(app);
  attune::RegisterAffectCommands(app);
  attune::RegisterLrsCommands(app);
  attune::RegisterPracticeCommands(app);
  attune::RegisterScenarioCommands(app);
  attune::RegisterVoiceCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}
