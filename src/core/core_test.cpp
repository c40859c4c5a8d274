#include <gtest/gtest.h>

#include <set>

#include "core/clock.h"
#include "core/config.h"
#include "core/http_url.h"
#include "core/ids.h"
#include "core/random.h"
#include "core/result.h"
#include "core/utf8.h"

namespace attune {
namespace {

Result<int> Half(int x) {
  if (x % 2) return Error(ErrorCode::kInvalidArgument, "odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(Result, PropagatesErrorsAndValues) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

TEST(Ids, UuidV7IsTimeOrderedAndWellFormed) {
  ManualClock clock(1'700'000'000'000);
  SecureRandom random;
  std::string a = NewUuidV7(clock, random);
  clock.Advance(1);
  std::string b = NewUuidV7(clock, random);
  EXPECT_TRUE(IsUuid(a));
  EXPECT_EQ(a[14], '7');
  EXPECT_LT(a, b);
  EXPECT_FALSE(IsUuid("not-a-uuid"));
}

TEST(Random, SeededIsDeterministicSecureIsNot) {
  SeededRandom r1(42), r2(42);
  EXPECT_EQ(r1.NextU64(), r2.NextU64());
  SecureRandom s;
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(s.Hex(16));
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Utf8, RejectsOverlongsAndSurrogatesAndSanitizes) {
  EXPECT_TRUE(IsValidUtf8("héllo \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_EQ(SanitizeUtf8("a\xFF"
                         "b"),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(Config, LayersAndRejectsBadValues) {
  Config c;
  ASSERT_TRUE(c.Set("port", "9090").ok());
  EXPECT_EQ(c.port, 9090);
  EXPECT_FALSE(c.Set("port", "99999").ok());
  EXPECT_FALSE(c.Set("port", "12abc").ok());
  EXPECT_FALSE(c.Set("no_such_key", "1").ok());
  char e1[] = "ATTUNE_HTTP_THREADS=32";
  char e2[] = "PATH=/bin";
  char e3[] = "ATTUNE_ADMIN_PASSWORD=not-a-config-key";
  char* env[] = {e1, e2, e3, nullptr};
  ASSERT_TRUE(c.LoadEnvironment(env).ok());
  EXPECT_EQ(c.http_threads, 32);
  c.jurisdiction = "mars";
  EXPECT_FALSE(c.Validate().ok());
}

TEST(Clock, FormatsIso8601) {
  EXPECT_EQ(FormatIso8601Millis(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIso8601Millis(1'700'000'000'123), "2023-11-14T22:13:20.123Z");
}

TEST(HttpUrl, ParsesOriginAndPathWithDefaultPortsAndRefusesWhatIsNotAPlainHttpUrl) {
  auto a = ParseHttpUrl("https://lrs.example.com/xapi/");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->origin, "https://lrs.example.com:443");
  EXPECT_EQ(a->path, "/xapi/");
  auto b = ParseHttpUrl("http://[::1]:8081");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->origin, "http://[::1]:8081");
  EXPECT_EQ(b->path, "");
  EXPECT_EQ(ParseHttpUrl("http://localhost/v1")->origin, "http://localhost:80");
  for (const char* bad : {"ftp://host/", "https://host/x?y=1", "https://host/#f", "host/x",
                          "https://user:pw@host/", "https://host:70000/", "https://host/a b"}) {
    EXPECT_FALSE(ParseHttpUrl(bad)) << bad;
  }
}

}  // namespace
}  // namespace attune
