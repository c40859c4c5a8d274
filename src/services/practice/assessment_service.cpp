#include "services/practice/assessment_service.h"

#include <map>

#include "core/clock.h"
#include "core/ids.h"
#include "engines/irt/mml_calibration.h"
#include "services/permissions.h"
#include "services/practice/assessment_policy.h"
#include "services/practice/emotion_vocabulary.h"
#include "services/practice/learning_events.h"
#include "services/practice/processing_check.h"
#include "services/xapi/attune_vocabulary.h"

namespace attune::practice {

using nlohmann::json;

namespace {

constexpr const char* kAssessment = "assessment";

void SetBranch(BranchScore& score, const BranchResult& r) {
  score.theta = r.theta;
  score.se = r.se;
}

}  // namespace

std::vector<BranchResult> BranchResults(const AssessmentRecord& a) {
  std::vector<BranchResult> out;
  auto add = [&](const char* name, const BranchScore& s) {
    if (!s.theta || !s.se) return;
    out.push_back({name, *s.theta, *s.se, irt::ToErps({*s.theta, *s.se})});
  };
  add("overall", a.overall);
  add("recognition", a.recognition);
  add("understanding", a.understanding);
  add("management", a.management);
  return out;
}

AssessmentService::AssessmentService(ServiceContext ctx, const ItemBank& bank,
                                     StatementService& statements)
    : ctx_(ctx), bank_(bank), delivery_(ctx, bank), statements_(statements) {}

Result<AssessmentRecord> AssessmentService::OwnAssessment(StoreTx& tx, const Principal& p,
                                                          const std::string& id) {
  ASSIGN_OR_RETURN(auto a, tx.practice().FindAssessment(id));
  // Someone else's assessment is indistinguishable from a missing one.
  if (!a || a->person_id != p.person_id) {
    return Error(ErrorCode::kNotFound, "no assessment " + id);
  }
  return *a;
}

std::vector<BranchResult> AssessmentService::Score(
    const std::vector<irt::BankItem>& bank,
    const std::vector<ItemResponseRecord>& responses) const {
  irt::AbilityPosterior overall;
  std::vector<irt::AbilityPosterior> branches(kModalities);
  std::vector<int> answered(kModalities, 0);
  for (const ItemResponseRecord& r : responses) {
    const int index = bank_.IndexOf(r.item_id);
    if (index < 0 || !r.correct) continue;
    const irt::ItemAnswer answer =
        bank_.items()[index].ScoredAnswer(*r.correct, r.option_id, r.item_version);
    overall.Observe(bank[index].params, answer);
    branches[bank[index].modality].Observe(bank[index].params, answer);
    ++answered[bank[index].modality];
  }
  std::vector<BranchResult> out;
  auto add = [&](std::string name, const irt::AbilityPosterior& posterior) {
    const irt::AbilityEstimate e = posterior.Estimate();
    out.push_back({std::move(name), e.theta, e.se, irt::ToErps(e)});
  };
  add("overall", overall);
  for (int m = 0; m < kModalities; ++m) {
    if (answered[m] > 0) add(std::string(ModalityName(static_cast<Modality>(m))), branches[m]);
  }
  return out;
}

Result<AssessmentView> AssessmentService::Advance(StoreTx& tx, const Principal& p,
                                                  AssessmentRecord& a,
                                                  std::vector<ItemResponseRecord> responses,
                                                  std::vector<json>& statements) {
  AssessmentView view;
  if (a.status != "active") {
    view.record = a;
    view.results = BranchResults(a);
    return view;
  }
  if (auto pending = delivery_.Pending(responses)) {
    view.record = a;
    view.current = pending;
    return view;
  }
  ASSIGN_OR_RETURN(auto bank, delivery_.CalibratedBank(tx, a.org_id));
  const irt::CatPolicy policy = AssessmentPolicy();
  const irt::ItemSelector selector(bank, policy);
  irt::AbilityPosterior posterior;
  std::vector<int> administered;
  int answered = 0;
  for (const ItemResponseRecord& r : responses) {
    const int index = bank_.IndexOf(r.item_id);
    if (index < 0) continue;
    administered.push_back(index);
    if (r.correct) {
      posterior.Observe(bank[index].params,
                        bank_.items()[index].ScoredAnswer(*r.correct, r.option_id, r.item_version));
      ++answered;
    }
  }
  const irt::AbilityEstimate estimate = posterior.Estimate();
  int next = -1;
  if (!selector.ShouldStop(estimate, answered)) {
    irt::ExposureCounts exposure;
    ASSIGN_OR_RETURN(exposure.tests, tx.practice().CountAssessments(a.org_id));
    ASSIGN_OR_RETURN(auto served, tx.practice().Exposure(a.org_id));
    exposure.administered.assign(bank.size(), 0);
    for (const auto& [item_id, count] : served) {
      const int index = bank_.IndexOf(item_id);
      if (index >= 0) exposure.administered[index] = count;
    }
    // Items the learner has answered before (in practice or an earlier assessment) showed them
    // the key: they measure memory, not skill. They are left out while enough items remain.
    ASSIGN_OR_RETURN(auto seen_before, tx.practice().ItemsAnsweredBy(a.person_id));
    std::vector<char> excluded(bank.size(), 0);
    int fresh = static_cast<int>(bank.size());
    for (const std::string& item_id : seen_before) {
      const int index = bank_.IndexOf(item_id);
      if (index >= 0 && !excluded[index]) {
        excluded[index] = 1;
        --fresh;
      }
    }
    if (fresh < 2 * policy.max_items) excluded.assign(bank.size(), 0);
    next = selector.Next(estimate, administered, exposure, ctx_.random, excluded);
  }
  if (next >= 0) {
    const Item& item = bank_.items()[next];
    ASSIGN_OR_RETURN(ServedItem served,
                     delivery_.Serve(tx, a.org_id, a.person_id, kAssessment, a.id,
                                     static_cast<int64_t>(responses.size()) + 1, item));
    RETURN_IF_ERROR(tx.practice().AddExposure(a.org_id, item.id));
    view.record = a;
    view.current = served;
    return view;
  }
  // Finished: at the target precision, at the maximum length, or out of items.
  const std::vector<BranchResult> results = Score(bank, responses);
  for (const BranchResult& r : results) {
    if (r.branch == "overall") SetBranch(a.overall, r);
    if (r.branch == "recognition") SetBranch(a.recognition, r);
    if (r.branch == "understanding") SetBranch(a.understanding, r);
    if (r.branch == "management") SetBranch(a.management, r);
  }
  a.status = "completed";
  a.completed_at = ctx_.clock.NowMillis();
  a.items = answered;
  RETURN_IF_ERROR(tx.practice().UpdateAssessment(a));
  ASSIGN_OR_RETURN(Person person, PersonOf(tx, p));
  namespace v = xapi::vocabulary;
  const std::string base = ctx_.config.IdentityBaseUrl();
  const irt::ErpsScore erps = results.front().erps;
  statements.push_back(
      {{"id", NewUuidV7(ctx_.clock, ctx_.random)},
       {"actor", v::PersonAgent(person, base)},
       {"verb", {{"id", v::kCompleted}, {"display", {{"en-US", "completed"}}}}},
       {"object",
        {{"objectType", "Activity"},
         {"id", v::ActivityIri(base, "assessments", a.id)},
         {"definition",
          {{"type", v::kAssessment},
           {"name", {{"en-US", "Emotion-Recognition Proficiency assessment"}}}}}}},
       {"result",
        {{"completion", true},
         {"score",
          {{"raw", erps.score}, {"min", 100}, {"max", 900}, {"scaled", (erps.score - 100) / 800}}},
         {"extensions",
          {{base + "/xapi/extensions/erps-interval-90", json::array({erps.low, erps.high})},
           {base + "/xapi/extensions/items", answered}}}}},
       {"context", {{"registration", a.id}}},
       {"timestamp", FormatIso8601Millis(*a.completed_at)}});
  view.record = a;
  view.results = BranchResults(a);
  return view;
}

Status AssessmentService::CheckAvailable() const {
  if (bank_.items().empty()) {
    return Error(ErrorCode::kUnavailable,
                 "the item bank is not installed (see the item_bank setting); assessments are off");
  }
  return Ok();
}

Result<AssessmentView> AssessmentService::Start(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  RETURN_IF_ERROR(CheckAvailable());
  AssessmentView view;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.practice().LockLearner(p.person_id));
    RETURN_IF_ERROR(RequireProcessing(ctx_, tx, p.person_id, "practice_responses"));
    std::vector<json> statements;
    ASSIGN_OR_RETURN(auto active, tx.practice().ActiveAssessment(p.person_id));
    AssessmentRecord a;
    std::vector<ItemResponseRecord> responses;
    if (active) {
      a = *active;
      ASSIGN_OR_RETURN(responses, tx.practice().ResponsesOf(a.id));
    } else {
      a.id = NewUuidV7(ctx_.clock, ctx_.random);
      a.org_id = p.org_id;
      a.person_id = p.person_id;
      a.status = "active";
      a.started_at = ctx_.clock.NowMillis();
      RETURN_IF_ERROR(tx.practice().InsertAssessment(a));
    }
    ASSIGN_OR_RETURN(view, Advance(tx, p, a, responses, statements));
    RETURN_IF_ERROR(RecordLearningEvents(ctx_, statements_, tx, p, statements));
    return Ok();
  }));
  return view;
}

