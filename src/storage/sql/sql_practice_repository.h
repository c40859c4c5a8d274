#pragma once
// The practice repository of storage/api in portable SQL.
#include "storage/api/practice_repository.h"
#include "storage/sql/sql_database.h"

namespace attune {

class SqlPracticeRepository final : public PracticeRepository {
 public:
  explicit SqlPracticeRepository(SqlConnection& c) : c_(c) {}

  Status LockLearner(const std::string& person_id) override;
  Status InsertAssessment(const AssessmentRecord& a) override;
  Result<std::optional<AssessmentRecord>> FindAssessment(const std::string& id) override;
  Result<std::optional<AssessmentRecord>> ActiveAssessment(const std::string& person_id) override;
  Status UpdateAssessment(const AssessmentRecord& a) override;
  Result<std::vector<AssessmentRecord>> CompletedAssessments(const std::string& person_id) override;
  Result<int64_t> CountAssessments(const std::string& org_id) override;

  Status InsertResponse(const ItemResponseRecord& r) override;
  Result<std::vector<ItemResponseRecord>> ResponsesOf(const std::string& activity_id) override;
  Result<bool> RecordAnswer(const ItemResponseRecord& answered) override;
  Result<std::vector<ItemResponseRecord>> AnsweredBy(const std::string& person_id,
                                                     int64_t limit) override;
  Result<std::vector<EmotionAccuracyRow>> EmotionAccuracy(
      const std::string& org_id, const std::string& except_person_id) override;
  Result<std::vector<std::string>> ItemsAnsweredBy(const std::string& person_id) override;
  Result<std::vector<CalibrationRow>> CalibrationData(const std::string& org_id) override;

  Result<std::map<std::string, int64_t>> Exposure(const std::string& org_id) override;
  Status AddExposure(const std::string& org_id, const std::string& item_id) override;
  Result<int64_t> PurgeAnswersBefore(const std::string& org_id, int64_t cutoff) override;

  Result<std::vector<ItemCalibrationRecord>> Calibrations(const std::string& org_id) override;
  Status PutCalibration(const ItemCalibrationRecord& c) override;

  Status InsertPracticeSession(const PracticeSessionRecord& s) override;
  Result<std::optional<PracticeSessionRecord>> FindPracticeSession(const std::string& id) override;
  Status EndPracticeSession(const std::string& id, int64_t ended_at) override;

  Result<std::optional<ReviewCardRecord>> FindCard(const std::string& person_id,
                                                   const std::string& card) override;
  Status PutCard(const ReviewCardRecord& c) override;
  Result<std::vector<ReviewCardRecord>> DueCards(const std::string& person_id, int64_t now,
                                                 int64_t limit) override;

  Result<std::optional<PracticeProfileRecord>> FindProfile(const std::string& person_id) override;
  Status PutProfile(const PracticeProfileRecord& p) override;

 private:
  SqlConnection& c_;
};

}  // namespace attune
