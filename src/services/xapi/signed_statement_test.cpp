// Signed Statements (xAPI 1.0.3 Data 2.6). Real RSA keys, self-signed X.509 certificates and JWS
// signatures are made in-process with OpenSSL, so every signature checked here is genuine.
#include "services/xapi/signed_statement.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>

#include "core/base64.h"
#include "services/xapi/multipart.h"

namespace attune::xapi {
namespace {

using nlohmann::json;

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

Key MakeRsaKey(int bits) {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1 ||
      EVP_PKEY_keygen(ctx.get(), &key) != 1) {
    ADD_FAILURE() << "RSA key generation failed";
  }
  return Key(key);
}

// A self-signed certificate for `key`, DER-encoded.
std::string SelfSignedCertificateDer(EVP_PKEY* key) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Attune test signer"), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), name);
  EXPECT_GT(X509_sign(cert.get(), key, EVP_sha256()), 0);
  int size = i2d_X509(cert.get(), nullptr);
  std::string der(static_cast<size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  i2d_X509(cert.get(), &out);
  return der;
}

std::string RsaSign(EVP_PKEY* key, const EVP_MD* digest, std::string_view input) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  EXPECT_EQ(EVP_DigestSignInit(ctx.get(), nullptr, digest, nullptr, key), 1);
  EXPECT_EQ(EVP_DigestSign(ctx.get(), nullptr, &size, data, input.size()), 1);
  std::string signature(size, '\0');
  EXPECT_EQ(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                           data, input.size()),
            1);
  signature.resize(size);
  return signature;
}

const EVP_MD* DigestOf(std::string_view alg) {
  if (alg == "RS384") return EVP_sha384();
  if (alg == "RS512") return EVP_sha512();
  return EVP_sha256();
}

class XapiSignedStatement : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    signer_ = MakeRsaKey(2048).release();
    stranger_ = MakeRsaKey(2048).release();
    signer_cert_ = new std::string(SelfSignedCertificateDer(signer_));
    stranger_cert_ = new std::string(SelfSignedCertificateDer(stranger_));
  }
  static void TearDownTestSuite() {
    EVP_PKEY_free(signer_);
    EVP_PKEY_free(stranger_);
    delete signer_cert_;
    delete stranger_cert_;
  }

  static json Original() {
    return R"({
      "id": "33cff416-e331-4c9d-969e-5373a1756120",
      "actor": {"mbox": "mailto:learner@example.com", "name": "Learner", "objectType": "Agent"},
      "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
      "object": {"id": "http://example.com/activities/exam", "objectType": "Activity",
                 "definition": {"name": {"en-US": "Final exam"}}},
      "result": {"score": {"scaled": 0.9}, "duration": "PT1H"},
      "timestamp": "2024-05-01T12:00:00.123Z"
    })"_json;
  }

  // A JWS over `payload` signed with `key`; `header` gets "alg" and, given a certificate, x5c.
  static std::string Jws(const std::string& payload, std::string_view alg = "RS256",
                         EVP_PKEY* key = signer_, const std::string* cert = signer_cert_,
                         json header = json::object()) {
    header["alg"] = alg;
    if (cert != nullptr) header["x5c"] = json::array({Base64Encode(*cert)});
    std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload);
    return input + "." + Base64UrlEncode(RsaSign(key, DigestOf(alg), input));
  }

  // The statement as sent: `statement` with the signature attached, and the attachment data.
  struct Request {
    json statement;
    std::map<std::string, std::string> data;
  };
  static Request Attach(json statement, const std::string& jws,
                        std::string_view content_type = "application/octet-stream") {
    std::string sha2 = Sha256Hex(jws);
    statement["attachments"] = json::array({{{"usageType", kSignatureUsageType},
                                             {"display", {{"en-US", "Signature"}}},
                                             {"contentType", content_type},
                                             {"length", jws.size()},
                                             {"sha2", sha2}}});
    return {statement, {{sha2, jws}}};
  }

  static Status Verify(const Request& request) {
    return VerifyStatementSignature(request.statement, request.data);
  }

  // The message of a verification expected to fail with kInvalidArgument.
  static std::string ErrorOf(const Request& request) {
    Status status = Verify(request);
    if (status.ok()) return "<ok>";
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    return status.error().message;
  }

  static EVP_PKEY* signer_;
  static EVP_PKEY* stranger_;
  static std::string* signer_cert_;
  static std::string* stranger_cert_;
};