Result<AssessmentView> AssessmentService::Get(const Principal& p, const std::string& id) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  AssessmentView view;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(view.record, OwnAssessment(tx, p, id));
    ASSIGN_OR_RETURN(auto responses, tx.practice().ResponsesOf(id));
    if (view.record.status == "active") view.current = delivery_.Pending(responses);
    view.results = BranchResults(view.record);
    return Ok();
  }));
  return view;
}

Result<AssessmentView> AssessmentService::Next(const Principal& p, const std::string& id) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  RETURN_IF_ERROR(CheckAvailable());
  AssessmentView view;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.practice().LockLearner(p.person_id));
    ASSIGN_OR_RETURN(AssessmentRecord a, OwnAssessment(tx, p, id));
    if (a.status != "active") {
      return Error(ErrorCode::kConflict, "this assessment has ended; its results are final");
    }
    ASSIGN_OR_RETURN(auto responses, tx.practice().ResponsesOf(id));
    std::vector<json> statements;
    ASSIGN_OR_RETURN(view, Advance(tx, p, a, responses, statements));
    RETURN_IF_ERROR(RecordLearningEvents(ctx_, statements_, tx, p, statements));
    return Ok();
  }));
  return view;
}

Result<AnswerOutcome> AssessmentService::Answer(const Principal& p, const std::string& id,
                                                const std::string& item_id,
                                                const std::string& option_id) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  RETURN_IF_ERROR(CheckAvailable());
  AnswerOutcome outcome;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.practice().LockLearner(p.person_id));
    ASSIGN_OR_RETURN(AssessmentRecord a, OwnAssessment(tx, p, id));
    if (a.status != "active") {
      return Error(ErrorCode::kConflict, "this assessment has ended; answers are no longer taken");
    }
    RETURN_IF_ERROR(RequireProcessing(ctx_, tx, p.person_id, "practice_responses"));
    ASSIGN_OR_RETURN(auto responses, tx.practice().ResponsesOf(id));
    ASSIGN_OR_RETURN(outcome.feedback, delivery_.RecordAnswer(tx, responses, item_id, option_id));
    ASSIGN_OR_RETURN(responses, tx.practice().ResponsesOf(id));
    a.items = 0;
    for (const ItemResponseRecord& r : responses) a.items += r.answered_at ? 1 : 0;
    RETURN_IF_ERROR(tx.practice().UpdateAssessment(a));
    ASSIGN_OR_RETURN(Person person, PersonOf(tx, p));
    std::vector<json> statements = {
        delivery_.AnsweredStatement(person, outcome.feedback, kAssessment, a.id)};
    ASSIGN_OR_RETURN(outcome.assessment, Advance(tx, p, a, responses, statements));
    RETURN_IF_ERROR(RecordLearningEvents(ctx_, statements_, tx, p, statements));
    return Ok();
  }));
  return outcome;
}

