#include "engines/scenario/reply_signals.h"

#include <gtest/gtest.h>

namespace attune::scenario {
namespace {

// Only the commitment matcher runs here: the affect analysis is empty.
ReplySignals Read(const std::string& reply) {
  affect::TextAnalysis analysis;
  analysis.emotions.sentiment_label = -1;
  return ReadSignals(reply, analysis, affect::EmpathyAssessment{}, affect::LabelSchema{});
}

TEST(ReplySignals, ConcreteCommitmentsAreOffersOfHelp) {
  EXPECT_TRUE(Read("I'll call the depot now.").Has(Signal::kOfferHelp));
  EXPECT_TRUE(Read("I\u2019ll call the depot now.").Has(Signal::kOfferHelp));
  EXPECT_TRUE(Read("Let me check the order for you.").Has(Signal::kOfferHelp));
  EXPECT_TRUE(Read("OK. We will send the tracking number by four.").Has(Signal::kOfferHelp));
  EXPECT_FALSE(Read("I feel ill today.").Has(Signal::kOfferHelp));
  EXPECT_FALSE(Read("Let me know when you have time.").Has(Signal::kOfferHelp));
  EXPECT_FALSE(Read("Nobody will ever know.").Has(Signal::kOfferHelp));
}

TEST(ReplySignals, EvidencePointsAtTheCommitment) {
  const std::string reply = "Sorry. I'll call the depot now. Anything else?";
  EXPECT_EQ(Read(reply).Words(Signal::kOfferHelp, reply),
            std::vector<std::string>{"I'll call the depot now"});
}

}  // namespace
}  // namespace attune::scenario
