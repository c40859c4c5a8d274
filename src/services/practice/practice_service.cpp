#include "services/practice/practice_service.h"

#include <limits>
#include <set>

#include "core/clock.h"
#include "core/ids.h"
#include "engines/irt/practice_selector.h"
#include "services/permissions.h"
#include "services/practice/emotion_vocabulary.h"
#include "services/practice/learning_events.h"
#include "services/practice/processing_check.h"
#include "services/xapi/attune_vocabulary.h"

namespace attune::practice {

using nlohmann::json;

namespace {

constexpr const char* kPractice = "practice";
const std::set<std::string, std::less<>> kRoles = {"any",     "sales", "support", "engineering",
                                                   "manager", "hr",    "peer"};
const std::set<std::string, std::less<>> kSeniority = {"any", "ic", "lead", "manager", "director"};

std::string ItemCard(const std::string& item_id) { return "item:" + item_id; }
std::string EmotionCard(std::string_view emotion) { return "emotion:" + std::string(emotion); }

srs::Card ToCard(const ReviewCardRecord& r) {
  srs::Card c;
  c.state = static_cast<srs::State>(r.state);
  c.step = static_cast<int>(r.step);
  if (r.stability && r.difficulty) c.memory = srs::MemoryState{*r.stability, *r.difficulty};
  c.due_ms = r.due;
  c.last_review_ms = r.last_review;
  return c;
}

}  // namespace

PracticeService::PracticeService(ServiceContext ctx, const ItemBank& bank,
                                 StatementService& statements, AssessmentService& assessments)
    : ctx_(ctx),
      bank_(bank),
      delivery_(ctx, bank),
      statements_(statements),
      assessments_(assessments),
      // The defaults are valid FSRS-6 parameters; fuzz spreads reviews learnt together.
      scheduler_(srs::Scheduler::Create({}, &ctx.random).value()) {}

Result<PracticeProfileRecord> PracticeService::Profile(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  PracticeProfileRecord profile{p.person_id, p.org_id, "any", "any", 0};
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto stored, tx.practice().FindProfile(p.person_id));
    if (stored) profile = *stored;
    return Ok();
  }));
  return profile;
}

Result<PracticeProfileRecord> PracticeService::SetProfile(const Principal& p,
                                                          const std::string& role,
                                                          const std::string& seniority) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  if (!kRoles.count(role)) {
    return Error(ErrorCode::kInvalidArgument,
                 "role must be one of any, sales, support, engineering, manager, hr, peer", "role");
  }
  if (!kSeniority.count(seniority)) {
    return Error(ErrorCode::kInvalidArgument,
                 "seniority must be one of any, ic, lead, manager, director", "seniority");
  }
  PracticeProfileRecord profile{p.person_id, p.org_id, role, seniority, ctx_.clock.NowMillis()};
  RETURN_IF_ERROR(
      ctx_.store.Write([&](StoreTx& tx) -> Status { return tx.practice().PutProfile(profile); }));
  return profile;
}

Result<PracticeSessionRecord> PracticeService::OwnSession(StoreTx& tx, const Principal& p,
                                                          const std::string& id) {
  ASSIGN_OR_RETURN(auto s, tx.practice().FindPracticeSession(id));
  if (!s || s->person_id != p.person_id) {
    return Error(ErrorCode::kNotFound, "no practice session " + id);
  }
  return *s;
}

Result<std::vector<double>> PracticeService::EmotionWeights(const Principal& p) {
  ASSIGN_OR_RETURN(ErpsReport report, assessments_.Report(p));
  std::vector<double> weight(kEmotions.size(), 1.0);
  // Weak emotions weigh up to five times as much as mastered ones.
  for (const irt::EmotionSkill& s : report.map.emotions) {
    weight[s.emotion] = 0.25 + (1 - s.shrunk_accuracy);
  }
  return weight;
}

