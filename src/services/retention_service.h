#pragma once
// Retention: each data stream of an organisation (GovernanceService) declares how many days its
// records are kept, and this deletes what is older, for real, stream by stream:
// - voice_prosody: kept recordings and voice analyses of role-play turns (the words stay);
// - roleplay_text: the turns of role-play runs that ended before the cutoff (outcome and rubric
//   scores stay: the learner's progress) and runs started before it that never ended;
// - practice_responses: answers to assessment and practice items (assessment scores, the ERPS
//   history, stay), except those of an assessment still in progress;
// - learning_records: xAPI statements stored before the cutoff, State and Profile documents last
//   changed before it, and attachment contents no remaining statement names.
// Every transaction that deletes anything writes a "retention.purge" audit entry with the stream
// and the counts. Statements go 1,000 per transaction so a large purge does not hold the writer.
// The server runs it at start and every hour.
#include <cstdint>
#include <map>
#include <string>

#include "services/service_context.h"

namespace attune {

// Rows deleted, by "<stream>.<kind>" (e.g. "learning_records.statements"), over all organisations.
using RetentionReport = std::map<std::string, int64_t>;

class RetentionService {
 public:
  explicit RetentionService(ServiceContext ctx) : ctx_(ctx) {}

  Result<RetentionReport> PurgeExpired();

 private:
  Status PurgeOrganisation(const Organisation& org, RetentionReport& report);

  ServiceContext ctx_;
};

}  // namespace attune