Result<ErpsReport> AssessmentService::Report(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  ErpsReport report;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto completed, tx.practice().CompletedAssessments(p.person_id));
    for (const AssessmentRecord& a : completed) report.history.push_back({a, BranchResults(a)});
    if (!report.history.empty()) report.latest = report.history.back().second;
    ASSIGN_OR_RETURN(auto answers, tx.practice().AnsweredBy(p.person_id, 2000));
    // The shrinkage target is the other learners' accuracy, and only when at least 10 of them
    // contribute: with fewer, a learner could work out a colleague's results from their own map.
    ASSIGN_OR_RETURN(auto population, tx.practice().EmotionAccuracy(p.org_id, p.person_id));
    std::vector<double> prior(kEmotions.size(), 0.6);
    for (const EmotionAccuracyRow& row : population) {
      const int e = EmotionIndex(row.emotion);
      if (e >= 0 && row.learners >= 10 && row.answered >= 20) {
        prior[e] = static_cast<double>(row.correct) / row.answered;
      }
    }
    std::vector<irt::EmotionAnswer> emotion_answers;
    for (const ItemResponseRecord& r : answers) {
      if (!r.chosen_emotion) continue;  // management answers name responses, not emotions
      const int target = EmotionIndex(r.key_emotion), chosen = EmotionIndex(*r.chosen_emotion);
      if (target >= 0 && chosen >= 0) emotion_answers.push_back({target, chosen});
    }
    report.answers = static_cast<int64_t>(emotion_answers.size());
    report.map =
        irt::BuildDevelopmentMap(emotion_answers, static_cast<int>(kEmotions.size()), prior);
    return Ok();
  }));
  return report;
}