Result<int> PracticeService::ChooseItem(StoreTx& tx, const PracticeSessionRecord& s,
                                        const std::vector<ItemResponseRecord>& responses,
                                        const std::vector<double>& emotion_weight) {
  std::set<std::string> served;
  for (const ItemResponseRecord& r : responses) served.insert(r.item_id);
  const int64_t now = ctx_.clock.NowMillis();
  // Reviews first: an item whose FSRS card is due comes back.
  ASSIGN_OR_RETURN(auto due, tx.practice().DueCards(s.person_id, now, 100));
  std::vector<double> weight = emotion_weight;
  for (const ReviewCardRecord& card : due) {
    if (card.card.rfind("item:", 0) == 0) {
      const std::string item_id = card.card.substr(5);
      const int index = bank_.IndexOf(item_id);
      if (index >= 0 && !served.count(item_id)) return index;
    } else if (card.card.rfind("emotion:", 0) == 0) {
      const int e = EmotionIndex(card.card.substr(8));
      if (e >= 0) weight[e] *= 1.5;  // an emotion due for review is practised sooner
    }
  }
  // Ability from the learner's recent answers, so practice follows their progress.
  ASSIGN_OR_RETURN(auto bank, delivery_.CalibratedBank(tx, s.org_id));
  ASSIGN_OR_RETURN(auto answered, tx.practice().AnsweredBy(s.person_id, 200));
  irt::AbilityPosterior posterior;
  for (const ItemResponseRecord& r : answered) {
    const int index = bank_.IndexOf(r.item_id);
    if (index >= 0 && r.correct) {
      posterior.Observe(bank[index].params,
                        bank_.items()[index].ScoredAnswer(*r.correct, r.option_id, r.item_version));
    }
  }
  const double theta = posterior.Estimate().theta;
  ASSIGN_OR_RETURN(auto profile, tx.practice().FindProfile(s.person_id));
  // Items scheduled for later are not drilled again before they are due.
  std::set<std::string> scheduled_later;
  for (const ItemResponseRecord& r : answered) {
    if (!served.count(r.item_id)) scheduled_later.insert(r.item_id);
  }
  for (const ReviewCardRecord& card : due) {
    if (card.card.rfind("item:", 0) == 0) scheduled_later.erase(card.card.substr(5));
  }
  std::vector<irt::PracticeCandidate> candidates;
  for (bool skip_scheduled : {true, false}) {
    for (size_t i = 0; i < bank_.items().size(); ++i) {
      const Item& item = bank_.items()[i];
      if (served.count(item.id) || (skip_scheduled && scheduled_later.count(item.id))) continue;
      const bool context =
          profile && profile->role != "any" && item.IsFor(profile->role, profile->seniority);
      candidates.push_back({static_cast<int>(i), bank[i].params,
                            std::max(0, EmotionIndex(item.KeyEmotion())), context});
    }
    if (!candidates.empty()) break;
  }
  return irt::ChoosePracticeItem(candidates, theta, weight, ctx_.random);
}

Result<PracticeView> PracticeService::Advance(StoreTx& tx, PracticeSessionRecord& s,
                                              const std::vector<ItemResponseRecord>& responses,
                                              const std::vector<double>& emotion_weight) {
  PracticeView view;
  for (const ItemResponseRecord& r : responses) {
    if (!r.answered_at) continue;
    ++view.answered;
    if (r.correct.value_or(false)) ++view.correct;
  }
  if (!s.ended_at) {
    if (auto pending = delivery_.Pending(responses)) {
      view.current = pending;
    } else if (view.answered >= s.planned_items) {
      s.ended_at = ctx_.clock.NowMillis();
      RETURN_IF_ERROR(tx.practice().EndPracticeSession(s.id, *s.ended_at));
    } else {
      ASSIGN_OR_RETURN(int next, ChooseItem(tx, s, responses, emotion_weight));
      if (next < 0) {
        s.ended_at = ctx_.clock.NowMillis();
        RETURN_IF_ERROR(tx.practice().EndPracticeSession(s.id, *s.ended_at));
      } else {
        ASSIGN_OR_RETURN(view.current, delivery_.Serve(tx, s.org_id, s.person_id, kPractice, s.id,
                                                       static_cast<int64_t>(responses.size()) + 1,
                                                       bank_.items()[next]));
      }
    }
  }
  view.session = s;
  return view;
}

Result<PracticeView> PracticeService::Start(const Principal& p, int planned_items) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  if (bank_.items().empty()) {
    return Error(ErrorCode::kUnavailable, "the item bank is not installed; practice is off");
  }
  if (planned_items < 1 || planned_items > kMaxItems) {
    return Error(ErrorCode::kInvalidArgument, "items must be between 1 and 30", "items");
  }
  ASSIGN_OR_RETURN(auto weight, EmotionWeights(p));
  PracticeView view;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.practice().LockLearner(p.person_id));
    RETURN_IF_ERROR(RequireProcessing(ctx_, tx, p.person_id, "practice_responses"));
    PracticeSessionRecord s{NewUuidV7(ctx_.clock, ctx_.random),
                            p.org_id,
                            p.person_id,
                            ctx_.clock.NowMillis(),
                            std::nullopt,
                            planned_items};
    RETURN_IF_ERROR(tx.practice().InsertPracticeSession(s));
    ASSIGN_OR_RETURN(view, Advance(tx, s, {}, weight));
    return Ok();
  }));
  return view;
}

