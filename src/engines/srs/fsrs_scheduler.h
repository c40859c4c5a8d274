#pragma once
// FSRS-6 spaced-repetition scheduler, ported from open-spaced-repetition's py-fsrs (Scheduler,
// Card, learning/relearning steps, fuzz), with the FSRS-6 memory model as fsrs-rs and ts-fsrs
// define it. Reference vectors of all three are checked in fsrs_scheduler_test.cpp.
//
// Times are UTC milliseconds since the epoch. Elapsed time is counted in whole days (floor), as
// py-fsrs does: a review less than 24 h after the previous one is a same-day review and updates
// stability with the short-term formula.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/random.h"
#include "core/result.h"

namespace attune::srs {

inline constexpr int kNumWeights = 21;
using Weights = std::array<double, kNumWeights>;

// FSRS-6 default weights w0..w20 (the same in py-fsrs, fsrs-rs and ts-fsrs); w20 is the decay of
// the forgetting curve, trainable since FSRS-6.
inline constexpr Weights kDefaultWeights = {0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
                                            0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
                                            1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

inline constexpr int64_t kMillisPerDay = 86'400'000;
inline constexpr double kMinStability = 0.001;  // days
inline constexpr double kMaxStability = 36500;  // days; fsrs-rs and ts-fsrs cap here
inline constexpr double kMinDifficulty = 1;
inline constexpr double kMaxDifficulty = 10;

enum class Rating { kAgain = 1, kHard = 2, kGood = 3, kEasy = 4 };
enum class State { kLearning = 1, kReview = 2, kRelearning = 3 };

struct MemoryState {
  double stability = 0;   // days until retrievability falls to 90%
  double difficulty = 0;  // 1 (easiest) .. 10
};

// A new card is a default Card: Learning, step 0, no memory state, due immediately.
struct Card {
  State state = State::kLearning;
  int step = 0;                       // index into the (re)learning steps; 0 in Review
  std::optional<MemoryState> memory;  // absent until the first review
  int64_t due_ms = 0;
  std::optional<int64_t> last_review_ms;
};

struct ReviewLog {
  Rating rating = Rating::kGood;
  int64_t reviewed_at_ms = 0;
  State state_before = State::kLearning;
  int64_t elapsed_days = 0;  // whole days since the previous review; 0 for the first
  int64_t interval_ms = 0;   // the updated card's due - reviewed_at
};

struct ReviewResult {
  Card card;
  ReviewLog log;
};

struct SchedulerParameters {
  Weights weights = kDefaultWeights;
  double desired_retention = 0.9;  // in (0, 1]
  std::vector<int64_t> learning_steps_ms = {60'000, 600'000};
  std::vector<int64_t> relearning_steps_ms = {600'000};
  int64_t maximum_interval_days = 36500;
  // Spreads Review intervals of 3+ days a little so that cards learnt together do not stay due
  // together. Needs a Random; tests turn it off to get the reference intervals.
  bool enable_fuzzing = true;
};

// Immutable once created, so one Scheduler may be shared between threads provided its fuzz
// Random is thread-safe (SecureRandom is; SeededRandom is not).
class Scheduler {
 public:
  // Errors (kInvalidArgument, `field` names the parameter): a weight outside the FSRS-6 bounds
  // (those py-fsrs enforces), a desired retention outside (0, 1], a maximum interval below 1 day,
  // a step that is not positive, or fuzzing enabled without a Random. `fuzz_random` is not owned
  // and must outlive the Scheduler; it is only used when fuzzing is enabled.
  static Result<Scheduler> Create(SchedulerParameters params, Random* fuzz_random = nullptr);

  // Reviews `card` at `now_ms` and returns the updated card and its log. Errors
  // (kInvalidArgument): a rating or state outside the enums, a negative step, a Review or
  // Relearning card without a memory state, or a non-finite memory state.
  Result<ReviewResult> ReviewCard(const Card& card, Rating rating, int64_t now_ms) const;

  // Probability of recall at `now_ms`; 0 for a card never reviewed.
  double GetCardRetrievability(const Card& card, int64_t now_ms) const;

  // The FSRS-6 memory model, public so that it can be checked formula by formula against the
  // reference implementations and reused where only memory states matter (analytics).
  double Retrievability(double elapsed_days, double stability) const;
  // The state after a review `elapsed_days` after the previous one (none for a new card).
  MemoryState NextMemoryState(const std::optional<MemoryState>& memory, int64_t elapsed_days,
                              Rating rating) const;
  double InitialStability(Rating rating) const;
  double InitialDifficulty(Rating rating) const;  // clamped to [1, 10]
  double NextDifficulty(double difficulty, Rating rating) const;
  // Long-term (next-day or later) update: forgetting curve for Again, recall otherwise.
  double NextStability(double difficulty, double stability, double retrievability,
                       Rating rating) const;
  double ShortTermStability(double stability, Rating rating) const;  // same-day review
  // Whole days at which retrievability reaches the desired retention, in [1, maximum].
  int64_t NextIntervalDays(double stability) const;

  const SchedulerParameters& parameters() const { return params_; }

 private:
  Scheduler(SchedulerParameters params, Random* fuzz_random);

  double w(int i) const { return params_.weights[i]; }
  double RawInitialDifficulty(Rating rating) const;
  double NextRecallStability(double difficulty, double stability, double retrievability,
                             Rating rating) const;
  double NextForgetStability(double difficulty, double stability, double retrievability) const;
  int64_t FuzzIntervalDays(int64_t interval_days) const;

  SchedulerParameters params_;
  Random* fuzz_random_;
  double decay_;   // -w20
  double factor_;  // chosen so that retrievability is 0.9 when elapsed days == stability
};

}  // namespace attune::srs
