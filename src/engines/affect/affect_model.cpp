#include "engines/affect/affect_model.h"

#include <fstream>
#include <sstream>

#include "engines/affect/byte_codec.h"
#include "engines/affect/stable_hash.h"

namespace attune::affect {
namespace {

constexpr char kMagic[8] = {'A', 'T', 'T', 'A', 'F', 'F', '\0', '\1'};
// Upper bounds that keep a corrupt header from asking for gigabytes.
constexpr uint32_t kMaxHashBits = 24;
constexpr uint32_t kMaxLabels = 256;
constexpr uint32_t kMaxListSize = 1u << 20;

void WriteStrings(ByteWriter& w, const std::vector<std::string>& v) {
  w.U32(static_cast<uint32_t>(v.size()));
  for (const auto& s : v) w.Str(s);
}

bool ReadStrings(ByteReader& r, std::vector<std::string>& v, uint32_t max_count) {
  uint32_t n;
  if (!r.U32(n) || n > max_count || n > r.remaining() / 4) return false;
  v.resize(n);
  for (auto& s : v)
    if (!r.Str(s)) return false;
  return true;
}

void WriteGrouping(ByteWriter& w, const Grouping& g) {
  w.Str(g.name);
  WriteStrings(w, g.groups);
  w.U32(static_cast<uint32_t>(g.group_of_label.size()));
  for (int x : g.group_of_label) w.U32(static_cast<uint32_t>(x));
}

bool ReadGrouping(ByteReader& r, Grouping& g) {
  uint32_t n;
  if (!r.Str(g.name) || !ReadStrings(r, g.groups, kMaxLabels) || !r.U32(n) || n > kMaxLabels)
    return false;
  g.group_of_label.resize(n);
  for (int& x : g.group_of_label) {
    uint32_t v;
    if (!r.U32(v)) return false;
    x = static_cast<int>(v);
  }
  return true;
}

Error Corrupt(const std::string& what) {
  return Error(ErrorCode::kInvalidArgument, "affect model file is corrupt or truncated: " + what);
}

}  // namespace

uint32_t AffectModel::Dimension() const { return FeatureExtractor(features, lexicon).dimension(); }

Status AffectModel::Validate() const {
  RETURN_IF_ERROR(schema.Validate());
  if (features.hash_bits < 8 || features.hash_bits > kMaxHashBits)
    return Error(ErrorCode::kInvalidArgument, "hash_bits out of range");
  if (features.char_min < 1 || features.char_max < features.char_min || features.char_max > 8)
    return Error(ErrorCode::kInvalidArgument, "character n-gram range out of bounds");
  if (static_cast<int>(heads.size()) != schema.num_heads())
    return Error(ErrorCode::kInvalidArgument, "head count does not match the label schema");
  if (stride < heads.size() || stride % 8 != 0)
    return Error(ErrorCode::kInvalidArgument, "bad weight row stride");
  if (weights.size() != static_cast<size_t>(Dimension()) * stride)
    return Error(ErrorCode::kInvalidArgument, "weight matrix size does not match the dimension");
  return Ok();
}

std::string SerializeModel(const AffectModel& m) {
  ByteWriter w;
  w.Raw(kMagic, sizeof kMagic);
  w.U32(m.features.hash_bits);
  w.U32(m.features.char_min);
  w.U32(m.features.char_max);
  w.F32(m.features.word_weight);
  w.F32(m.features.char_weight);
  w.F32(m.features.dense_weight);
  WriteStrings(w, m.schema.labels);
  WriteGrouping(w, m.schema.ekman);
  WriteGrouping(w, m.schema.sentiment);
  w.U32(static_cast<uint32_t>(m.lexicon.vader().size()));
  for (const auto& [word, v] : m.lexicon.vader()) {
    w.Str(word);
    w.F32(v);
  }
  WriteStrings(w, m.lexicon.category_names());
  for (const auto& words : m.lexicon.category_words()) WriteStrings(w, words);
  w.U32(static_cast<uint32_t>(m.heads.size()));
  for (const Head& h : m.heads) {
    w.F32(h.scale);
    w.F32(h.bias);
    w.F32(h.platt_a);
    w.F32(h.platt_b);
    w.F32(h.threshold);
  }
  w.U32((m.at_least_one[0] ? 1 : 0) | (m.at_least_one[1] ? 2 : 0) | (m.at_least_one[2] ? 4 : 0));
  w.U32(m.stride);
  w.U64(m.weights.size());
  w.Raw(m.weights.data(), m.weights.size());
  w.Str(m.provenance);
  w.U64(HashBytes(w.bytes()));
  return std::move(w.bytes());
}

Result<AffectModel> ParseModel(std::string_view bytes) {
  if (bytes.size() < sizeof kMagic + 8 || bytes.substr(0, 6) != std::string_view(kMagic, 6))
    return Error(ErrorCode::kInvalidArgument, "not an Attune affect model file (bad magic)");
  if (bytes.substr(6, 2) != std::string_view(kMagic + 6, 2))
    return Error(ErrorCode::kInvalidArgument, "unsupported affect model file version");
  ByteReader tail(bytes.substr(bytes.size() - 8));
  uint64_t checksum;
  tail.U64(checksum);
  if (HashBytes(bytes.substr(0, bytes.size() - 8)) != checksum) return Corrupt("checksum mismatch");

  ByteReader r(bytes.substr(sizeof kMagic, bytes.size() - sizeof kMagic - 8));
  AffectModel m;
  FeatureConfig& f = m.features;
  if (!r.U32(f.hash_bits) || !r.U32(f.char_min) || !r.U32(f.char_max) || !r.F32(f.word_weight) ||
      !r.F32(f.char_weight) || !r.F32(f.dense_weight))
    return Corrupt("feature config");
  if (f.hash_bits < 8 || f.hash_bits > kMaxHashBits) return Corrupt("hash_bits");
  if (!ReadStrings(r, m.schema.labels, kMaxLabels) || !ReadGrouping(r, m.schema.ekman) ||
      !ReadGrouping(r, m.schema.sentiment))
    return Corrupt("label schema");
  uint32_t n;
  if (!r.U32(n) || n > kMaxListSize) return Corrupt("VADER size");
  for (uint32_t i = 0; i < n; ++i) {
    std::string word;
    float v;
    if (!r.Str(word) || !r.F32(v)) return Corrupt("VADER entries");
    m.lexicon.AddVader(std::move(word), v);
  }
  std::vector<std::string> names;
  if (!ReadStrings(r, names, kMaxListSize)) return Corrupt("Empath names");
  for (std::string& name : names) {
    std::vector<std::string> words;
    if (!ReadStrings(r, words, kMaxListSize)) return Corrupt("Empath words");
    m.lexicon.AddCategory(std::move(name), std::move(words));
  }
  m.lexicon.Build();
  if (!r.U32(n) || n > 3 * kMaxLabels) return Corrupt("head count");
  m.heads.resize(n);
  for (Head& h : m.heads)
    if (!r.F32(h.scale) || !r.F32(h.bias) || !r.F32(h.platt_a) || !r.F32(h.platt_b) ||
        !r.F32(h.threshold))
      return Corrupt("heads");
  uint64_t size;
  uint32_t flag;
  if (!r.U32(flag) || flag > 7) return Corrupt("flags");
  for (int level = 0; level < 3; ++level) m.at_least_one[level] = (flag >> level) & 1;
  if (!r.U32(m.stride) || !r.U64(size) || size > r.remaining()) return Corrupt("weights");
  m.weights.resize(size);
  if (!r.Raw(m.weights.data(), size) || !r.Str(m.provenance)) return Corrupt("weights");
  RETURN_IF_ERROR(m.Validate());
  return m;
}

Status SaveModelFile(const AffectModel& model, const std::string& path) {
  std::string bytes = SerializeModel(model);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Error(ErrorCode::kUnavailable, "cannot write model file " + path);
  return Ok();
}

Result<AffectModel> LoadModelFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kNotFound, "cannot open affect model file " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return ParseModel(buf.str());
}

}  // namespace attune::affect