Result<CalibrationStatus> AssessmentService::Calibration(const Principal& admin) {
  RETURN_IF_ERROR(Require(admin, Permission::kOrgWrite));
  CalibrationStatus status;
  status.items = static_cast<int>(bank_.items().size());
  status.min_answers = irt::CalibrationOptions{}.min_responses;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto calibrations, tx.practice().Calibrations(admin.org_id));
    for (const ItemCalibrationRecord& c : calibrations) {
      const int index = bank_.IndexOf(c.item_id);
      if (index < 0 || bank_.items()[index].version != c.item_version) continue;
      ++status.calibrated;
      if (!c.option_slopes.empty()) ++status.with_option_model;
      status.last_calibrated_at = std::max(status.last_calibrated_at.value_or(0), c.calibrated_at);
    }
    return Ok();
  }));
  return status;
}

Result<int> AssessmentService::Calibrate(const Principal& admin) {
  RETURN_IF_ERROR(Require(admin, Permission::kOrgWrite));
  // Read, fit outside any transaction (EM over every answer can take seconds, and a write
  // transaction would hold SQLite's single writer meanwhile), then write the result.
  std::vector<irt::BankItem> bank;
  std::vector<CalibrationRow> rows;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(bank, delivery_.CalibratedBank(tx, admin.org_id));
    ASSIGN_OR_RETURN(rows, tx.practice().CalibrationData(admin.org_id));
    return Ok();
  }));
  std::map<std::string, int> persons;
  std::vector<irt::CalibrationResponse> responses;
  for (const CalibrationRow& r : rows) {
    const int index = bank_.IndexOf(r.item_id);
    if (index < 0 || bank_.items()[index].version != r.item_version) continue;
    const int person = persons.emplace(r.person_id, static_cast<int>(persons.size())).first->second;
    const Item& item = bank_.items()[index];
    responses.push_back({person, index, r.correct,
                         item.ScoredAnswer(r.correct, r.option_id, r.item_version).option});
  }
  std::vector<irt::ItemParameters> start;
  for (const irt::BankItem& item : bank) start.push_back(item.params);
  const irt::CalibrationResult fit =
      irt::CalibrateMml(responses, start, irt::CalibrationOptions{}, bank_.Choices());
  int refitted = 0;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    refitted = 0;
    int nominal = 0;
    const int64_t now = ctx_.clock.NowMillis();
    for (size_t i = 0; i < bank.size(); ++i) {
      if (!fit.estimated[i]) continue;
      const Item& item = bank_.items()[i];
      const irt::ItemParameters& fitted = fit.items[i];
      ItemCalibrationRecord record{admin.org_id,
                                   item.id,
                                   item.version,
                                   fitted.a,
                                   fitted.b,
                                   fitted.nominal.slopes,
                                   fitted.nominal.intercepts,
                                   fit.responses_per_item[i],
                                   now};
      RETURN_IF_ERROR(tx.practice().PutCalibration(record));
      ++refitted;
      if (fit.nominal[i]) ++nominal;
    }
    return ctx_.audit.Append(tx, admin.org_id, admin.person_id, "items.calibrated", admin.org_id,
                             json({{"items", refitted},
                                   {"items_with_option_model", nominal},
                                   {"responses", responses.size()},
                                   {"learners", persons.size()},
                                   {"converged", fit.converged}})
                                 .dump());
  }));
  return refitted;
}

}  // namespace attune::practice
