#pragma once
// The role-play repository of storage/api in portable SQL.
#include "storage/api/roleplay_repository.h"
#include "storage/sql/sql_database.h"

namespace attune {

class SqlRoleplayRepository final : public RoleplayRepository {
 public:
  explicit SqlRoleplayRepository(SqlConnection& c) : c_(c) {}
  Status InsertSession(const RoleplaySessionRecord& s) override;
  Status KeepScenarioVersion(const std::string& scenario_id, int64_t version,
                             const std::string& text) override;
  Result<std::optional<std::string>> FindScenarioVersion(const std::string& scenario_id,
                                                         int64_t version) override;
  Result<std::optional<RoleplaySessionRecord>> FindSession(const std::string& id) override;
  Result<bool> EndSession(const RoleplaySessionRecord& s) override;
  Result<std::vector<RoleplaySessionRecord>> SessionsOf(const std::string& person_id) override;
  Status InsertTurn(const RoleplayTurnRecord& t) override;
  Result<std::vector<RoleplayTurnRecord>> TurnsOf(const std::string& session_id) override;
  Status InsertTurnAudio(const TurnAudioRecord& a) override;
  Result<std::optional<TurnAudioRecord>> FindTurnAudio(const std::string& session_id,
                                                       int64_t turn) override;
  Result<std::pair<int64_t, int64_t>> PurgeVoiceBefore(const std::string& org_id,
                                                       int64_t cutoff) override;
  Result<int64_t> PurgeTextBefore(const std::string& org_id, int64_t cutoff) override;
  Status InsertCriterionScore(const CriterionScoreRecord& c) override;
  Result<std::vector<CriterionScoreRecord>> CriterionScoresOf(
      const std::string& person_id) override;

 private:
  SqlConnection& c_;
};

}  // namespace attune
