#include "services/practice/item_delivery.h"

#include "core/clock.h"
#include "core/ids.h"
#include "services/xapi/attune_vocabulary.h"

namespace attune::practice {

using nlohmann::json;

Result<std::vector<irt::BankItem>> ItemDelivery::CalibratedBank(StoreTx& tx,
                                                                const std::string& org_id) const {
  ASSIGN_OR_RETURN(auto calibrations, tx.practice().Calibrations(org_id));
  std::unordered_map<std::string, irt::ItemParameters> fitted;
  for (const ItemCalibrationRecord& c : calibrations) {
    const int index = bank_.IndexOf(c.item_id);
    // A calibration of an older wording does not describe the current item.
    if (index < 0 || bank_.items()[index].version != c.item_version) continue;
    const Item& item = bank_.items()[index];
    irt::NominalParameters nominal;
    if (c.option_slopes.size() == item.options.size() &&
        c.option_intercepts.size() == item.options.size()) {
      nominal = {c.option_slopes, c.option_intercepts, item.OptionIndex(item.key)};
    }
    fitted[c.item_id] = {c.a, c.b, std::move(nominal)};
  }
  return bank_.ToIrtBank(fitted);
}

Result<ServedItem> ItemDelivery::Serve(StoreTx& tx, const std::string& org_id,
                                       const std::string& person_id,
                                       const std::string& activity_kind,
                                       const std::string& activity_id, int64_t position,
                                       const Item& item) const {
  ItemResponseRecord r;
  r.id = NewUuidV7(ctx_.clock, ctx_.random);
  r.org_id = org_id;
  r.person_id = person_id;
  r.activity_kind = activity_kind;
  r.activity_id = activity_id;
  r.position = position;
  r.item_id = item.id;
  r.item_version = item.version;
  r.served_at = ctx_.clock.NowMillis();
  r.key_emotion = std::string(item.KeyEmotion());
  RETURN_IF_ERROR(tx.practice().InsertResponse(r));
  return ServedItem{position, &item};
}

std::optional<ServedItem> ItemDelivery::Pending(
    const std::vector<ItemResponseRecord>& responses) const {
  for (const ItemResponseRecord& r : responses) {
    if (r.answered_at) continue;
    const int index = bank_.IndexOf(r.item_id);
    // An item removed from the bank, or revised, since it was shown is skipped: the learner saw
    // a wording (and perhaps a key) that no longer exists, so the answer could not be scored.
    if (index < 0 || bank_.items()[index].version != r.item_version) continue;
    return ServedItem{r.position, &bank_.items()[index]};
  }
  return std::nullopt;
}

Result<AnswerFeedback> ItemDelivery::RecordAnswer(StoreTx& tx,
                                                  const std::vector<ItemResponseRecord>& responses,
                                                  const std::string& item_id,
                                                  const std::string& option_id) const {
  const ItemResponseRecord* served = nullptr;
  for (const ItemResponseRecord& r : responses) {
    if (r.item_id == item_id) served = &r;
  }
  if (!served) {
    return Error(ErrorCode::kConflict, "item " + item_id + " was not served to you here",
                 "item_id");
  }
  if (served->answered_at) {
    return Error(ErrorCode::kConflict, "item " + item_id + " has already been answered", "item_id");
  }
  const int index = bank_.IndexOf(item_id);
  if (index < 0) {
    return Error(ErrorCode::kConflict, "item " + item_id + " is no longer in the bank", "item_id");
  }
  const Item& item = bank_.items()[index];
  if (item.version != served->item_version) {
    return Error(ErrorCode::kConflict,
                 "item " + item_id +
                     " was revised after it was shown to you, so it is skipped; "
                     "go on with the next item",
                 "item_id");
  }
  const ItemOption* chosen = item.Option(option_id);
  if (!chosen) {
    return Error(ErrorCode::kInvalidArgument,
                 "\"" + option_id + "\" is not an option of item " + item_id, "option_id");
  }
  const ItemOption* key = item.Option(item.key);
  AnswerFeedback f;
  f.correct = option_id == item.key;
  f.item_id = item.id;
  f.chosen_option = option_id;
  f.key = item.key;
  f.key_text = key ? key->text : item.key;
  f.explanation = item.explanation;
  f.option_feedback = chosen->feedback;
  f.key_emotion = served->key_emotion;
  if (!chosen->emotion.empty()) f.chosen_emotion = chosen->emotion;

  ItemResponseRecord answered = *served;
  answered.answered_at = ctx_.clock.NowMillis();
  answered.option_id = option_id;
  answered.correct = f.correct;
  answered.chosen_emotion = f.chosen_emotion;
  ASSIGN_OR_RETURN(bool recorded, tx.practice().RecordAnswer(answered));
  if (!recorded) {
    return Error(ErrorCode::kConflict, "item " + item_id + " has already been answered", "item_id");
  }
  return f;
}

json ItemDelivery::AnsweredStatement(const Person& person, const AnswerFeedback& answer,
                                     const std::string& activity_kind,
                                     const std::string& activity_id) const {
  namespace v = xapi::vocabulary;
  const std::string base = ctx_.config.IdentityBaseUrl();
  const std::string parent_kind = activity_kind == "assessment" ? "assessments" : "practice";
  json statement = {
      {"id", NewUuidV7(ctx_.clock, ctx_.random)},
      {"actor", v::PersonAgent(person, base)},
      {"verb", {{"id", v::kAnswered}, {"display", {{"en-US", "answered"}}}}},
      {"object",
       {{"objectType", "Activity"},
        {"id", v::ActivityIri(base, "items", answer.item_id)},
        {"definition", {{"type", v::kInteraction}, {"interactionType", "choice"}}}}},
      {"result", {{"success", answer.correct}, {"response", answer.chosen_option}}},
      {"context",
       {{"registration", activity_id},
        {"contextActivities",
         {{"parent", json::array({{{"objectType", "Activity"},
                                   {"id", v::ActivityIri(base, parent_kind, activity_id)}}})}}}}},
      {"timestamp", FormatIso8601Millis(ctx_.clock.NowMillis())}};
  return statement;
}

}  // namespace attune::practice
