#pragma once
// Records of emotion-recognition assessment and practice (migration 0004). Times are epoch ms.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attune {

struct BranchScore {
  std::optional<double> theta;
  std::optional<double> se;
};

struct AssessmentRecord {
  std::string id;
  std::string org_id;
  std::string person_id;
  std::string status;  // "active" or "completed"
  int64_t started_at = 0;
  std::optional<int64_t> completed_at;
  int64_t items = 0;  // items answered
  BranchScore overall;
  BranchScore recognition;
  BranchScore understanding;
  BranchScore management;
};

// One item served in an assessment or practice session, and its answer once given.
struct ItemResponseRecord {
  std::string id;
  std::string org_id;
  std::string person_id;
  std::string activity_kind;  // "assessment" or "practice"
  std::string activity_id;
  int64_t position = 0;  // 1-based within the activity
  std::string item_id;
  int64_t item_version = 1;
  int64_t served_at = 0;
  std::optional<int64_t> answered_at;
  std::optional<std::string> option_id;
  std::optional<bool> correct;
  std::string key_emotion;
  std::optional<std::string> chosen_emotion;
};

struct EmotionAccuracyRow {
  std::string emotion;
  int64_t answered = 0;
  int64_t correct = 0;
  int64_t learners = 0;  // distinct people behind the answers
};

struct CalibrationRow {
  std::string person_id;
  std::string item_id;
  int64_t item_version = 1;
  bool correct = false;
  std::optional<std::string> option_id;
};

struct ItemCalibrationRecord {
  std::string org_id;
  std::string item_id;
  int64_t item_version = 1;
  double a = 1;
  double b = 0;
  // The nominal model of the options, in the item's option order; empty when the item is scored
  // right/wrong only.
  std::vector<double> option_slopes;
  std::vector<double> option_intercepts;
  int64_t responses = 0;
  int64_t calibrated_at = 0;
};

struct PracticeSessionRecord {
  std::string id;
  std::string org_id;
  std::string person_id;
  int64_t started_at = 0;
  std::optional<int64_t> ended_at;
  int64_t planned_items = 10;
};

// FSRS state of one card ("item:<id>" or "emotion:<name>") for one learner.
struct ReviewCardRecord {
  std::string person_id;
  std::string card;
  std::string org_id;
  int64_t state = 1;  // srs::State
  int64_t step = 0;
  std::optional<double> stability;
  std::optional<double> difficulty;
  int64_t due = 0;
  std::optional<int64_t> last_review;
  int64_t reviews = 0;
  int64_t lapses = 0;
};

struct PracticeProfileRecord {
  std::string person_id;
  std::string org_id;
  std::string role;       // any | sales | support | engineering | manager | hr | peer
  std::string seniority;  // any | ic | lead | manager | director
  int64_t updated_at = 0;
};

}  // namespace attune
