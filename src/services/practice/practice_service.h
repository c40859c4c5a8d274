#pragma once
// Adaptive practice: short sessions that aim at about 75% success, lean toward the learner's weak
// emotions (from the development map) and their role and seniority, give the explanation after
// every answer, and schedule reviews with FSRS-6: one card per item and one per emotion, rated
// Good when right and Again when wrong. Items due for review come first in the next session.
#include <optional>
#include <string>
#include <vector>

#include "engines/srs/fsrs_scheduler.h"
#include "services/practice/assessment_service.h"

namespace attune::practice {

struct PracticeView {
  PracticeSessionRecord session;
  std::optional<ServedItem> current;  // the item to answer next; none once the session ended
  int answered = 0;
  int correct = 0;
};

struct PracticeAnswer {
  AnswerFeedback feedback;
  PracticeView session;            // after the answer
  int64_t item_review_due = 0;     // when this item comes back (FSRS)
  int64_t emotion_review_due = 0;  // when this emotion comes back
};

struct ReviewQueueEntry {
  ReviewCardRecord card;
  double retrievability = 0;  // FSRS probability of recall now
};

struct ReviewQueue {
  std::vector<ReviewQueueEntry> due;  // most overdue first
  int64_t due_count = 0;
};

// Everything assessment and practice hold about one learner (their data-subject export).
struct PracticeExport {
  std::optional<PracticeProfileRecord> profile;
  std::vector<AssessmentRecord> assessments;  // completed, oldest first
  std::vector<ItemResponseRecord> answers;    // newest first
  std::vector<ReviewCardRecord> review_cards;
};

class PracticeService {
 public:
  static constexpr int kDefaultItems = 10;
  static constexpr int kMaxItems = 30;

  PracticeService(ServiceContext ctx, const ItemBank& bank, StatementService& statements,
                  AssessmentService& assessments);

  Result<PracticeProfileRecord> Profile(const Principal& p);
  Result<PracticeProfileRecord> SetProfile(const Principal& p, const std::string& role,
                                           const std::string& seniority);

  Result<PracticeView> Start(const Principal& p, int planned_items = kDefaultItems);
  Result<PracticeView> Get(const Principal& p, const std::string& id);
  Result<PracticeAnswer> Answer(const Principal& p, const std::string& id,
                                const std::string& item_id, const std::string& option_id);
  Result<ReviewQueue> Reviews(const Principal& p);
  Result<PracticeExport> ExportMine(const Principal& p);

 private:
  Result<PracticeSessionRecord> OwnSession(StoreTx& tx, const Principal& p, const std::string& id);
  Result<PracticeView> Advance(StoreTx& tx, PracticeSessionRecord& s,
                               const std::vector<ItemResponseRecord>& responses,
                               const std::vector<double>& emotion_weight);
  Result<int> ChooseItem(StoreTx& tx, const PracticeSessionRecord& s,
                         const std::vector<ItemResponseRecord>& responses,
                         const std::vector<double>& emotion_weight);
  Result<ReviewCardRecord> Review(StoreTx& tx, const Principal& p, const std::string& card,
                                  bool correct);
  Result<std::vector<double>> EmotionWeights(const Principal& p);

  ServiceContext ctx_;
  const ItemBank& bank_;
  ItemDelivery delivery_;
  StatementService& statements_;
  AssessmentService& assessments_;
  srs::Scheduler scheduler_;
};

}  // namespace attune::practice