EVP_PKEY* XapiSignedStatement::signer_ = nullptr;
EVP_PKEY* XapiSignedStatement::stranger_ = nullptr;
std::string* XapiSignedStatement::signer_cert_ = nullptr;
std::string* XapiSignedStatement::stranger_cert_ = nullptr;

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// ---- valid signatures ----

TEST_F(XapiSignedStatement, ValidRs256Rs384Rs512WithX5c) {
  for (std::string_view alg : {"RS256", "RS384", "RS512"}) {
    Status status = Verify(Attach(Original(), Jws(Original().dump(), alg)));
    EXPECT_TRUE(status.ok()) << alg << ": " << status.error().message;
  }
}

TEST_F(XapiSignedStatement, UnsignedStatementHasNothingToVerify) {
  EXPECT_FALSE(IsSignedStatement(Original()));
  EXPECT_TRUE(VerifyStatementSignature(Original(), {}).ok());
  EXPECT_TRUE(IsSignedStatement(Attach(Original(), "x").statement));
}

TEST_F(XapiSignedStatement, ExampleFromTheSpecAppendixD) {
  // Data Appendix D, verbatim: a 1024-bit key and a certificate that expired in 2014, both fine
  // because the check is for mistakes, not trust. The header and payload use CRLF line breaks.
  const std::string jws =
      "ew0KICAgICJhbGciOiAiUlMyNTYiLA0KICAgICJ4NWMiOiBbDQogICAgICAgICJNSUlEQVRDQ0FtcWdBd0lCQWdJSk"
      "FNQjFjc051QTYra01BMEdDU3FHU0liM0RRRUJCUVVBTUhFeEN6QUpCZ05WQkFZVEFsVlRNUkl3RUFZRFZRUUlFd2xV"
      "Wlc1dVpYTnpaV1V4R0RBV0JnTlZCQW9URDBWNFlXMXdiR1VnUTI5dGNHRnVlVEVRTUE0R0ExVUVBeE1IUlhoaGJYQn"
      "NaVEVpTUNBR0NTcUdTSWIzRFFFSkFSWVRaWGhoYlhCc1pVQmxlR0Z0Y0d4bExtTnZiVEFlRncweE16QTBNRFF4TlRJ"
      "NE16QmFGdzB4TkRBME1EUXhOVEk0TXpCYU1JR1dNUXN3Q1FZRFZRUUdFd0pWVXpFU01CQUdBMVVFQ0JNSlZHVnVibV"
      "Z6YzJWbE1SRXdEd1lEVlFRSEV3aEdjbUZ1YTJ4cGJqRVlNQllHQTFVRUNoTVBSWGhoYlhCc1pTQkRiMjF3WVc1NU1S"
      "QXdEZ1lEVlFRTEV3ZEZlR0Z0Y0d4bE1SQXdEZ1lEVlFRREV3ZEZlR0Z0Y0d4bE1TSXdJQVlKS29aSWh2Y05BUWtCRm"
      "hObGVHRnRjR3hsUUdWNFlXMXdiR1V1WTI5dE1JR2ZNQTBHQ1NxR1NJYjNEUUVCQVFVQUE0R05BRENCaVFLQmdRRGp4"
      "dlpYRjMwV0w0b0tqWllYZ1IwWnlhWCt1M3k2K0pxVHFpTmtGYS9WVG5ldDZMeTJPVDZabW1jSkVQbnEzVW5ld3BIb0"
      "9RK0dmaGhUa1cxM2owNmo1aU5uNG9iY0NWV1RMOXlYTnZKSCtLbyt4dTRZbC95U1BScklQeVRqdEhkRzBNMlh6SWxt"
      "bUxxbStDQVMrS0NiSmVINHRmNTQza0lXQzVwQzVwM2NWUUlEQVFBQm8zc3dlVEFKQmdOVkhSTUVBakFBTUN3R0NXQ0"
      "dTQUdHK0VJQkRRUWZGaDFQY0dWdVUxTk1JRWRsYm1WeVlYUmxaQ0JEWlhKMGFXWnBZMkYwWlRBZEJnTlZIUTRFRmdR"
      "VVZzM3Y1YWZFZE9lb1llVmFqQVFFNHYwV1MxUXdId1lEVlIwakJCZ3dGb0FVeVZJYzN5dnJhNEVCejIwSTRCRjM5SU"
      "FpeEJrd0RRWUpLb1pJaHZjTkFRRUZCUUFEZ1lFQWdTL0ZGNUQwSG5qNDRydlQ2a2duM2tKQXZ2MmxqL2Z5anp0S0ly"
      "WVMzM2xqWEduNmdHeUE0cXRiWEEyM1ByTzR1Yy93WUNTRElDRHBQb2JoNjJ4VENkOXFPYktoZ3dXT2kwNVBTQkxxVX"
      "UzbXdmQWUxNUxKQkpCcVBWWjRLMGtwcGVQQlU4bTZhSVpvSDU3TC85dDRPb2FMOHlLcy9xaktGZUkxT0ZXWnh2QT0i"
      "LA0KICAgICAgICAiTUlJRE56Q0NBcUNnQXdJQkFnSUpBTUIxY3NOdUE2K2pNQTBHQ1NxR1NJYjNEUUVCQlFVQU1IRX"
      "hDekFKQmdOVkJBWVRBbFZUTVJJd0VBWURWUVFJRXdsVVpXNXVaWE56WldVeEdEQVdCZ05WQkFvVEQwVjRZVzF3YkdV"
      "Z1EyOXRjR0Z1ZVRFUU1BNEdBMVVFQXhNSFJYaGhiWEJzWlRFaU1DQUdDU3FHU0liM0RRRUpBUllUWlhoaGJYQnNaVU"
      "JsZUdGdGNHeGxMbU52YlRBZUZ3MHhNekEwTURReE5USTFOVE5hRncweU16QTBNREl4TlRJMU5UTmFNSEV4Q3pBSkJn"
      "TlZCQVlUQWxWVE1SSXdFQVlEVlFRSUV3bFVaVzV1WlhOelpXVXhHREFXQmdOVkJBb1REMFY0WVcxd2JHVWdRMjl0Y0"
      "dGdWVURVFNQTRHQTFVRUF4TUhSWGhoYlhCc1pURWlNQ0FHQ1NxR1NJYjNEUUVKQVJZVFpYaGhiWEJzWlVCbGVHRnRj"
      "R3hsTG1OdmJUQ0JuekFOQmdrcWhraUc5dzBCQVFFRkFBT0JqUUF3Z1lrQ2dZRUExc0JuQldQWjBmN1dKVUZUSnk1Kz"
      "AxU2xTNVo2RERENlV5ZTl2SzlBeWNnVjVCMytXQzhIQzV1NWg5MU11akFDMUFSUFZVT3RzdlBSczQ1cUtORklnSUdS"
      "WEtQQXdaamF3RUkyc0NKUlNLVjQ3aTZCOGJEdjRXa3VHdlFhdmVaR0kwcWxtTjVSMUVpbTJnVUl0UmoxaGdjQzlyUW"
      "F2amxuRktEWTJybFhHdWtDQXdFQUFhT0IxakNCMHpBZEJnTlZIUTRFRmdRVXlWSWMzeXZyYTRFQnoyMEk0QkYzOUlB"
      "aXhCa3dnYU1HQTFVZEl3U0JtekNCbUlBVXlWSWMzeXZyYTRFQnoyMEk0QkYzOUlBaXhCbWhkYVJ6TUhFeEN6QUpCZ0"
      "5WQkFZVEFsVlRNUkl3RUFZRFZRUUlFd2xVWlc1dVpYTnpaV1V4R0RBV0JnTlZCQW9URDBWNFlXMXdiR1VnUTI5dGNH"
      "RnVlVEVRTUE0R0ExVUVBeE1IUlhoaGJYQnNaVEVpTUNBR0NTcUdTSWIzRFFFSkFSWVRaWGhoYlhCc1pVQmxlR0Z0Y0"
      "d4bExtTnZiWUlKQU1CMWNzTnVBNitqTUF3R0ExVWRFd1FGTUFNQkFmOHdEUVlKS29aSWh2Y05BUUVGQlFBRGdZRUFE"
      "aHdUZWJHazczNXlLaG04RHFDeHZObkVaME54c1lFWU9qZ1JHMXlYVGxXNXBFNjkxZlNINUFaK1Q2ZnB3cFpjV1k1UV"
      "lrb042RG53ak94R2tTZlFDMy95R21jVURLQlB3aVo1TzJzOUMrZkUxa1VFbnJYMlhlYTRhZ1ZuZ016UjhEUTZvT2F1"
      "TFdxZWhEQitnMkVOV1JMb1ZnUyttYTUvWWNzMEdUeXJFQ1k9Ig0KICAgIF0NCn0.ew0KICAgICJ2ZXJzaW9uIjogIj"
      "EuMC4wIiwNCiAgICAiaWQiOiAiMzNjZmY0MTYtZTMzMS00YzlkLTk2OWUtNTM3M2ExNzU2MTIwIiwNCiAgICAiYWN0"
      "b3IiOiB7DQogICAgICAgICJtYm94IjogIm1haWx0bzpleGFtcGxlQGV4YW1wbGUuY29tIiwNCiAgICAgICAgIm5hbW"
      "UiOiAiRXhhbXBsZSBMZWFybmVyIiwNCiAgICAgICAgIm9iamVjdFR5cGUiOiAiQWdlbnQiDQogICAgfSwNCiAgICAi"
      "dmVyYiI6IHsNCiAgICAgICAgImlkIjogImh0dHA6Ly9hZGxuZXQuZ292L2V4cGFwaS92ZXJicy9leHBlcmllbmNlZC"
      "IsDQogICAgICAgICJkaXNwbGF5Ijogew0KICAgICAgICAgICAgImVuLVVTIjogImV4cGVyaWVuY2VkIg0KICAgICAg"
      "ICB9DQogICAgfSwNCiAgICAib2JqZWN0Ijogew0KICAgICAgICAiaWQiOiAiaHR0cHM6Ly93d3cueW91dHViZS5jb2"
      "0vd2F0Y2g_dj14aDRrSWlIM1NtOCIsDQogICAgICAgICJvYmplY3RUeXBlIjogIkFjdGl2aXR5IiwNCiAgICAgICAg"
      "ImRlZmluaXRpb24iOiB7DQogICAgICAgICAgICAibmFtZSI6IHsNCiAgICAgICAgICAgICAgICAiZW4tVVMiOiAiVG"
      "F4IFRpcHMgJiBJbmZvcm1hdGlvbiA6IEhvdyB0byBGaWxlIGEgVGF4IFJldHVybiAiDQogICAgICAgICAgICB9LA0K"
      "ICAgICAgICAgICAgImRlc2NyaXB0aW9uIjogew0KICAgICAgICAgICAgICAgICJlbi1VUyI6ICJGaWxpbmcgYSB0YX"
      "ggcmV0dXJuIHdpbGwgcmVxdWlyZSBmaWxsaW5nIG91dCBlaXRoZXIgYSAxMDQwLCAxMDQwQSBvciAxMDQwRVogZm9y"
      "bSINCiAgICAgICAgICAgIH0NCiAgICAgICAgfQ0KICAgIH0sDQogICAgInRpbWVzdGFtcCI6ICIyMDEzLTA0LTAxVD"
      "EyOjAwOjAwWiINCn0.FWuwaPhwUbkk7h9sKW5zSvjsYNugvxJ-TrVaEgt_DCUT0bmKhQScRrjMB6P9O50uznPwT66o"
      "F1NnU_G0HVhRzS5voiXE-y7tT3z0M3-8A6YK009Bk_digVUul-HA4Fpd5IjoBBGe3yzaQ2ZvzarvRuipvNEQCI0onp"
      "fuZZJQ0d8";
  json statement = R"({
    "version": "1.0.0",
    "id": "33cff416-e331-4c9d-969e-5373a1756120",
    "actor": {"mbox": "mailto:example@example.com", "name": "Example Learner",
              "objectType": "Agent"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced",
             "display": {"en-US": "experienced"}},
    "object": {
      "id": "https://www.youtube.com/watch?v=xh4kIiH3Sm8",
      "objectType": "Activity",
      "definition": {
        "name": {"en-US": "Tax Tips & Information : How to File a Tax Return "},
        "description": {
          "en-US": "Filing a tax return will require filling out either a 1040, 1040A or 1040EZ form"
        }
      }
    },
    "timestamp": "2013-04-01T12:00:00Z",
    "attachments": [{
      "usageType": "http://adlnet.gov/expapi/attachments/signature",
      "display": {"en-US": "Signature"},
      "description": {"en-US": "A test signature"},
      "contentType": "application/octet-stream",
      "length": 4235,
      "sha2": "672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634"
    }]
  })"_json;
  ASSERT_EQ(Sha256Hex(jws), statement["attachments"][0]["sha2"]);
  Status status = VerifyStatementSignature(statement, {{Sha256Hex(jws), jws}});
  EXPECT_TRUE(status.ok()) << status.error().message;

  statement["verb"]["id"] = "http://adlnet.gov/expapi/verbs/passed";
  EXPECT_FALSE(VerifyStatementSignature(statement, {{Sha256Hex(jws), jws}}).ok());
}

