#include "core/random.h"

#include <sys/random.h>

#include <cstdlib>
#include <cstring>

namespace attune {

uint64_t Random::NextU64() {
  uint64_t v;
  Fill(&v, sizeof v);
  return v;
}

double Random::NextDouble() { return static_cast<double>(NextU64() >> 11) * 0x1.0p-53; }

std::string Random::Hex(size_t n_bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string bytes(n_bytes, '\0');
  Fill(bytes.data(), n_bytes);
  std::string out;
  out.reserve(n_bytes * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

void SecureRandom::Fill(void* out, size_t n) {
  auto* p = static_cast<unsigned char*>(out);
  while (n > 0) {
    ssize_t got = getrandom(p, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      std::abort();  // no entropy source: nothing secure can be done
    }
    p += got;
    n -= static_cast<size_t>(got);
  }
}

void SeededRandom::Fill(void* out, size_t n) {
  auto* p = static_cast<unsigned char*>(out);
  while (n > 0) {
    uint64_t v = engine_();
    size_t k = n < sizeof v ? n : sizeof v;
    std::memcpy(p, &v, k);
    p += k;
    n -= k;
  }
}

}  // namespace attune
