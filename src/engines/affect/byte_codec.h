#pragma once
// Little-endian writer/reader for the model file. The reader checks every length against the bytes
// that remain, so a truncated or hostile file produces an error instead of an overread.
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace attune::affect {

class ByteWriter {
 public:
  void U32(uint32_t v) { Raw(&v, 4); }
  void F32(float v) { Raw(&v, 4); }
  void U64(uint64_t v) { Raw(&v, 8); }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void Raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string& bytes() { return out_; }

 private:
  // The format is little-endian; every supported target (x86-64, aarch64) is too.
  static_assert(std::endian::native == std::endian::little);
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool U32(uint32_t& v) { return Raw(&v, 4); }
  bool F32(float& v) { return Raw(&v, 4); }
  bool U64(uint64_t& v) { return Raw(&v, 8); }
  bool Str(std::string& s, uint32_t max_size = 1u << 24) {
    uint32_t n;
    if (!U32(n) || n > max_size || n > in_.size() - pos_) return false;
    s.assign(in_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool Raw(void* p, size_t n) {
    if (n > in_.size() - pos_) return false;
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  size_t remaining() const { return in_.size() - pos_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace attune::affect
