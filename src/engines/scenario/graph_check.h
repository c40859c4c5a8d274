#pragma once
// The structural rules of a scenario's dialogue graph (docs/scenarios.md): every `next` names a
// node, every node is reachable from the start, an end is reachable from every node (no dead ends
// or inescapable loops), every non-end node ends with exactly one fallback branch, end nodes have
// no branches, and there is a success and a non-success end. Each problem names the line.
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