// ---- signatures that do not verify ----

TEST_F(XapiSignedStatement, TamperedPayloadFailsTheSignature) {
  std::string jws = Jws(Original().dump());
  json changed = Original();
  changed["result"]["score"]["scaled"] = 1.0;
  size_t first = jws.find('.');
  size_t second = jws.find('.', first + 1);
  std::string tampered =
      jws.substr(0, first + 1) + Base64UrlEncode(changed.dump()) + jws.substr(second);
  EXPECT_TRUE(Contains(ErrorOf(Attach(changed, tampered)), "does not verify"));
}

TEST_F(XapiSignedStatement, TamperedSignatureFails) {
  std::string jws = Jws(Original().dump());
  std::string signature = *Base64UrlDecode(jws.substr(jws.rfind('.') + 1));
  signature[signature.size() / 2] ^= 0x01;
  std::string tampered = jws.substr(0, jws.rfind('.') + 1) + Base64UrlEncode(signature);
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), tampered)), "does not verify"));
}

TEST_F(XapiSignedStatement, CertificateOfAnotherKeyFails) {
  std::string jws = Jws(Original().dump(), "RS256", signer_, stranger_cert_);
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), jws)), "does not verify"));
}

TEST_F(XapiSignedStatement, SignatureMadeWithAnotherDigestFails) {
  // Signed as RS512 but labelled RS256.
  json header = {{"alg", "RS256"}, {"x5c", json::array({Base64Encode(*signer_cert_)})}};
  std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(Original().dump());
  std::string jws = input + "." + Base64UrlEncode(RsaSign(signer_, EVP_sha512(), input));
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), jws)), "does not verify"));
}

