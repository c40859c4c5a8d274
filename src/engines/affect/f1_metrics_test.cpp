#include "engines/affect/f1_metrics.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/csv_reader.h"
#include "engines/affect/calibration.h"
#include "engines/affect/goemotions_dataset.h"

namespace attune::affect {
namespace {

TEST(F1Counter, MacroAndMicro) {
  F1Counter c(3);
  c.Add({0}, {0});
  c.Add({1}, {0});
  c.Add({0, 1}, {1});
  F1Report r = c.Report();
  EXPECT_DOUBLE_EQ(r.precision[0], 0.5);
  EXPECT_DOUBLE_EQ(r.recall[0], 0.5);
  EXPECT_DOUBLE_EQ(r.f1[1], 2.0 / 3.0);  // p=1, r=0.5
  EXPECT_DOUBLE_EQ(r.f1[2], 0.0);        // no support, counts as 0 in the macro mean
  EXPECT_NEAR(r.macro_f1, (0.5 + 2.0 / 3.0) / 3, 1e-12);
  EXPECT_EQ(r.support[1], 2);
}

TEST(Calibration, PlattRecoversScaleAndThresholdMaximisesF1) {
  std::vector<float> margins;
  std::vector<char> y;
  for (int i = 0; i < 400; ++i) {
    float m = (i % 40) / 4.0f - 5.0f;  // -5 .. 4.75
    margins.push_back(m);
    y.push_back((i * 7919) % 100 < 100 / (1 + std::exp(-2 * m)) ? 1 : 0);
  }
  PlattParams p = FitPlatt(margins, y);
  EXPECT_NEAR(p.a, 2.0, 0.6);
  EXPECT_NEAR(p.b, 0.0, 0.6);
  ThresholdChoice t = TuneThreshold({0.1f, 0.4f, 0.6f, 0.9f}, {0, 0, 1, 1});
  EXPECT_DOUBLE_EQ(t.f1, 1.0);
  EXPECT_GT(t.threshold, 0.4f);
  EXPECT_LE(t.threshold, 0.6f);
}

TEST(CsvReader, QuotesCommasNewlines) {
  auto rows = attune::ParseCsv("a,b\n\"x, \"\"y\"\"\",\"line1\nline2\"\r\nlast,\n");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[1].fields[0], "x, \"y\"");
  EXPECT_EQ((*rows)[1].fields[1], "line1\nline2");
  EXPECT_EQ((*rows)[2].fields[1], "");
  EXPECT_FALSE(attune::ParseCsv("\"open").ok());
}

TEST(GoEmotionsTsv, ParsesAndRejectsBadLabels) {
  auto ok = ParseGoEmotionsTsv("Great!\t17,13\tid1\n\"\"\"quoted\"\"\"\t27\tid2\n", 28);
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].labels, (std::vector<int>{13, 17}));
  EXPECT_EQ((*ok)[1].text, "\"\"\"quoted\"\"\"");  // no quote handling, as the data needs
  EXPECT_FALSE(ParseGoEmotionsTsv("x\t28\tid\n", 28).ok());
  EXPECT_FALSE(ParseGoEmotionsTsv("no tabs here\n", 28).ok());
}

}  // namespace
}  // namespace attune::affect
