#pragma once
// Adaptive assessment of emotion recognition, understanding and management (the ERPS). One
// assessment per learner at a time: items are chosen by the IRT engine's selector under the
// AssessmentPolicy, each answer is scored at once (EAP), and the test stops at SE <= 0.30 or 40
// items. Every answer and the completion are stored and appended to the LRS as xAPI statements in
// the same transaction.
#include <optional>
#include <string>
#include <vector>

#include "engines/irt/development_map.h"
#include "engines/irt/erps_scale.h"
#include "services/practice/item_delivery.h"
#include "services/principal.h"
#include "services/xapi/statement_service.h"

namespace attune::practice {

struct BranchResult {
  std::string branch;  // "overall", "recognition", "understanding", "management"
  double theta = 0;
  double se = 1;
  irt::ErpsScore erps;
};

struct AssessmentView {
  AssessmentRecord record;
  std::optional<ServedItem> current;  // the item to answer next (active assessments)
  std::vector<BranchResult> results;  // completed assessments
};

struct AnswerOutcome {
  AnswerFeedback feedback;
  AssessmentView assessment;  // after the answer: the next item, or the results
};

// Where the organisation's item bank stands: how many current items have been refitted from its
// answers, how many of those also model their options, and when the last refit was.
struct CalibrationStatus {
  int items = 0;
  int calibrated = 0;
  int with_option_model = 0;
  std::optional<int64_t> last_calibrated_at;
  int min_answers = 0;  // assessment answers an item needs before a refit estimates it
};

struct ErpsReport {
  std::vector<BranchResult> latest;  // the last completed assessment
  std::vector<std::pair<AssessmentRecord, std::vector<BranchResult>>> history;  // oldest first
  irt::DevelopmentMap map;  // over recognition/understanding answers
  int64_t answers = 0;
};

class AssessmentService {
 public:
  AssessmentService(ServiceContext ctx, const ItemBank& bank, StatementService& statements);

  // Starts an assessment, or returns the one in progress (with its pending item).
  Result<AssessmentView> Start(const Principal& p);
  Result<AssessmentView> Get(const Principal& p, const std::string& id);
  // The item to answer now: the pending one, or a newly chosen one. kConflict once completed.
  Result<AssessmentView> Next(const Principal& p, const std::string& id);
  Result<AnswerOutcome> Answer(const Principal& p, const std::string& id,
                               const std::string& item_id, const std::string& option_id);
  Result<ErpsReport> Report(const Principal& p);

  // Refits the organisation's item parameters from its assessment answers (MML-EM) and stores
  // them; returns how many items were refitted. Admin only.
  Result<int> Calibrate(const Principal& admin);
  Result<CalibrationStatus> Calibration(const Principal& admin);

 private:
  Result<AssessmentRecord> OwnAssessment(StoreTx& tx, const Principal& p, const std::string& id);
  Result<AssessmentView> Advance(StoreTx& tx, const Principal& p, AssessmentRecord& a,
                                 std::vector<ItemResponseRecord> responses,
                                 std::vector<nlohmann::json>& statements);
  std::vector<BranchResult> Score(const std::vector<irt::BankItem>& bank,
                                  const std::vector<ItemResponseRecord>& responses) const;
  Status CheckAvailable() const;

  ServiceContext ctx_;
  const ItemBank& bank_;
  ItemDelivery delivery_;
  StatementService& statements_;
};

std::vector<BranchResult> BranchResults(const AssessmentRecord& a);

}  // namespace attune::practice
