#pragma once
// Password hashing (Argon2id via libsodium) and hashing of bearer secrets (SHA-256) so that
// session cookies and API tokens are never stored in a usable form.
#include <string>
#include <string_view>

#include "core/result.h"

namespace attune {

enum class PasswordCost {
  kInteractive,  // libsodium's interactive limits (64 MiB): the production default
  kMinimum,      // for tests only: same algorithm, minimum work
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordCost cost);
  Result<std::string> Hash(std::string_view password) const;
  bool Verify(std::string_view password, const std::string& hash) const;
  // Spends the same time as a real check, so unknown e-mails cannot be told apart by timing.
  void VerifyDummy(std::string_view password) const;

 private:
  unsigned long long opslimit_;
  size_t memlimit_;
  std::string dummy_hash_;
};

// Lowercase hex SHA-256 of `secret`.
std::string Sha256Hex(std::string_view secret);
// Constant-time comparison of equal-length strings.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace attune