TEST_F(XapiSignedStatement, BrokenX5cIsRefused) {
  json header = {{"x5c", "not an array"}};
  EXPECT_TRUE(Contains(
      ErrorOf(Attach(Original(), Jws(Original().dump(), "RS256", signer_, nullptr, header))),
      "x5c"));
  header = {{"x5c", json::array({"%%%"})}};
  EXPECT_TRUE(Contains(
      ErrorOf(Attach(Original(), Jws(Original().dump(), "RS256", signer_, nullptr, header))),
      "base64"));
  header = {{"x5c", json::array({Base64Encode("not DER")})}};
  EXPECT_TRUE(Contains(
      ErrorOf(Attach(Original(), Jws(Original().dump(), "RS256", signer_, nullptr, header))),
      "X.509"));
}

// ---- algorithms ----

TEST_F(XapiSignedStatement, OnlyRsaAlgorithmsAreAccepted) {
  json header = {{"alg", "HS256"}};
  std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(Original().dump());
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), "secret", 6, reinterpret_cast<const unsigned char*>(input.data()),
       input.size(), mac, &mac_size);
  std::string hs256 =
      input + "." + Base64UrlEncode(std::string(reinterpret_cast<char*>(mac), mac_size));
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), hs256)), "RS256, RS384 or RS512"));

  std::string unsecured =
      Base64UrlEncode(R"({"alg":"none"})") + "." + Base64UrlEncode(Original().dump()) + ".";
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), unsecured)), "not \"none\""));

  // A genuine RSA signature under a name the spec does not allow.
  std::string ps256 = Jws(Original().dump(), "PS256");
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), ps256)), "RS256, RS384 or RS512"));
  std::string no_alg = Base64UrlEncode("{}") + "." + Base64UrlEncode(Original().dump()) + ".AAAA";
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), no_alg)), "missing"));
}