Result<PracticeView> PracticeService::Get(const Principal& p, const std::string& id) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  PracticeView view;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(view.session, OwnSession(tx, p, id));
    ASSIGN_OR_RETURN(auto responses, tx.practice().ResponsesOf(id));
    for (const ItemResponseRecord& r : responses) {
      if (!r.answered_at) continue;
      ++view.answered;
      if (r.correct.value_or(false)) ++view.correct;
    }
    if (!view.session.ended_at) view.current = delivery_.Pending(responses);
    return Ok();
  }));
  return view;
}

Result<ReviewCardRecord> PracticeService::Review(StoreTx& tx, const Principal& p,
                                                 const std::string& card, bool correct) {
  ASSIGN_OR_RETURN(auto stored, tx.practice().FindCard(p.person_id, card));
  ReviewCardRecord record;
  if (stored) {
    record = *stored;
  } else {
    record.person_id = p.person_id;
    record.card = card;
    record.org_id = p.org_id;
  }
  const srs::Card before = stored ? ToCard(*stored) : srs::Card{};
  ASSIGN_OR_RETURN(srs::ReviewResult reviewed,
                   scheduler_.ReviewCard(before, correct ? srs::Rating::kGood : srs::Rating::kAgain,
                                         ctx_.clock.NowMillis()));
  record.state = static_cast<int64_t>(reviewed.card.state);
  record.step = reviewed.card.step;
  if (reviewed.card.memory) {
    record.stability = reviewed.card.memory->stability;
    record.difficulty = reviewed.card.memory->difficulty;
  }
  record.due = reviewed.card.due_ms;
  record.last_review = reviewed.card.last_review_ms;
  ++record.reviews;
  if (!correct && before.state == srs::State::kReview) ++record.lapses;
  RETURN_IF_ERROR(tx.practice().PutCard(record));
  return record;
}

Result<PracticeAnswer> PracticeService::Answer(const Principal& p, const std::string& id,
                                               const std::string& item_id,
                                               const std::string& option_id) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfWrite));
  ASSIGN_OR_RETURN(auto weight, EmotionWeights(p));
  PracticeAnswer out;
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.practice().LockLearner(p.person_id));
    ASSIGN_OR_RETURN(PracticeSessionRecord s, OwnSession(tx, p, id));
    if (s.ended_at) {
      return Error(ErrorCode::kConflict, "this practice session has ended; start a new one");
    }
    RETURN_IF_ERROR(RequireProcessing(ctx_, tx, p.person_id, "practice_responses"));
    ASSIGN_OR_RETURN(auto responses, tx.practice().ResponsesOf(id));
    ASSIGN_OR_RETURN(out.feedback, delivery_.RecordAnswer(tx, responses, item_id, option_id));
    ASSIGN_OR_RETURN(auto item_card, Review(tx, p, ItemCard(item_id), out.feedback.correct));
    ASSIGN_OR_RETURN(auto emotion_card,
                     Review(tx, p, EmotionCard(out.feedback.key_emotion), out.feedback.correct));
    out.item_review_due = item_card.due;
    out.emotion_review_due = emotion_card.due;
    ASSIGN_OR_RETURN(responses, tx.practice().ResponsesOf(id));
    ASSIGN_OR_RETURN(out.session, Advance(tx, s, responses, weight));
    ASSIGN_OR_RETURN(Person person, PersonOf(tx, p));
    return RecordLearningEvents(
        ctx_, statements_, tx, p,
        {delivery_.AnsweredStatement(person, out.feedback, kPractice, s.id)});
  }));
  return out;
}

Result<ReviewQueue> PracticeService::Reviews(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  ReviewQueue queue;
  const int64_t now = ctx_.clock.NowMillis();
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto due, tx.practice().DueCards(p.person_id, now, 1000));
    queue.due_count = static_cast<int64_t>(due.size());
    if (due.size() > 100) due.resize(100);
    for (const ReviewCardRecord& card : due) {
      queue.due.push_back({card, scheduler_.GetCardRetrievability(ToCard(card), now)});
    }
    return Ok();
  }));
  return queue;
}

Result<PracticeExport> PracticeService::ExportMine(const Principal& p) {
  RETURN_IF_ERROR(Require(p, Permission::kSelfRead));
  PracticeExport out;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(out.profile, tx.practice().FindProfile(p.person_id));
    ASSIGN_OR_RETURN(out.assessments, tx.practice().CompletedAssessments(p.person_id));
    ASSIGN_OR_RETURN(out.answers,
                     tx.practice().AnsweredBy(p.person_id, std::numeric_limits<int64_t>::max()));
    ASSIGN_OR_RETURN(out.review_cards,
                     tx.practice().DueCards(p.person_id, std::numeric_limits<int64_t>::max(),
                                            std::numeric_limits<int64_t>::max()));
    return Ok();
  }));
  return out;
}

}  // namespace attune::practice
