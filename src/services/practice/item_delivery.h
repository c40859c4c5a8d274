#pragma once
// What assessments and practice share: serving an item (recording that it was shown), checking and
// recording an answer, the learner's view of an item (never the key) and the feedback after it,
// and the xAPI statement of an answer.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "services/practice/item_bank.h"
#include "services/service_context.h"
#include "storage/api/store.h"

namespace attune::practice {

// An item as the learner sees it before answering.
struct ServedItem {
  int64_t position = 0;
  const Item* item = nullptr;
};

struct AnswerFeedback {
  bool correct = false;
  std::string item_id;
  std::string chosen_option;
  std::string key;              // the correct option's id
  std::string key_text;         // and its text
  std::string explanation;      // the item's explanation
  std::string option_feedback;  // management items: why the chosen response helps or hurts
  std::string key_emotion;
  std::optional<std::string> chosen_emotion;
};

class ItemDelivery {
 public:
  ItemDelivery(ServiceContext ctx, const ItemBank& bank) : ctx_(ctx), bank_(bank) {}

  // The bank as the IRT engine sees it, with the organisation's calibrated parameters where they
  // describe the current version of an item.
  Result<std::vector<irt::BankItem>> CalibratedBank(StoreTx& tx, const std::string& org_id) const;

  // Records that `item` is shown to the person as the next position of the activity.
  Result<ServedItem> Serve(StoreTx& tx, const std::string& org_id, const std::string& person_id,
                           const std::string& activity_kind, const std::string& activity_id,
                           int64_t position, const Item& item) const;

  // The activity's item that was served and is not answered yet, if any.
  std::optional<ServedItem> Pending(const std::vector<ItemResponseRecord>& responses) const;

  // Checks and records an answer to a served item of the activity:
  // kConflict when the item was not served in this activity, was already answered, or was
  // removed or revised (a new version) since it was served,
  // kInvalidArgument (field "option_id") for an option the item does not have.
  Result<AnswerFeedback> RecordAnswer(StoreTx& tx, const std::vector<ItemResponseRecord>& responses,
                                      const std::string& item_id,
                                      const std::string& option_id) const;

  // The xAPI "answered" statement of an answer, in the context of its activity.
  nlohmann::json AnsweredStatement(const Person& person, const AnswerFeedback& answer,
                                   const std::string& activity_kind,
                                   const std::string& activity_id) const;

  const ItemBank& bank() const { return bank_; }

 private:
  ServiceContext ctx_;
  const ItemBank& bank_;
};

}  // namespace attune::practice