TEST_F(XapiSignedStatement, CriticalExtensionsAreRefused) {
  json header = {{"crit", json::array({"exp"})}, {"exp", 1}};
  std::string jws = Jws(Original().dump(), "RS256", signer_, signer_cert_, header);
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), jws)), "crit"));
}

// ---- without x5c ----

TEST_F(XapiSignedStatement, WithoutX5cAWellFormedSignatureIsAccepted) {
  // Nothing names the key, so the signature cannot be checked: well-formed is all Data 2.6 asks.
  std::string jws = Jws(Original().dump(), "RS256", signer_, nullptr);
  Status status = Verify(Attach(Original(), jws));
  EXPECT_TRUE(status.ok()) << status.error().message;
}

TEST_F(XapiSignedStatement, WithoutX5cThePayloadMustStillBeTheStatement) {
  json other = Original();
  other["verb"]["id"] = "http://adlnet.gov/expapi/verbs/failed";
  std::string jws = Jws(other.dump(), "RS256", signer_, nullptr);
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), jws)), "/verb/id"));
}

// ---- malformed JWS ----

TEST_F(XapiSignedStatement, MalformedJwsIsRefused) {
  std::string jws = Jws(Original().dump());
  size_t first = jws.find('.');
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), "not a jws")), "compact serialization"));
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), jws + ".extra")), "compact serialization"));
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), "a*b" + jws.substr(first))), "base64url"));
  EXPECT_TRUE(
      Contains(ErrorOf(Attach(Original(), jws.substr(0, jws.size() - 2) + "==")), "base64url"));
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), Base64UrlEncode("[1]") + jws.substr(first))),
                       "header is not a JSON object"));
  std::string bad_json =
      jws.substr(0, first + 1) + Base64UrlEncode("{'single': 'quotes'}") + ".AAAA";
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), bad_json)), "not valid JSON"));
  std::string no_signature = jws.substr(0, jws.rfind('.') + 1);
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), no_signature)), "signature is empty"));
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), R"({"payload":"e30","signatures":[]})")),
                       "JSON serialization"));
}

