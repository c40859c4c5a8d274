#include "services/secrets.h"

#include <sodium.h>

#include <cstdlib>

namespace attune {

PasswordHasher::PasswordHasher(PasswordCost cost) {
  if (sodium_init() < 0) std::abort();  // no usable crypto library: nothing can be secured
  if (cost == PasswordCost::kInteractive) {
    opslimit_ = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    memlimit_ = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  } else {
    opslimit_ = crypto_pwhash_OPSLIMIT_MIN;
    memlimit_ = crypto_pwhash_MEMLIMIT_MIN;
  }
  dummy_hash_ = Hash("attune-dummy-password").value();
}

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), opslimit_, memlimit_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error(ErrorCode::kUnavailable, "out of memory while hashing a password");
  }
  return std::string(out);
}

bool PasswordHasher::Verify(std::string_view password, const std::string& hash) const {
  if (hash.rfind("$argon2id$", 0) != 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::VerifyDummy(std::string_view password) const {
  (void)Verify(password, dummy_hash_);
}

std::string Sha256Hex(std::string_view secret) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace attune
