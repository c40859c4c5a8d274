// scenario lint FILE...: validate role-play scenarios. scenario play FILE: rehearse one in the
// terminal, with the same engines and feedback as the web (docs/scenarios.md).
#include <cmath>
#include <iostream>
#include <memory>

#include "engines/affect/affect_engine.h"
#include "engines/scenario/scenario_run.h"
#include "main/cli_support.h"
#include "main/commands.h"
#include "services/roleplay/scenario_file.h"

namespace attune {
namespace {

std::string Meter(double intensity) {
  const int filled = static_cast<int>(std::lround(intensity * 10));
  return std::string(filled, '#') + std::string(10 - filled, '.');
}

void PrintState(const scenario::ScenarioRun& run) {
  std::cout << "  [" << run.state().emotion << " " << Meter(run.state().intensity) << " "
            << std::lround(run.state().intensity * 100) << "%]\n";
}

void PrintFeedback(const std::vector<scenario::FeedbackPoint>& points, const char* heading) {
  for (const auto& p : points) {
    std::cout << "  " << heading << " " << p.criterion << ": " << p.note;
    for (const auto& w : p.words) std::cout << " \"" << w << "\"";
    std::cout << "\n";
  }
}

int Play(const scenario::Scenario& s, const affect::AffectEngine& engine) {
  std::cout << s.title << "\n\n"
            << s.context << "\n\nYou are talking with " << s.persona.name << " (" << s.persona.role
            << ").\nGoals:\n";
  for (const auto& g : s.goals) std::cout << "  - " << g << "\n";
  std::cout << "Rubric:\n";
  for (const auto& c : s.rubric) {
    std::cout << "  - " << c.criterion << " (weight " << c.weight << ")\n";
  }
  std::cout << "\nType each reply and press Enter (an empty line ends).\n";
  scenario::ScenarioRun run(s);
  std::string line;
  while (!run.ended()) {
    std::cout << "\n" << s.persona.name << ": " << run.current().says << "\n";
    PrintState(run);
    std::cout << "> " << std::flush;
    if (!std::getline(std::cin, line) || line.empty()) break;
    auto analysis = engine.Analyze(line, {.explain = false});
    auto empathy = engine.AssessEmpathy(run.current().says, line);
    if (!analysis.ok() || !empathy.ok()) {
      std::cout << "  (" << (analysis.ok() ? empathy.error() : analysis.error()).message
                << "; try again)\n";
      continue;
    }
    auto turn = run.Reply(line, scenario::ReadSignals(line, *analysis, *empathy, engine.schema()));
    if (!turn.ok()) return Fail(turn.error());
    PrintFeedback(turn->went_well, "+");
    PrintFeedback(turn->to_try, "-");
  }
  if (run.ended()) std::cout << "\n" << s.persona.name << ": " << run.current().says << "\n";
  const scenario::Debrief d = run.Summarise();
  std::cout << "\nDebrief: " << scenario::OutcomeName(d.outcome) << ", rubric "
            << std::lround(d.overall) << "/100\n";
  for (const auto& c : d.rubric) {
    std::cout << "  " << c.criterion << ": " << std::lround(c.score * 100) << "%\n";
  }
  std::cout << "  Their state:";
  for (const auto& st : d.trajectory) {
    std::cout << " " << st.emotion << " " << std::lround(st.intensity * 100) << "%";
  }
  std::cout << "\n  Try at work: " << d.experiment << "\n";
  return 0;
}

}  // namespace

void RegisterScenarioCommands(CLI::App& app) {
  auto* scenario_cmd = app.add_subcommand("scenario", "Role-play scenarios");
  scenario_cmd->require_subcommand(1);
  {
    auto* lint = scenario_cmd->add_subcommand("lint", "Validate scenario files");
    auto files = std::make_shared<std::vector<std::string>>();
    lint->add_option("files", *files, "scenario YAML files")->required();
    lint->callback([=] {
      int bad = 0;
      for (const auto& f : *files) {
        auto s = roleplay::LoadScenarioFile(f);
        if (s.ok()) {
          std::cout << f << ": ok (" << s->nodes.size() << " nodes, " << s->rubric.size()
                    << " criteria)\n";
        } else {
          std::cerr << s.error().message << "\n";
          ++bad;
        }
      }
      if (bad) std::exit(2);
    });
  }
  {
    auto* play = scenario_cmd->add_subcommand("play", "Rehearse a scenario in the terminal");
    auto file = std::make_shared<std::string>();
    auto flags = std::make_shared<CommonFlags>();
    play->add_option("file", *file, "scenario YAML file")->required();
    flags->Add(play);
    play->callback([=] {
      auto s = roleplay::LoadScenarioFile(*file);
      if (!s.ok()) std::exit(Fail(s.error()));
      auto config = flags->Build();
      if (!config.ok()) std::exit(Fail(config.error()));
      auto engine = affect::AffectEngine::LoadFile(config->affect_model);
      if (!engine.ok()) std::exit(Fail(engine.error()));
      std::exit(Play(*s, **engine));
    });
  }
}

}  // namespace attune