TEST_F(XapiSignedStatement, TrailingNewlineInTheSignatureFileIsTolerated) {
  EXPECT_TRUE(Verify(Attach(Original(), Jws(Original().dump()) + "\r\n")).ok());
}

// ---- the signature Attachment ----

TEST_F(XapiSignedStatement, SignatureAttachmentMustBeOctetStream) {
  Request request = Attach(Original(), Jws(Original().dump()), "text/plain; charset=ascii");
  Status status = Verify(request);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "/attachments/0/contentType");
  EXPECT_TRUE(Verify(Attach(Original(), Jws(Original().dump()), "Application/Octet-Stream")).ok());
}

TEST_F(XapiSignedStatement, SignatureAttachmentDataMustBeInTheRequest) {
  Request request = Attach(Original(), Jws(Original().dump()));
  request.data.clear();
  Status status = Verify(request);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "/attachments/0/sha2");
  EXPECT_TRUE(Contains(status.error().message, "not in the request"));
}

TEST_F(XapiSignedStatement, OtherAttachmentsAreNotPartOfTheComparison) {
  // Data 2.3.1 b6: the payload need not list the Attachments, the signature's included.
  json with_certificate = Original();
  with_certificate["attachments"] = json::array({{{"usageType", "http://example.com/certificate"},
                                                  {"display", {{"en", "Certificate"}}},
                                                  {"contentType", "application/pdf"},
                                                  {"length", 3},
                                                  {"sha2", Sha256Hex("pdf")}}});
  Request request = Attach(Original(), Jws(with_certificate.dump()));
  request.statement["attachments"].push_back(with_certificate["attachments"][0]);
  Status status = Verify(request);
  EXPECT_TRUE(status.ok()) << status.error().message;
}

