#include "engines/affect/empathy_evaluation.h"

#include <algorithm>
#include <charconv>

#include "core/csv_reader.h"

namespace attune::affect {

Result<std::vector<EmpathyExample>> ParseEpitome(std::string_view er, std::string_view ip,
                                                 std::string_view ex) {
  std::vector<EmpathyExample> out;
  std::string_view files[3] = {er, ip, ex};
  for (int mech = 0; mech < 3; ++mech) {
    ASSIGN_OR_RETURN(auto records, attune::ParseCsv(files[mech]));
    std::vector<std::vector<std::string>> rows;
    for (auto& rec : records) rows.push_back(std::move(rec.fields));
    if (rows.empty()) return Error(ErrorCode::kInvalidArgument, "EPITOME file is empty");
    // Columns by header name: sp_id, rp_id, seeker_post, response_post, level, rationales.
    const auto& header = rows[0];
    int seeker = -1, response = -1, level = -1, rp_id = -1;
    for (int c = 0; c < static_cast<int>(header.size()); ++c) {
      if (header[c] == "seeker_post") seeker = c;
      if (header[c] == "response_post") response = c;
      if (header[c] == "level") level = c;
      if (header[c] == "rp_id") rp_id = c;
    }
    if (seeker < 0 || response < 0 || level < 0 || rp_id < 0)
      return Error(ErrorCode::kInvalidArgument,
                   "EPITOME header lacks rp_id/seeker_post/response_post/level");
    if (mech == 0) out.resize(rows.size() - 1);
    if (rows.size() - 1 != out.size())
      return Error(ErrorCode::kInvalidArgument, "EPITOME files have different row counts");
    for (size_t r = 1; r < rows.size(); ++r) {
      const auto& row = rows[r];
      if (static_cast<int>(row.size()) <= std::max({seeker, response, level, rp_id}))
        return Error(ErrorCode::kInvalidArgument, "EPITOME row " + std::to_string(r) + " is short");
      int v = -1;
      std::from_chars(row[level].data(), row[level].data() + row[level].size(), v);
      if (v < 0 || v > 2)
        return Error(ErrorCode::kInvalidArgument,
                     "EPITOME row " + std::to_string(r) + ": bad level");
      EmpathyExample& e = out[r - 1];
      // Pairs are matched by reply id: the three files differ in incidental whitespace.
      if (mech == 0) {
        e.response_id = row[rp_id];
        e.seeker_post = row[seeker];
        e.response = row[response];
      } else if (e.response_id != row[rp_id]) {
        return Error(ErrorCode::kInvalidArgument, "EPITOME files list different pairs");
      }
      e.level[mech] = v;
    }
  }
  return out;
}

EmpathyEvaluation EvaluateEmpathy(const EmpathyScorer& scorer,
                                  const std::vector<EmpathyExample>& examples) {
  std::array<F1Counter, 3> three = {F1Counter(3), F1Counter(3), F1Counter(3)};
  std::array<F1Counter, 3> binary = {F1Counter(2), F1Counter(2), F1Counter(2)};
  EmpathyEvaluation ev;
  std::array<long, 3> correct{};
  for (const EmpathyExample& e : examples) {
    EmpathyAssessment a = scorer.Score(e.seeker_post, e.response);
    const int predicted[3] = {a.emotional_reaction.level, a.interpretation.level,
                              a.exploration.level};
    for (int m = 0; m < 3; ++m) {
      three[m].Add({e.level[m]}, {predicted[m]});
      binary[m].Add({e.level[m] > 0}, {predicted[m] > 0});
      correct[m] += predicted[m] == e.level[m];
      ++ev.confusion[m][e.level[m] * 3 + predicted[m]];
    }
  }
  for (int m = 0; m < 3; ++m) {
    ev.three_class[m] = three[m].Report();
    ev.binary[m] = binary[m].Report();
    ev.accuracy[m] = examples.empty() ? 0 : static_cast<double>(correct[m]) / examples.size();
  }
  ev.examples = examples.size();
  return ev;
}

}  // namespace attune::affect
