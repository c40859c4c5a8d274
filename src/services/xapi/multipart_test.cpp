// multipart/mixed parsing and building as xAPI 1.0.3 Communication 1.5.2 uses it for Attachments.
#include "services/xapi/multipart.h"

#include <gtest/gtest.h>

#include <cctype>

namespace attune::xapi {
namespace {

constexpr std::string_view kBoundary = "-------314159265358979323846";
constexpr std::string_view kStatement = R"({"actor":{"mbox":"mailto:a@example.com"}})";

// The attachment of the example in Communication 1.5.2, with its published SHA-256.
constexpr std::string_view kText = "here is a simple attachment";
constexpr std::string_view kTextSha256 =
    "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a";

std::string ContentType(std::string_view boundary = kBoundary) {
  return "multipart/mixed; boundary=" + std::string(boundary);
}

// "--boundary" CRLF headers CRLF CRLF data, without the CRLF that begins the next delimiter.
std::string Part(std::string_view headers, std::string_view data,
                 std::string_view boundary = kBoundary) {
  return "--" + std::string(boundary) + "\r\n" + std::string(headers) + "\r\n" + std::string(data) +
         "\r\n";
}

std::string JsonPart(std::string_view json = kStatement) {
  return Part("Content-Type: application/json\r\n", json);
}

std::string AttachmentPart(std::string_view data, std::string_view hash,
                           std::string_view type = "text/plain") {
  return Part("Content-Type: " + std::string(type) +
                  "\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: " +
                  std::string(hash) + "\r\n",
              data);
}

std::string Close(std::string_view boundary = kBoundary) {
  return "--" + std::string(boundary) + "--\r\n";
}

// The error message of a call expected to fail with kInvalidArgument.
template <typename T>
std::string ErrorOf(const Result<T>& r) {
  if (r.ok()) return "<ok>";
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  return r.error().message;
}

// ---- hashes ----

TEST(XapiMultipart, Sha2HexMatchesKnownDigests) {
  EXPECT_EQ(Sha256Hex(kText), kTextSha256);
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha2Hex("abc", 56), "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
  EXPECT_EQ(
      Sha2Hex("abc", 96),
      "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca1"
      "34c825a7");
  EXPECT_EQ(Sha2Hex("abc", 128).substr(0, 32), "ddaf35a193617abacc417349ae204131");
  EXPECT_EQ(Sha2Hex("abc", 40), "");  // SHA-1 is not SHA-2
}

// ---- MultipartBoundary ----

TEST(XapiMultipart, Boundary_TokenQuotedAndCaseInsensitiveName) {
  EXPECT_EQ(*MultipartBoundary("multipart/mixed; boundary=abc"), "abc");
  EXPECT_EQ(*MultipartBoundary("multipart/mixed;BOUNDARY=abc"), "abc");
  EXPECT_EQ(*MultipartBoundary("multipart/mixed; x=\"1;boundary=no\"; Boundary=\"a:b c\"; y=2"),
            "a:b c");
  // The boundary of the example in Communication 1.5.2, which needs the quotes.
  EXPECT_EQ(*MultipartBoundary("multipart/mixed; boundary=\"abcABC0123'()+_,-./:=?\""),
            "abcABC0123'()+_,-./:=?");
}

TEST(XapiMultipart, Boundary_MissingOrInvalidIsAnError) {
  EXPECT_NE(ErrorOf(MultipartBoundary("multipart/mixed")).find("no boundary"), std::string::npos);
  EXPECT_NE(ErrorOf(MultipartBoundary("multipart/mixed;")), "<ok>");
  EXPECT_NE(ErrorOf(MultipartBoundary("multipart/mixed; boundary=")), "<ok>");
  EXPECT_NE(ErrorOf(MultipartBoundary("multipart/mixed; boundary=\"abc")), "<ok>");
  EXPECT_NE(ErrorOf(MultipartBoundary("multipart/mixed; boundary=a; boundary=b")), "<ok>");
  EXPECT_NE(ErrorOf(MultipartBoundary("multipart/mixed; boundary=\"ends with space \"")), "<ok>");
  EXPECT_NE(ErrorOf(MultipartBoundary("multipart/mixed; boundary=" + std::string(71, 'a'))),
            "<ok>");
  EXPECT_NE(ErrorOf(MultipartBoundary("multipart/mixed; boundary=a<b")), "<ok>");
}

// ---- ParseMultipart ----

TEST(XapiMultipart, Parse_PartsHeadersAndBodies) {
  std::string body = JsonPart() + AttachmentPart(kText, kTextSha256) + Close();
  auto parts = ParseMultipart(body, kBoundary);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].body, kStatement);
  EXPECT_EQ((*parts)[0].Header("content-type"), "application/json");
  EXPECT_EQ((*parts)[1].body, kText);
  EXPECT_EQ((*parts)[1].Header("x-experience-api-HASH"), kTextSha256);
  EXPECT_EQ((*parts)[1].Header("Content-Length"), std::nullopt);
  EXPECT_EQ((*parts)[1].headers.size(), 3u);
}

