#include "services/secret_box.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base64.h"

namespace attune {

namespace {

// The key in `path`: nullopt when there is no such file.
Result<std::optional<std::string>> ReadKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::optional<std::string>();
  std::stringstream buf;
  buf << in.rdbuf();
  std::string key = buf.str();
  if (key.size() != crypto_secretbox_KEYBYTES) {
    return Error(ErrorCode::kUnavailable, "the data key file " + path + " is damaged (" +
                                              std::to_string(key.size()) + " bytes, not 32)");
  }
  return std::optional<std::string>(std::move(key));
}

// Writes a new random key to `path`; false when the file appeared meanwhile (another server).
Result<bool> CreateKeyFile(const std::string& path) {
  std::error_code ec;
  const auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  randombytes_buf(key.data(), key.size());
  // O_EXCL: two servers starting together must not each write a different key.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0 && errno == EEXIST) return false;
  if (fd < 0) {
    return Error(ErrorCode::kUnavailable,
                 "cannot create the data key file " + path + ": " + std::strerror(errno));
  }
  const bool written =
      ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return Error(ErrorCode::kUnavailable, "cannot write the data key file " + path);
  return true;
}

}  // namespace

Result<std::string> SecretBox::Key(bool create) {
  std::lock_guard lock(mu_);
  if (key_) return *key_;
  ASSIGN_OR_RETURN(auto key, ReadKeyFile(key_file_));
  if (!key && create) {
    RETURN_IF_ERROR(CreateKeyFile(key_file_));  // false: another server just wrote it
    ASSIGN_OR_RETURN(key, ReadKeyFile(key_file_));
  }
  if (!key) {
    return Error(ErrorCode::kUnavailable, "the data key file " + key_file_ +
                                              " is missing: stored secrets cannot be read; "
                                              "enter them again");
  }
  key_ = *key;
  return *key_;
}

Result<std::string> SecretBox::Seal(const std::string& secret) {
  ASSIGN_OR_RETURN(std::string key, Key(true));
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + secret.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nonce,
                        reinterpret_cast<const unsigned char*>(key.data()));
  return Base64Encode(out);
}

Result<std::string> SecretBox::Open(const std::string& sealed) {
  ASSIGN_OR_RETURN(std::string key, Key(false));
  auto raw = Base64Decode(sealed);
  if (!raw || raw->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Error(ErrorCode::kUnavailable, "a stored secret is damaged: enter it again");
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(raw->data());
  std::string out(raw->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()),
                                 nonce + crypto_secretbox_NONCEBYTES,
                                 raw->size() - crypto_secretbox_NONCEBYTES, nonce,
                                 reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return Error(ErrorCode::kUnavailable, "a stored secret was sealed with another data key (" +
                                              key_file_ + " was replaced?): enter it again");
  }
  return out;
}

}  // namespace attune
