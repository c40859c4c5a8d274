#include "engines/srs/fsrs_scheduler.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace attune::srs {
namespace {

// The bounds py-fsrs validates against (LOWER/UPPER_BOUNDS_PARAMETERS). Outside them the formulas
// can yield non-finite or inverted results (e.g. a decay of 0 divides by zero).
constexpr Weights kLowerBounds = {0.001, 0.001, 0.001, 0.001, 1.0,   0.001, 0.001,
                                  0.001, 0.0,   0.0,   0.001, 0.001, 0.001, 0.001,
                                  0.0,   0.0,   1.0,   0.0,   0.0,   0.0,   0.1};
constexpr Weights kUpperBounds = {100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
                                  5.0,   0.25,  0.9,   4.0,   1.0,  6.0, 2.0, 2.0,  0.8, 0.8};

// Fuzz grows piecewise linearly with the interval: 15% of the days in [2.5, 7), 10% in [7, 20),
// 5% beyond (py-fsrs FUZZ_RANGES, the same as Anki's).
struct FuzzRange {
  double start;
  double end;
  double factor;
};
constexpr FuzzRange kFuzzRanges[] = {
    {2.5, 7.0, 0.15}, {7.0, 20.0, 0.1}, {20.0, std::numeric_limits<double>::infinity(), 0.05}};

Error Invalid(std::string message, std::string field) {
  return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool IsValidRating(Rating rating) {
  int v = static_cast<int>(rating);
  return v >= 1 && v <= 4;
}

bool IsValidState(State state) {
  int v = static_cast<int>(state);
  return v >= 1 && v <= 3;
}

double ClampStability(double s) { return std::clamp(s, kMinStability, kMaxStability); }
double ClampDifficulty(double d) { return std::clamp(d, kMinDifficulty, kMaxDifficulty); }

Status CheckSteps(const std::vector<int64_t>& steps, const char* field) {
  for (int64_t step : steps) {
    if (step <= 0) return Invalid("every step must be a positive number of milliseconds", field);
  }
  return Ok();
}

// Where the (re)learning steps send a card: to a step with a delay, or out to Review.
struct StepOutcome {
  bool graduates = false;
  int step = 0;
  int64_t delay_ms = 0;
};

StepOutcome AdvanceSteps(const std::vector<int64_t>& steps, int step, Rating rating) {
  const int n = static_cast<int>(steps.size());
  // A card scheduled with more steps than this scheduler has graduates unless it was forgotten.
  if (n == 0 || (step >= n && rating != Rating::kAgain)) return {.graduates = true};
  switch (rating) {
    case Rating::kAgain:
      return {.step = 0, .delay_ms = steps[0]};
    case Rating::kHard:
      // Hard repeats the step. On the first one it waits longer than Again would: halfway to the
      // second step, or half as long again when there is only one.
      if (step == 0) {
        return {.step = 0, .delay_ms = n == 1 ? steps[0] * 3 / 2 : (steps[0] + steps[1]) / 2};
      }
      return {.step = step, .delay_ms = steps[step]};
    case Rating::kGood:
      if (step + 1 >= n) return {.graduates = true};
      return {.step = step + 1, .delay_ms = steps[step + 1]};
    case Rating::kEasy:
      return {.graduates = true};
  }
  return {.graduates = true};  // unreachable: the rating was validated
}

}  // namespace

Scheduler::Scheduler(SchedulerParameters params, Random* fuzz_random)
    : params_(std::move(params)),
      fuzz_random_(fuzz_random),
      decay_(-params_.weights[20]),
      factor_(std::pow(0.9, 1.0 / decay_) - 1.0) {}

Result<Scheduler> Scheduler::Create(SchedulerParameters params, Random* fuzz_random) {
  for (int i = 0; i < kNumWeights; ++i) {
    double wi = params.weights[i];
    if (!(wi >= kLowerBounds[i] && wi <= kUpperBounds[i])) {  // also rejects NaN
      // append() rather than "literal" + string: GCC 12 warns falsely (-Wrestrict) on the latter.
      std::string message = std::string("w").append(std::to_string(i)).append(" = ");
      message.append(std::to_string(wi)).append(" is outside [");
      message.append(std::to_string(kLowerBounds[i])).append(", ");
      message.append(std::to_string(kUpperBounds[i])).append("]");
      return Invalid(std::move(message),
                     std::string("weights[").append(std::to_string(i)).append("]"));
    }
  }
  if (!(params.desired_retention > 0 && params.desired_retention <= 1)) {
    return Invalid("desired retention must be in (0, 1]", "desired_retention");
  }
  if (params.maximum_interval_days < 1) {
    return Invalid("maximum interval must be at least 1 day", "maximum_interval_days");
  }
  RETURN_IF_ERROR(CheckSteps(params.learning_steps_ms, "learning_steps_ms"));
  RETURN_IF_ERROR(CheckSteps(params.relearning_steps_ms, "relearning_steps_ms"));
  if (params.enable_fuzzing && fuzz_random == nullptr) {
    return Invalid("fuzzing needs a random source", "enable_fuzzing");
  }
  return Scheduler(std::move(params), fuzz_random);
}

Result<ReviewResult> Scheduler::ReviewCard(const Card& card, Rating rating, int64_t now_ms) const {
  if (!IsValidRating(rating)) return Invalid("rating must be 1 (Again) to 4 (Easy)", "rating");
  if (!IsValidState(card.state)) return Invalid("unknown card state", "state");
  if (card.step < 0) return Invalid("step must not be negative", "step");
  if (card.state != State::kLearning && !card.memory) {
    return Invalid("a Review or Relearning card needs a memory state", "memory");
  }
  if (card.memory &&
      !(std::isfinite(card.memory->stability) && std::isfinite(card.memory->difficulty))) {
    return Invalid("memory state must be finite", "memory");
  }

  const int64_t elapsed_days =
      card.last_review_ms ? FloorDiv(now_ms - *card.last_review_ms, kMillisPerDay) : 0;
  Card next = card;
  next.memory = NextMemoryState(card.memory, elapsed_days, rating);

  int64_t interval_ms = 0;
  bool to_review = false;  // the card (re)enters Review: interval in days from the memory model
  if (card.state == State::kReview) {
    if (rating == Rating::kAgain && !params_.relearning_steps_ms.empty()) {
      next.state = State::kRelearning;
      next.step = 0;
      interval_ms = params_.relearning_steps_ms[0];
    } else {
      to_review = true;
    }
  } else {
    const auto& steps =
        card.state == State::kLearning ? params_.learning_steps_ms : params_.relearning_steps_ms;
    StepOutcome outcome = AdvanceSteps(steps, card.step, rating);
    if (outcome.graduates) {
      to_review = true;
    } else {
      next.step = outcome.step;
      interval_ms = outcome.delay_ms;
    }
  }
  if (to_review) {
    next.state = State::kReview;
    next.step = 0;
    int64_t days = NextIntervalDays(next.memory->stability);
    if (params_.enable_fuzzing) days = FuzzIntervalDays(days);
    interval_ms = days * kMillisPerDay;
  }
  next.due_ms = now_ms + interval_ms;
  next.last_review_ms = now_ms;

  ReviewLog log{.rating = rating,
                .reviewed_at_ms = now_ms,
                .state_before = card.state,
                .elapsed_days = std::max<int64_t>(0, elapsed_days),
                .interval_ms = interval_ms};
  return ReviewResult{std::move(next), log};
}

double Scheduler::GetCardRetrievability(const Card& card, int64_t now_ms) const {
  if (!card.memory || !card.last_review_ms) return 0;
  int64_t elapsed_days = FloorDiv(now_ms - *card.last_review_ms, kMillisPerDay);
  return Retrievability(static_cast<double>(std::max<int64_t>(0, elapsed_days)),
                        ClampStability(card.memory->stability));
}

double Scheduler::Retrievability(double elapsed_days, double stability) const {
  return std::pow(1 + factor_ * elapsed_days / stability, decay_);
}

MemoryState Scheduler::NextMemoryState(const std::optional<MemoryState>& memory,
                                       int64_t elapsed_days, Rating rating) const {
  if (!memory) return {InitialStability(rating), InitialDifficulty(rating)};
  const double s = ClampStability(memory->stability);
  const double d = ClampDifficulty(memory->difficulty);
  const double next_s = elapsed_days < 1
                            ? ShortTermStability(s, rating)
                            : NextStability(d, s, Retrievability(elapsed_days, s), rating);
  return {next_s, NextDifficulty(d, rating)};
}

double Scheduler::InitialStability(Rating rating) const {
  return ClampStability(w(static_cast<int>(rating) - 1));
}

double Scheduler::RawInitialDifficulty(Rating rating) const {
  return w(4) - std::exp(w(5) * (static_cast<int>(rating) - 1)) + 1;
}

double Scheduler::InitialDifficulty(Rating rating) const {
  return ClampDifficulty(RawInitialDifficulty(rating));
}

double Scheduler::NextDifficulty(double difficulty, Rating rating) const {
  const double delta = -w(6) * (static_cast<int>(rating) - 3);
  // Linear damping: the step shrinks as difficulty approaches 10, so it never overshoots.
  const double damped = difficulty + (10 - difficulty) * delta / 9;
  // Mean reversion towards the initial difficulty of an Easy card keeps D from drifting forever.
  return ClampDifficulty(w(7) * RawInitialDifficulty(Rating::kEasy) + (1 - w(7)) * damped);
}

double Scheduler::NextStability(double difficulty, double stability, double retrievability,
                                Rating rating) const {
  return ClampStability(rating == Rating::kAgain
                            ? NextForgetStability(difficulty, stability, retrievability)
                            : NextRecallStability(difficulty, stability, retrievability, rating));
}

double Scheduler::NextRecallStability(double difficulty, double stability, double retrievability,
                                      Rating rating) const {
  const double hard_penalty = rating == Rating::kHard ? w(15) : 1;
  const double easy_bonus = rating == Rating::kEasy ? w(16) : 1;
  return stability *
         (1 + std::exp(w(8)) * (11 - difficulty) * std::pow(stability, -w(9)) *
                  (std::exp((1 - retrievability) * w(10)) - 1) * hard_penalty * easy_bonus);
}

double Scheduler::NextForgetStability(double difficulty, double stability,
                                      double retrievability) const {
  const double long_term = w(11) * std::pow(difficulty, -w(12)) *
                           (std::pow(stability + 1, w(13)) - 1) *
                           std::exp((1 - retrievability) * w(14));
  // A lapse must not leave the card more stable than the same-day Again path would.
  const double short_term_cap = stability / std::exp(w(17) * w(18));
  return std::min(long_term, short_term_cap);
}

double Scheduler::ShortTermStability(double stability, Rating rating) const {
  double increase =
      std::exp(w(17) * (static_cast<int>(rating) - 3 + w(18))) * std::pow(stability, -w(19));
  // Succeeding (Hard included) must never lower stability. FSRS-6 as fsrs-rs and ts-fsrs define
  // it since November 2025; py-fsrs 6.3.1 still exempts only Good and Easy.
  if (rating != Rating::kAgain) increase = std::max(increase, 1.0);
  return ClampStability(stability * increase);
}

int64_t Scheduler::NextIntervalDays(double stability) const {
  const double days = stability / factor_ * (std::pow(params_.desired_retention, 1 / decay_) - 1);
  const double clamped =
      std::clamp(std::round(days), 1.0, static_cast<double>(params_.maximum_interval_days));
  return static_cast<int64_t>(clamped);
}

int64_t Scheduler::FuzzIntervalDays(int64_t interval_days) const {
  if (interval_days < 3) return interval_days;  // py-fsrs: below 2.5 days there is no fuzz
  double delta = 1.0;
  for (const FuzzRange& range : kFuzzRanges) {
    delta += range.factor *
             std::max(std::min(static_cast<double>(interval_days), range.end) - range.start, 0.0);
  }
  int64_t max_ivl = std::llround(interval_days + delta);
  int64_t min_ivl = std::max<int64_t>(2, std::llround(interval_days - delta));
  max_ivl = std::min(max_ivl, params_.maximum_interval_days);
  min_ivl = std::min(min_ivl, max_ivl);
  // Uniform over [min_ivl, max_ivl], as in ts-fsrs and Anki (py-fsrs rounds instead of flooring,
  // which halves the weight of min_ivl and can return max_ivl + 1).
  const double pick =
      std::floor(fuzz_random_->NextDouble() * static_cast<double>(max_ivl - min_ivl + 1));
  return std::min(min_ivl + static_cast<int64_t>(pick), max_ivl);
}

}  // namespace attune::srs
