#pragma once
// The structural rules of a scenario's dialogue graph (docs/scenarios.md): every `next` names a
// node, every node is reachable from the start, some path leads from every node to an end (no dead
// ends; loops are allowed when they have an exit, and ScenarioRun caps a run's length), every
// non-end node ends with exactly one fallback branch, end nodes have no branches, and there is a
// success and a non-success end. Each problem names the line.
#include <string>
#include <vector>

#include "engines/scenario/scenario.h"

namespace attune::scenario {

struct GraphProblem {
  int line = 0;
  std::string message;
};

std::vector<GraphProblem> CheckGraph(const Scenario& s);

}  // namespace attune::scenario