TEST(XapiMultipart, Parse_IgnoresPreambleEpilogueAndTransportPadding) {
  std::string body = "This is the preamble.\r\nIt is ignored.\r\n" + JsonPart() + "--" +
                     std::string(kBoundary) + " \t\r\nContent-Type: text/plain\r\n\r\nsecond\r\n" +
                     "--" + std::string(kBoundary) + "--  \r\nThis is the epilogue.\r\n--" +
                     std::string(kBoundary) + "\r\nnot a part\r\n";
  auto parts = ParseMultipart(body, kBoundary);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[1].body, "second");
}

TEST(XapiMultipart, Parse_ExampleFromTheSpecWithLeadingEmptyLine) {
  // Communication 1.5.2's example body starts with a CRLF before the first delimiter.
  std::string boundary = "abcABC0123'()+_,-./:=?";
  std::string body = "\r\n" + Part("Content-Type:application/json\r\n", kStatement, boundary) +
                     Part(
                         "Content-Type:text/plain\r\nContent-Transfer-Encoding:binary\r\n"
                         "X-Experience-API-Hash:" +
                             std::string(kTextSha256) + "\r\n",
                         kText, boundary) +
                     Close(boundary);
  auto parsed = ParseXapiMultipart(body, "multipart/mixed; boundary=\"" + boundary + "\"");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->statements_json, kStatement);
  EXPECT_EQ(parsed->attachments.at(std::string(kTextSha256)), kText);
  EXPECT_EQ(parsed->content_types.at(std::string(kTextSha256)), "text/plain");
}

TEST(XapiMultipart, Parse_BoundaryInsideDataNotAtLineStartIsData) {
  const std::string b(kBoundary);
  // After a NUL, after "-- ", and followed by more boundary characters: none is a delimiter.
  std::string data = std::string("binary\0", 7) + "--" + b + "--\r\nstill data\r\n-- " + b +
                     "\r\n--" + b + "xyz\r\nend";
  std::string body = JsonPart() + AttachmentPart(data, Sha256Hex(data)) + Close();
  auto parsed = ParseXapiMultipart(body, ContentType());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->attachments.at(Sha256Hex(data)), data);
}

TEST(XapiMultipart, Parse_DataMayEndWithCrlfAndContainBareLf) {
  std::string data = "line\nline\r\n\r\n";
  std::string body = JsonPart() + AttachmentPart(data, Sha256Hex(data)) + Close();
  auto parsed = ParseXapiMultipart(body, ContentType());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->attachments.begin()->second, data);
}

TEST(XapiMultipart, Parse_BareLfBodyIsAcceptedWhenItHasNoCr) {
  std::string b(kBoundary);
  std::string body = "--" + b + "\nContent-Type: application/json\n\n{}\n--" + b +
                     "\nContent-Type: text/plain\nContent-Transfer-Encoding: binary\n"
                     "X-Experience-API-Hash: " +
                     std::string(kTextSha256) + "\n\n" + std::string(kText) + "\n--" + b + "--\n";
  auto parsed = ParseXapiMultipart(body, ContentType());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->statements_json, "{}");
  EXPECT_EQ(parsed->attachments.at(std::string(kTextSha256)), kText);
}

TEST(XapiMultipart, Parse_CrlfBodyNeverBreaksLinesAtBareLf) {
  // Any CR means CRLF framing: the LF-only delimiters below are data, so the close is missing.
  std::string b(kBoundary);
  std::string body = JsonPart() + "--" + b + "\nContent-Type: text/plain\n\ntext\n--" + b + "--\n";
  EXPECT_NE(ErrorOf(ParseMultipart(body, kBoundary)).find("closing delimiter"), std::string::npos);
}

TEST(XapiMultipart, Parse_FoldedHeaderAndPartWithoutHeaders) {
  std::string body = Part("X-Long: first\r\n  second\r\n", "a") + "--" + std::string(kBoundary) +
                     "\r\n\r\nno headers\r\n" + Close();
  auto parts = ParseMultipart(body, kBoundary);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].Header("x-long"), "first second");
  EXPECT_TRUE((*parts)[1].headers.empty());
  EXPECT_EQ((*parts)[1].body, "no headers");
}

