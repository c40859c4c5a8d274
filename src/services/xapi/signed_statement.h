#pragma once
// Signed Statements (xAPI 1.0.3 Data 2.6): a Statement may carry a JSON Web Signature (RFC 7515)
// of itself as an Attachment. Before storing it the LRS must check that the signature is well
// formed, that its payload is the Statement, and, when the JWS header carries an X.509
// certificate, that the signature verifies with it. Pure: no HTTP, no storage, no clock.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace attune::xapi {

inline constexpr std::string_view kSignatureUsageType =
    "http://adlnet.gov/expapi/attachments/signature";

// Whether `statement` has an Attachment with the signature usageType.
bool IsSignedStatement(const nlohmann::json& statement);

// Checks every signature Attachment of `statement`, which ValidateStatement has accepted (its
// normal form or the statement as sent: both are normalised again here). `attachment_data` holds
// the raw data of the request's attachments by lower-case SHA-2 hex, as ParseXapiMultipart gives
// it. A statement without a signature passes. Each check that fails is a kInvalidArgument error
// whose `field` points at the signature Attachment ("/attachments/N"):
// - its contentType must be application/octet-stream and its data must be in the request;
// - the data must be a JWS in compact serialization (the JSON serialization, which the spec
//   strongly discourages, is refused), base64url parts, a JSON object header without "crit";
// - "alg" must be RS256, RS384 or RS512 (so never "none" or an HMAC);
// - with "x5c", the signature must verify with the RSA public key of its first certificate. The
//   chain is not checked against any trust store, nor are validity dates: the spec says this
//   check catches mistakes and is not a security measure (Data 2.6, note under LRS
//   Requirements). Without "x5c" nothing identifies the key (the spec makes x5c a SHOULD), so the
//   signature is only checked to be well formed, as the spec requires and no more;
// - the payload must be a valid Statement logically equivalent to `statement` under the
//   Statement Comparison Requirements (Data 2.3.1), see signed_statement.cpp for what that ignores.
Status VerifyStatementSignature(const nlohmann::json& statement,
                                const std::map<std::string, std::string>& attachment_data);

}  // namespace attune::xapi
