#include "storage/sql/sql_repositories.h"

namespace attune {
namespace {
constexpr const char* kStreamSelect =
    "SELECT org_id, key, name, purpose, legal_basis, retention_days, biometric, updated_at, "
    "eu_exception FROM data_streams ";

DataStream StreamFromRow(const SqlRow& r) {
  return DataStream{r.Text(0),     r.Text(1), r.Text(2),
                    r.Text(3),     r.Text(4), static_cast<int>(r.Int(5)),
                    r.Int(6) != 0, r.Int(7),  r.Text(8)};
}
}  // namespace

Status SqlGovernanceRepository::UpsertStream(const DataStream& s) {
  RETURN_IF_ERROR(c_.Exec(
      "INSERT INTO data_streams (org_id, key, name, purpose, legal_basis, retention_days, "
      "biometric, updated_at, eu_exception) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (org_id, key) DO UPDATE "
      "SET name = excluded.name, purpose = excluded.purpose, legal_basis = excluded.legal_basis, "
      "retention_days = excluded.retention_days, biometric = excluded.biometric, "
      "updated_at = excluded.updated_at, eu_exception = excluded.eu_exception",
      {s.org_id, s.key, s.name, s.purpose, s.legal_basis, int64_t{s.retention_days},
       int64_t{s.biometric}, s.updated_at, s.eu_exception}));
  return Ok();
}

Result<std::vector<DataStream>> SqlGovernanceRepository::ListStreams(const std::string& org_id) {
  ASSIGN_OR_RETURN(
      auto rows, c_.Query(std::string(kStreamSelect) + "WHERE org_id = ? ORDER BY key", {org_id}));
  std::vector<DataStream> out;
  for (const auto& r : rows) out.push_back(StreamFromRow(r));
  return out;
}

Result<std::optional<DataStream>> SqlGovernanceRepository::FindStream(const std::string& org_id,
                                                                      const std::string& key) {
  ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kStreamSelect) + "WHERE org_id = ? AND key = ?",
                                       {org_id, key}));
  if (rows.empty()) return std::optional<DataStream>();
  return std::optional<DataStream>(StreamFromRow(rows[0]));
}

Status SqlGovernanceRepository::UpsertConsent(const ConsentRecord& c) {
  RETURN_IF_ERROR(
      c_.Exec("INSERT INTO consents (person_id, stream_key, state, updated_at) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (person_id, stream_key) DO UPDATE SET state = excluded.state, "
              "updated_at = excluded.updated_at",
              {c.person_id, c.stream_key, c.state, c.updated_at}));
  return Ok();
}

Result<std::vector<ConsentRecord>> SqlGovernanceRepository::ListConsents(
    const std::string& person_id) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT person_id, stream_key, state, updated_at FROM "
                                       "consents WHERE person_id = ? ORDER BY stream_key",
                                       {person_id}));
  std::vector<ConsentRecord> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3)});
  return out;
}

Result<std::optional<ConsentRecord>> SqlGovernanceRepository::FindConsent(
    const std::string& person_id, const std::string& stream_key) {
  ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT person_id, stream_key, state, updated_at FROM "
                                       "consents WHERE person_id = ? AND stream_key = ?",
                                       {person_id, stream_key}));
  if (rows.empty()) return std::optional<ConsentRecord>();
  const auto& r = rows[0];
  return std::optional<ConsentRecord>(ConsentRecord{r.Text(0), r.Text(1), r.Text(2), r.Int(3)});
}

}  // namespace attune