// ---- payload against statement (Data 2.3.1) ----

TEST_F(XapiSignedStatement, PayloadThatDiffersFromTheStatementIsRefused) {
  json other = Original();
  other["result"]["score"]["scaled"] = 0.5;
  std::string message = ErrorOf(Attach(Original(), Jws(other.dump())));
  EXPECT_TRUE(Contains(message, "not the Statement")) << message;
  EXPECT_TRUE(Contains(message, "/result/score/scaled")) << message;
}

TEST_F(XapiSignedStatement, PayloadMustBeAValidStatement) {
  std::string message = ErrorOf(Attach(Original(), Jws(R"({"actor": {}})")));
  EXPECT_TRUE(Contains(message, "payload is not a valid Statement")) << message;
  EXPECT_TRUE(Contains(ErrorOf(Attach(Original(), Jws("[1, 2]"))), "not a Statement"));
}

TEST_F(XapiSignedStatement, PropertiesTheLrsAssignsMayBeAbsentFromThePayload) {
  json payload = Original();
  payload.erase("id");
  payload.erase("timestamp");
  json statement = Original();
  statement["version"] = "1.0.3";
  statement["stored"] = "2024-05-01T12:00:01Z";
  statement["authority"] = {{"mbox", "mailto:lrs@example.com"}, {"objectType", "Agent"}};
  Status status = Verify(Attach(statement, Jws(payload.dump())));
  EXPECT_TRUE(status.ok()) << status.error().message;
}

TEST_F(XapiSignedStatement, SignedIdAndTimestampMustBeKept) {
  json statement = Original();
  statement["id"] = "6690e6c9-3ef0-4ed3-8b37-7f3964730bee";
  EXPECT_TRUE(Contains(ErrorOf(Attach(statement, Jws(Original().dump()))), "id"));
  statement.erase("id");
  EXPECT_TRUE(Contains(ErrorOf(Attach(statement, Jws(Original().dump()))), "none"));
  statement = Original();
  statement.erase("timestamp");
  EXPECT_TRUE(Contains(ErrorOf(Attach(statement, Jws(Original().dump()))), "timestamp"));
}

TEST_F(XapiSignedStatement, TimestampsCompareAsInstantsToTheMillisecond) {
  json payload = Original();
  json statement = Original();
  payload["id"] = "33CFF416-E331-4C9D-969E-5373A1756120";  // UUIDs are case-insensitive
  payload["timestamp"] = "2024-05-01T14:00:00.1234+02:00";
  statement["timestamp"] = "2024-05-01T12:00:00.123Z";  // truncated by an LRS
  EXPECT_TRUE(Verify(Attach(statement, Jws(payload.dump()))).ok());
  statement["timestamp"] = "2024-05-01T12:00:00.124Z";  // rounded
  EXPECT_TRUE(Verify(Attach(statement, Jws(payload.dump()))).ok());
  statement["timestamp"] = "2024-05-01T12:00:00.125Z";
  EXPECT_TRUE(Contains(ErrorOf(Attach(statement, Jws(payload.dump()))), "timestamp"));
  payload["timestamp"] = "2024-12-31T23:59:59.9999Z";  // rounding carries into the next year
  statement["timestamp"] = "2025-01-01T00:00:00Z";
  EXPECT_TRUE(Verify(Attach(statement, Jws(payload.dump()))).ok());
}

