#include "services/xapi/xapi_formats.h"

#include <gtest/gtest.h>

namespace attune::xapi {
namespace {

TEST(XapiFormats, Uuid_AnyVariantAnyCaseHyphenated) {
  EXPECT_TRUE(IsUuid("fd41c918-b88b-4b20-a0a5-a4c32391aaa0"));
  EXPECT_TRUE(IsUuid("FD41C918-B88B-4B20-A0A5-A4C32391AAA0"));
  EXPECT_TRUE(IsUuid("00000000-0000-0000-0000-000000000000"));  // nil UUID: any variant
  EXPECT_TRUE(IsUuid("018f2c1e-7b3a-7c4d-9e2f-0123456789ab"));  // v7
  EXPECT_FALSE(IsUuid("fd41c918b88b4b20a0a5a4c32391aaa0"));
  EXPECT_FALSE(IsUuid("{fd41c918-b88b-4b20-a0a5-a4c32391aaa0}"));
  EXPECT_FALSE(IsUuid("fd41c918-b88b-4b20-a0a5-a4c32391aaag"));
  EXPECT_FALSE(IsUuid(""));
}

TEST(XapiFormats, Iri_RequiresSchemeAndForbidsSpaces) {
  EXPECT_TRUE(IsIri("http://adlnet.gov/expapi/verbs/completed"));
  EXPECT_TRUE(IsIri("urn:uuid:fd41c918-b88b-4b20-a0a5-a4c32391aaa0"));
  EXPECT_TRUE(IsIri("https://example.com/\xC3\xA9t\xC3\xA9"));  // non-ASCII is fine in an IRI
  EXPECT_TRUE(IsIri("tag:example.com,2026:a%20b"));
  EXPECT_FALSE(IsIri("example.com/verbs/completed"));
  EXPECT_FALSE(IsIri(":nothing"));
  EXPECT_FALSE(IsIri("http:"));
  EXPECT_FALSE(IsIri("1http://example.com"));
  EXPECT_FALSE(IsIri("http://example.com/a b"));
  EXPECT_FALSE(IsIri("http://example.com/<a>"));
  EXPECT_FALSE(IsIri("http://example.com/%zz"));
  EXPECT_FALSE(IsIri(""));
}

TEST(XapiFormats, Irl_NeedsAnAuthority) {
  EXPECT_TRUE(IsIrl("https://example.com"));
  EXPECT_TRUE(IsIrl("http://lms.example.com/users"));
  EXPECT_FALSE(IsIrl("urn:example:x"));
  EXPECT_FALSE(IsIrl("http:///path"));
  EXPECT_FALSE(IsIrl("example.com"));
}

TEST(XapiFormats, LanguageTag_Rfc5646WellFormed) {
  for (const char* tag :
       {"en", "en-US", "EN-us", "zh-Hant-TW", "sr-Latn-RS", "es-419", "de-CH-1901",
        "sl-rozaj-biske", "zh-yue-HK", "en-a-bbb-x-a-ccc", "x-whatever", "i-klingon", "en-GB-oed",
        "und", "qaa-Qaaa-QM-x-southern", "haw"}) {
    EXPECT_TRUE(IsLanguageTag(tag)) << tag;
  }
  for (const char* tag : {"", "e", "en_US", "en-", "-en", "en--US", "english-us-toolongsubtag",
                          "de-419-DE", "a-DE", "ar-a-aaa-b-bbb-a-ccc", "de-1901-1901", "x", "en-x",
                          "123", "en-US-a", "en US", "English", "engl"}) {
    EXPECT_FALSE(IsLanguageTag(tag)) << tag;
  }
}

TEST(XapiFormats, Duration_Iso8601) {
  for (const char* d : {"PT1H30M", "P1Y2M3DT4H5M6S", "PT4.5S", "PT0.01S", "P3W", "P1D", "PT36H",
                        "P0D", "PT1,5S", "PT1.5H"}) {
    EXPECT_TRUE(IsIso8601Duration(d)) << d;
  }
  for (const char* d : {"", "P", "PT", "1H", "P1H", "PT1D", "P1DT", "PT1M1H", "P1W2D", "PT1.5H3M",
                        "PT.5S", "PT1.S", "P-1D", "pt1h", "PT1H "}) {
    EXPECT_FALSE(IsIso8601Duration(d)) << d;
  }
}

TEST(XapiFormats, Mailto_NeedsPrefixAndAddress) {
  EXPECT_TRUE(IsMailtoIri("mailto:someone@example.com"));
  EXPECT_FALSE(IsMailtoIri("someone@example.com"));
  EXPECT_FALSE(IsMailtoIri("mailto:"));
  EXPECT_FALSE(IsMailtoIri("mailto:someone"));
  EXPECT_FALSE(IsMailtoIri("mailto:@example.com"));
  EXPECT_FALSE(IsMailtoIri("mailto:a@b@c"));
  EXPECT_FALSE(IsMailtoIri("mailto:some one@example.com"));
}

TEST(XapiFormats, Hashes_Sha1AndSha2Lengths) {
  EXPECT_TRUE(IsSha1Hex(std::string(40, 'a')));
  EXPECT_TRUE(IsSha1Hex(std::string(40, 'F')));
  EXPECT_FALSE(IsSha1Hex(std::string(39, 'a')));
  EXPECT_FALSE(IsSha1Hex(std::string(40, 'g')));
  for (size_t n : {56, 64, 96, 128}) EXPECT_TRUE(IsSha2Hex(std::string(n, 'b'))) << n;
  for (size_t n : {0, 40, 63, 65, 127}) EXPECT_FALSE(IsSha2Hex(std::string(n, 'b'))) << n;
}

TEST(XapiFormats, MediaType_TypeSlashSubtype) {
  EXPECT_TRUE(IsMediaType("application/pdf"));
  EXPECT_TRUE(IsMediaType("text/plain; charset=utf-8"));
  EXPECT_TRUE(
      IsMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
  EXPECT_FALSE(IsMediaType("pdf"));
  EXPECT_FALSE(IsMediaType("application/"));
  EXPECT_FALSE(IsMediaType("/pdf"));
  EXPECT_FALSE(IsMediaType("text/plain/x"));
}

TEST(XapiFormats, Timestamp_ConvertsToUtcKeepingPrecision) {
  auto n = [](const char* s) {
    auto r = NormaliseTimestamp(s);
    return r.ok() ? *r : "error: " + r.error().message;
  };
  EXPECT_EQ(n("2013-05-18T05:32:34.804Z"), "2013-05-18T05:32:34.804Z");
  EXPECT_EQ(n("2013-05-18t05:32:34z"), "2013-05-18T05:32:34Z");
  EXPECT_EQ(n("2013-05-18T05:32:34.804+02:00"), "2013-05-18T03:32:34.804Z");
  EXPECT_EQ(n("2013-05-18T23:32:34.1-05:30"), "2013-05-19T05:02:34.1Z");
  EXPECT_EQ(n("2013-05-18T05:32:34.123456789+0100"), "2013-05-18T04:32:34.123456789Z");
  EXPECT_EQ(n("2013-01-01T00:30:00+01"), "2012-12-31T23:30:00Z");
  EXPECT_EQ(n("2024-02-29T12:00:00+00:00"), "2024-02-29T12:00:00Z");
  EXPECT_EQ(n("2024-03-01T00:00:00+00:01"), "2024-02-29T23:59:00Z");
}

TEST(XapiFormats, Timestamp_RejectsMissingZoneNegativeZeroAndBadFields) {
  for (const char* s :
       {"2013-05-18T05:32:34", "2013-05-18T05:32:34.804", "2013-05-18T05:32:34-00:00",
        "2013-05-18T05:32:34-0000", "2013-05-18T05:32:34-00", "2013-05-18", "2013-13-18T05:32:34Z",
        "2023-02-29T05:32:34Z", "2013-05-18T24:00:00Z", "2013-05-18T05:60:00Z",
        "2013-05-18T05:32:34.Z", "2013-05-18 05:32:34Z", "2013-05-18T05:32:34+25:00",
        "2013-05-18T05:32:34Zjunk", "", "0000-01-01T00:00:00+01:00"}) {
    EXPECT_FALSE(NormaliseTimestamp(s).ok()) << s;
  }
  EXPECT_NE(NormaliseTimestamp("2013-05-18T05:32:34").error().message.find("time zone"),
            std::string::npos);
}

}  // namespace
}  // namespace attune::xapi
