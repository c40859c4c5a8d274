#pragma once
// Secrets the server must be able to read back (an external LRS's password for forwarding) are
// sealed with libsodium's secretbox (XSalsa20-Poly1305) under a 32-byte data key kept in a file
// beside the database, never in it: a copy of the database, or a PostgreSQL backup, does not
// reveal them. The key file is created (mode 0600) the first time a secret is sealed.
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"

namespace attune {

class SecretBox {
 public:
  explicit SecretBox(std::string key_file) : key_file_(std::move(key_file)) {}
  // Base64 of nonce + ciphertext. Creates the key file when it does not exist.
  Result<std::string> Seal(const std::string& secret);
  // kUnavailable when the key file is missing or cannot have sealed this (a different key, or a
  // damaged value): the admin must enter the secret again.
  Result<std::string> Open(const std::string& sealed);

 private:
  Result<std::string> Key(bool create);
  std::string key_file_;
  std::mutex mu_;
  std::optional<std::string> key_;
};

}  // namespace attune
