#pragma once
// Storage of assessments, served items and answers, item calibration and exposure, practice
// sessions, review cards and practice profiles.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/api/practice_records.h"

namespace attune {

class PracticeRepository {
 public:
  virtual ~PracticeRepository() = default;

  // Serialises one learner's practice and assessment writes until the transaction ends (a
  // PostgreSQL advisory lock; SQLite has a single writer already), so two tabs answering at once
  // cannot both start an assessment or lose an FSRS review.
  virtual Status LockLearner(const std::string& person_id) = 0;
  virtual Status InsertAssessment(const AssessmentRecord& a) = 0;
  virtual Result<std::optional<AssessmentRecord>> FindAssessment(const std::string& id) = 0;
  virtual Result<std::optional<AssessmentRecord>> ActiveAssessment(
      const std::string& person_id) = 0;
  virtual Status UpdateAssessment(const AssessmentRecord& a) = 0;
  // Completed assessments, oldest first.
  virtual Result<std::vector<AssessmentRecord>> CompletedAssessments(
      const std::string& person_id) = 0;
  virtual Result<int64_t> CountAssessments(const std::string& org_id) = 0;

  virtual Status InsertResponse(const ItemResponseRecord& r) = 0;
  // In position order.
  virtual Result<std::vector<ItemResponseRecord>> ResponsesOf(const std::string& activity_id) = 0;
  // Records the answer unless one is already there; false when it was (a double submission).
  virtual Result<bool> RecordAnswer(const ItemResponseRecord& answered) = 0;
  // The person's answered items, newest first, at most `limit`.
  virtual Result<std::vector<ItemResponseRecord>> AnsweredBy(const std::string& person_id,
                                                             int64_t limit) = 0;
  // Correct answers per keyed emotion across the organisation's other learners (emotion answers
  // only), with how many learners gave them.
  virtual Result<std::vector<EmotionAccuracyRow>> EmotionAccuracy(
      const std::string& org_id, const std::string& except_person_id) = 0;
  // Every item the person has answered, in any assessment or practice session.
  virtual Result<std::vector<std::string>> ItemsAnsweredBy(const std::string& person_id) = 0;
  // Every answered assessment response of the organisation (calibration data).
  virtual Result<std::vector<CalibrationRow>> CalibrationData(const std::string& org_id) = 0;

  virtual Result<std::map<std::string, int64_t>> Exposure(const std::string& org_id) = 0;
  virtual Status AddExposure(const std::string& org_id, const std::string& item_id) = 0;
  // Retention: deletes the organisation's answers (item_responses) served before `cutoff`, except
  // those of assessments still in progress; assessment scores stay (the ERPS history). Returns
  // how many.
  virtual Result<int64_t> PurgeAnswersBefore(const std::string& org_id, int64_t cutoff) = 0;

  virtual Result<std::vector<ItemCalibrationRecord>> Calibrations(const std::string& org_id) = 0;
  virtual Status PutCalibration(const ItemCalibrationRecord& c) = 0;

  virtual Status InsertPracticeSession(const PracticeSessionRecord& s) = 0;
  virtual Result<std::optional<PracticeSessionRecord>> FindPracticeSession(
      const std::string& id) = 0;
  virtual Status EndPracticeSession(const std::string& id, int64_t ended_at) = 0;

  virtual Result<std::optional<ReviewCardRecord>> FindCard(const std::string& person_id,
                                                           const std::string& card) = 0;
  virtual Status PutCard(const ReviewCardRecord& c) = 0;
  // Cards due at or before `now`, most overdue first.
  virtual Result<std::vector<ReviewCardRecord>> DueCards(const std::string& person_id, int64_t now,
                                                         int64_t limit) = 0;

  virtual Result<std::optional<PracticeProfileRecord>> FindProfile(
      const std::string& person_id) = 0;
  virtual Status PutProfile(const PracticeProfileRecord& p) = 0;
};

}  // namespace attune
