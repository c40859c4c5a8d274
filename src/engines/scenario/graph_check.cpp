#include "engines/scenario/graph_check.h"

#include <map>
#include <set>

namespace attune::scenario {

std::vector<GraphProblem> CheckGraph(const Scenario& s) {
  std::vector<GraphProblem> problems;
  std::map<std::string, const Node*> by_id;
  for (const Node& n : s.nodes) {
    if (!by_id.emplace(n.id, &n).second) {
      problems.push_back({n.line, "node \"" + n.id + "\" is defined twice"});
    }
  }
  if (s.nodes.size() < 6) problems.push_back({0, "a scenario needs at least 6 nodes"});
  if (!by_id.count(s.start)) {
    problems.push_back({0, "start \"" + s.start + "\" is not a node"});
    return problems;
  }
  bool success = false, other_end = false;
  for (const Node& n : s.nodes) {
    if (n.end != Outcome::kNone) {
      (n.end == Outcome::kSuccess ? success : other_end) = true;
      if (!n.branches.empty()) {
        problems.push_back({n.line, "end node \"" + n.id + "\" must not have branches"});
      }
      continue;
    }
    if (n.branches.empty() || !n.branches.back().when.empty()) {
      problems.push_back({n.line, "node \"" + n.id +
                                      "\" needs a fallback branch (one without `when`) as its "
                                      "last branch, so every reply leads somewhere"});
    }
    for (size_t b = 0; b + 1 < n.branches.size(); ++b) {
      if (n.branches[b].when.empty()) {
        problems.push_back({n.branches[b].line, "node \"" + n.id +
                                                    "\": only the last branch may be the "
                                                    "fallback; the branches after it never run"});
      }
    }
    for (const Branch& b : n.branches) {
      if (!by_id.count(b.next)) {
        problems.push_back(
            {b.line, "node \"" + n.id + "\": next \"" + b.next + "\" is not a node"});
      }
    }
  }
  if (!success) problems.push_back({0, "the scenario needs an end node with `end: success`"});
  if (!other_end) {
    problems.push_back({0,
                        "the scenario needs an end node that is not a success (partial or "
                        "failure)"});
  }
  // Reachable from the start.
  std::set<std::string> reached;
  std::vector<std::string> todo = {s.start};
  while (!todo.empty()) {
    std::string id = todo.back();
    todo.pop_back();
    if (!by_id.count(id) || !reached.insert(id).second) continue;
    for (const Branch& b : by_id[id]->branches) todo.push_back(b.next);
  }
  for (const Node& n : s.nodes) {
    if (!reached.count(n.id)) {
      problems.push_back({n.line, "node \"" + n.id + "\" cannot be reached from the start"});
    }
  }
  // Can reach an end: fixed point over reverse edges.
  std::set<std::string> can_end;
  for (const Node& n : s.nodes) {
    if (n.end != Outcome::kNone) can_end.insert(n.id);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (const Node& n : s.nodes) {
      if (can_end.count(n.id)) continue;
      for (const Branch& b : n.branches) {
        if (can_end.count(b.next)) {
          can_end.insert(n.id);
          changed = true;
          break;
        }
      }
    }
  }
  for (const Node& n : s.nodes) {
    if (!can_end.count(n.id)) {
      problems.push_back({n.line, "node \"" + n.id +
                                      "\" is a dead end: no end can be reached "
                                      "from it"});
    }
  }
  return problems;
}

}  // namespace attune::scenario
