#pragma once
// The phrase lists behind the tone markers and the empathy features. Written by hand from the
// communication-skills literature (active listening, nonviolent communication, the absolutist-word
// list of Al-Mosaiwi & Johnstone 2018, VADER's booster words); kept as data in one place so they
// can be reviewed and extended without touching logic.
#include <string_view>
#include <vector>

namespace attune::affect::lexicon {

extern const std::vector<std::string_view> kAcknowledgement;
extern const std::vector<std::string_view> kValidation;
extern const std::vector<std::string_view> kYouBlame;
extern const std::vector<std::string_view> kAbsolutist;
extern const std::vector<std::string_view> kHedge;
extern const std::vector<std::string_view> kApology;
extern const std::vector<std::string_view> kPoliteness;
extern const std::vector<std::string_view> kFiller;
extern const std::vector<std::string_view> kIntensifier;
extern const std::vector<std::string_view> kOpenQuestionStarts;
extern const std::vector<std::string_view> kClosedQuestionStarts;
extern const std::vector<std::string_view> kDiscourseStarts;

// Empathy (EPITOME mechanisms).
extern const std::vector<std::string_view> kWarmthStrong;  // emotional reaction, explicit
extern const std::vector<std::string_view> kWarmthWeak;    // emotional reaction, generic
extern const std::vector<std::string_view> kOfferHelp;
extern const std::vector<std::string_view> kUnderstandingGeneric;  // interpretation, weak
extern const std::vector<std::string_view> kReflection;            // "it sounds like you ..."
extern const std::vector<std::string_view> kSharedExperience;      // "I've been there"
extern const std::vector<std::string_view> kDismissive;
extern const std::vector<std::string_view> kFeelingWords;     // names of feelings
extern const std::vector<std::string_view> kExperienceWords;  // "happened", "going on", "feel"
extern const std::vector<std::string_view> kStopWords;

}  // namespace attune::affect::lexicon