TEST(XapiMultipart, Parse_BrokenFramingIsAnError) {
  EXPECT_NE(ErrorOf(ParseMultipart("", kBoundary)).find("empty"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseMultipart("just some text\r\n", kBoundary)).find("never"),
            std::string::npos);
  EXPECT_NE(ErrorOf(ParseMultipart(JsonPart(), kBoundary)).find("closing delimiter"),
            std::string::npos);
  EXPECT_NE(ErrorOf(ParseMultipart(Close(), kBoundary)).find("no parts"), std::string::npos);
  // Headers that run into the data with no empty line between them.
  std::string no_blank_line =
      "--" + std::string(kBoundary) + "\r\nContent-Type: application/json\r\n{}\r\n" + Close();
  EXPECT_NE(ErrorOf(ParseMultipart(no_blank_line, kBoundary)).find("empty line"),
            std::string::npos);
  std::string bad_header = Part("this is not a header\r\n", "{}") + Close();
  EXPECT_NE(ErrorOf(ParseMultipart(bad_header, kBoundary)).find("not a header line"),
            std::string::npos);
  EXPECT_NE(ErrorOf(ParseMultipart(JsonPart() + Close(), "")), "<ok>");
}

// ---- ParseXapiMultipart ----

TEST(XapiMultipart, Xapi_StatementWithSeveralAttachments) {
  constexpr char kPdfBytes[] = "%PDF-1.4\0\xff\xfe binary";
  std::string pdf(kPdfBytes, sizeof(kPdfBytes) - 1);
  std::string sha384 = Sha2Hex(pdf, 96);
  std::string sha512 = Sha2Hex("third", 128);
  std::string upper_hash = Sha256Hex(kText);
  for (char& c : upper_hash) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string body = JsonPart("[{}, {}]") + AttachmentPart(kText, upper_hash) +
                     AttachmentPart(pdf, sha384, "application/pdf") +
                     AttachmentPart("third", sha512, "text/plain; charset=utf-8") +
                     AttachmentPart(kText, kTextSha256) + Close();
  auto parsed = ParseXapiMultipart(body, "Multipart/Mixed; boundary=" + std::string(kBoundary));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->statements_json, "[{}, {}]");
  ASSERT_EQ(parsed->attachments.size(), 3u);  // the repeated attachment is kept once
  EXPECT_EQ(parsed->attachments.at(std::string(kTextSha256)), kText);  // keyed in lower case
  EXPECT_EQ(parsed->attachments.at(sha384), pdf);
  EXPECT_EQ(parsed->attachments.at(sha512), "third");
  EXPECT_EQ(parsed->content_types.at(sha384), "application/pdf");
  EXPECT_EQ(parsed->content_types.at(sha512), "text/plain; charset=utf-8");
}

TEST(XapiMultipart, Xapi_StatementOnlyIsFine) {
  auto parsed = ParseXapiMultipart(JsonPart() + Close(), ContentType());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->attachments.empty());
}

TEST(XapiMultipart, Xapi_HashMismatchNamesTheHash) {
  std::string wrong = Sha256Hex("something else");
  auto parsed =
      ParseXapiMultipart(JsonPart() + AttachmentPart(kText, wrong) + Close(), ContentType());
  std::string message = ErrorOf(parsed);
  EXPECT_NE(message.find(wrong), std::string::npos) << message;
  EXPECT_NE(message.find("part 2"), std::string::npos) << message;
  EXPECT_EQ(parsed.error().field, kHashHeader);
}

TEST(XapiMultipart, Xapi_HashMustBeSha2Hex) {
  std::string sha1 = "3c4a8d0c1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f80";
  EXPECT_NE(
      ErrorOf(ParseXapiMultipart(JsonPart() + AttachmentPart(kText, sha1) + Close(), ContentType()))
          .find("not a SHA-2"),
      std::string::npos);
  std::string missing_hash =
      JsonPart() + Part("Content-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\n", "x") +
      Close();
  EXPECT_NE(ErrorOf(ParseXapiMultipart(missing_hash, ContentType())).find("X-Experience-API-Hash"),
            std::string::npos);
}

TEST(XapiMultipart, Xapi_AttachmentPartsNeedBinaryTransferEncoding) {
  std::string hash_header = "X-Experience-API-Hash: " + std::string(kTextSha256) + "\r\n";
  std::string missing =
      JsonPart() + Part("Content-Type: text/plain\r\n" + hash_header, kText) + Close();
  EXPECT_NE(ErrorOf(ParseXapiMultipart(missing, ContentType())).find("Content-Transfer-Encoding"),
            std::string::npos);
  std::string base64 =
      JsonPart() + Part("Content-Transfer-Encoding: base64\r\n" + hash_header, kText) + Close();
  EXPECT_NE(ErrorOf(ParseXapiMultipart(base64, ContentType())), "<ok>");
  // The mechanism is case-insensitive (RFC 2045 6.1), and Content-Type only a SHOULD.
  std::string upper =
      JsonPart() + Part("Content-Transfer-Encoding: BINARY\r\n" + hash_header, kText) + Close();
  auto parsed = ParseXapiMultipart(upper, ContentType());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->content_types.empty());
}