TEST_F(XapiSignedStatement, DefinitionsDisplayGroupOrderAndCaseAreNotCompared) {
  json payload = Original();
  payload["actor"] = {{"objectType", "Group"},
                      {"name", "Team"},
                      {"member", json::array({{{"mbox", "mailto:a@EXAMPLE.com"}},
                                              {{"mbox", "mailto:b@example.com"}}})}};
  payload["context"] = {
      {"language", "en-US"},
      {"contextActivities",
       {{"parent", {{"id", "http://example.com/course"}, {"definition", {{"type", "x:a"}}}}}}}};
  json statement = payload;
  statement["actor"]["member"] =
      json::array({{{"mbox", "mailto:b@example.com"}}, {{"mbox", "mailto:a@example.com"}}});
  statement["verb"]["display"] = {{"fr", "a terminé"}};
  statement["object"]["definition"] = {{"name", {{"en-US", "Renamed exam"}}}};
  statement["context"]["language"] = "en-us";
  statement["context"]["contextActivities"]["parent"] =
      json::array({{{"id", "http://example.com/course"}}});
  Status status = Verify(Attach(statement, Jws(payload.dump())));
  EXPECT_TRUE(status.ok()) << status.error().message;

  // The local part of an mbox is case-sensitive.
  statement["actor"]["member"][1]["mbox"] = "mailto:A@example.com";
  EXPECT_FALSE(Verify(Attach(statement, Jws(payload.dump()))).ok());
}

TEST_F(XapiSignedStatement, DurationIsComparedAsAString) {
  // Data 2.3.1 b8: PT1H and PT60M are the same time span but different Statements.
  json statement = Original();
  statement["result"]["duration"] = "PT60M";
  EXPECT_TRUE(Contains(ErrorOf(Attach(statement, Jws(Original().dump()))), "/result/duration"));
}

TEST_F(XapiSignedStatement, SubStatementsAreComparedLikeStatements) {
  json payload = Original();
  payload["object"] = {{"objectType", "SubStatement"},
                       {"actor", {{"mbox", "mailto:x@example.com"}}},
                       {"verb", {{"id", "http://example.com/verbs/will-attend"}}},
                       {"object", {{"id", "http://example.com/event"}}},
                       {"timestamp", "2024-06-01T09:00:00+01:00"}};
  json statement = payload;
  statement["object"]["timestamp"] = "2024-06-01T08:00:00.000Z";
  statement["object"]["object"]["definition"] = {{"name", {{"en", "Event"}}}};
  EXPECT_TRUE(Verify(Attach(statement, Jws(payload.dump()))).ok());
  statement["object"]["timestamp"] = "2024-06-01T09:00:00Z";
  EXPECT_TRUE(Contains(ErrorOf(Attach(statement, Jws(payload.dump()))), "object/timestamp"));
  statement["object"]["timestamp"] = payload["object"]["timestamp"];
  statement["object"]["verb"]["id"] = "http://example.com/verbs/attended";
  EXPECT_TRUE(Contains(ErrorOf(Attach(statement, Jws(payload.dump()))), "/object/verb/id"));
}

TEST_F(XapiSignedStatement, EverySignatureAttachmentIsChecked) {
  Request request = Attach(Original(), Jws(Original().dump()));
  json other = Original();
  other["verb"]["id"] = "http://adlnet.gov/expapi/verbs/failed";
  std::string bad = Jws(other.dump());
  json second = request.statement["attachments"][0];
  second["sha2"] = Sha256Hex(bad);
  request.statement["attachments"].push_back(second);
  request.data[Sha256Hex(bad)] = bad;
  Status status = Verify(request);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "/attachments/1");
}

}  // namespace
}  // namespace attune::xapi