TEST(XapiMultipart, Xapi_RepeatedHeadersAreAmbiguous) {
  std::string repeated =
      JsonPart() +
      Part("Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: " +
               std::string(kTextSha256) + "\r\nX-Experience-API-Hash: " + Sha256Hex("x") + "\r\n",
           kText) +
      Close();
  EXPECT_NE(ErrorOf(ParseXapiMultipart(repeated, ContentType())).find("more than one"),
            std::string::npos);
}

TEST(XapiMultipart, Xapi_FirstPartMustBeJson) {
  std::string text_first = Part("Content-Type: text/plain\r\n", kStatement) + Close();
  EXPECT_NE(ErrorOf(ParseXapiMultipart(text_first, ContentType())).find("application/json"),
            std::string::npos);
  std::string untyped_first = Part("", kStatement) + Close();
  EXPECT_NE(ErrorOf(ParseXapiMultipart(untyped_first, ContentType())), "<ok>");
  std::string with_charset =
      Part("Content-Type: Application/JSON; charset=UTF-8\r\n", kStatement) + Close();
  EXPECT_TRUE(ParseXapiMultipart(with_charset, ContentType()).ok());
}

TEST(XapiMultipart, Xapi_RequestMustBeMultipartMixedWithABoundary) {
  std::string body = JsonPart() + Close();
  EXPECT_NE(
      ErrorOf(ParseXapiMultipart(body, "multipart/form-data; boundary=" + std::string(kBoundary)))
          .find("multipart/mixed"),
      std::string::npos);
  EXPECT_NE(ErrorOf(ParseXapiMultipart(body, "multipart/mixed")).find("boundary"),
            std::string::npos);
  EXPECT_NE(ErrorOf(ParseXapiMultipart(body, ContentType("another-boundary"))).find("never"),
            std::string::npos);
  EXPECT_NE(ErrorOf(ParseXapiMultipart("", ContentType())).find("empty"), std::string::npos);
}

// ---- building ----

TEST(XapiMultipart, Build_RoundTripsThroughTheParser) {
  std::string binary;
  for (int i = 0; i < 1024; ++i) binary += static_cast<char>(i % 256);
  std::string sha512 = Sha2Hex(binary, 128);
  std::string text_hash = Sha256Hex(kText);
  std::vector<OutgoingAttachment> attachments = {
      {text_hash, "text/plain", kText},
      {sha512, "", binary},
  };
  std::string json = R"({"statements":[],"more":""})";
  std::string boundary = ChooseBoundary(json, attachments);
  std::string body = BuildMultipart(json, attachments, boundary);
  auto parsed = ParseXapiMultipart(body, MultipartContentType(boundary));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->statements_json, json);
  EXPECT_EQ(parsed->attachments.at(text_hash), kText);
  EXPECT_EQ(parsed->attachments.at(sha512), binary);
  EXPECT_EQ(parsed->content_types.at(sha512), "application/octet-stream");
}

TEST(XapiMultipart, Build_BoundaryAvoidsTheContent) {
  const std::string json = "{}";
  const std::string hash = Sha256Hex("anything");
  std::string clean = ChooseBoundary(json, {{hash, "text/plain", "clean"}});
  EXPECT_EQ(clean, ChooseBoundary(json, {{hash, "text/plain", "clean"}}));  // deterministic
  EXPECT_TRUE(MultipartBoundary(MultipartContentType(clean)).ok());
  // Data holding the boundary that would have been chosen, even as a delimiter line, gets another.
  std::string data = "\r\n--" + clean + "--\r\n";
  std::vector<OutgoingAttachment> attachments = {{hash, "text/plain", data}};
  std::string other = ChooseBoundary(json, attachments);
  EXPECT_NE(other, clean);
  auto parts = ParseMultipart(BuildMultipart(json, attachments, other), other);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[1].body, data);
  EXPECT_EQ((*parts)[1].Header(kHashHeader), hash);
}

TEST(XapiMultipart, Build_ContentTypeQuotesBoundariesThatNeedIt) {
  EXPECT_EQ(MultipartContentType("abc-1"), "multipart/mixed; boundary=abc-1");
  EXPECT_EQ(MultipartContentType("a b:c"), "multipart/mixed; boundary=\"a b:c\"");
  EXPECT_EQ(*MultipartBoundary(MultipartContentType("a b:c")), "a b:c");
}

}  // namespace
}  // namespace attune::xapi
