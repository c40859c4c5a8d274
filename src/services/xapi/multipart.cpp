#include "services/xapi/multipart.h"

#include <openssl/evp.h>

#include <algorithm>
#include <functional>

#include "services/xapi/xapi_formats.h"

namespace attune::xapi {
namespace {

Error Invalid(std::string message) {
  return Error(ErrorCode::kInvalidArgument, std::move(message));
}

char LowerChar(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerChar(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return LowerChar(x) == LowerChar(y);
         });
}

bool IsSpaceOrTab(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpaceOrTab(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpaceOrTab(s.back())) s.remove_suffix(1);
  return s;
}

// RFC 7230 tchar: the characters of header names and unquoted parameter names.
bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 2046 5.1.1 bchars.
bool IsBoundaryChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

Status CheckBoundary(std::string_view boundary) {
  if (boundary.empty() || boundary.size() > 70) {
    return Invalid("the multipart boundary must have 1 to 70 characters, not " +
                   std::to_string(boundary.size()));
  }
  if (!std::all_of(boundary.begin(), boundary.end(), IsBoundaryChar) || boundary.back() == ' ') {
    return Invalid("the multipart boundary has a character RFC 2046 does not allow there");
  }
  return Ok();
}

// The media type of a Content-Type value ("type/subtype", lower case), parameters dropped.
std::string MediaTypeOf(std::string_view content_type) {
  return Lower(Trim(content_type.substr(0, content_type.find(';'))));
}

// Finds a fixed string in large attachment data quickly whatever the data holds.
class Finder {
 public:
  explicit Finder(std::string pattern)
      : pattern_(std::move(pattern)), searcher_(pattern_.begin(), pattern_.end()) {}
  // The searcher points into pattern_, so a copy would point into the original.
  Finder(const Finder&) = delete;
  Finder& operator=(const Finder&) = delete;

  size_t Find(std::string_view text, size_t from) const {
    if (from > text.size()) return std::string_view::npos;
    auto it = std::search(text.begin() + from, text.end(), searcher_);
    return it == text.end() ? std::string_view::npos : static_cast<size_t>(it - text.begin());
  }

 private:
  std::string pattern_;
  std::boyer_moore_horspool_searcher<std::string::const_iterator> searcher_;
};

enum class DelimiterKind { kNone, kOpen, kClose };

// What the line starting at `pos` (where "--boundary" was found) is, and where the line after
// it starts. A delimiter line is "--boundary", optional transport padding, and the line break;
// the close delimiter is "--boundary--", and whatever follows it is the epilogue.
DelimiterKind ReadDelimiterLine(std::string_view body, size_t pos, size_t dash_boundary_size,
                                std::string_view eol, size_t* next_line) {
  size_t i = pos + dash_boundary_size;
  if (body.substr(i, 2) == "--") return DelimiterKind::kClose;
  while (i < body.size() && IsSpaceOrTab(body[i])) ++i;
  if (body.substr(i, eol.size()) != eol) return DelimiterKind::kNone;
  *next_line = i + eol.size();
  return DelimiterKind::kOpen;
}

Result<MultipartPart> ParsePart(std::string_view content, std::string_view eol, size_t number) {
  MultipartPart part;
  const std::string where = "multipart body part " + std::to_string(number);
  std::string_view header_block;
  if (content.empty()) return part;  // no headers and no data: allowed by RFC 2046
  if (content.substr(0, eol.size()) == eol) {
    part.body = std::string(content.substr(eol.size()));
    return part;
  }
  std::string blank_line = std::string(eol) + std::string(eol);
  size_t end = content.find(blank_line);
  if (end == std::string_view::npos) {
    return Invalid(where + ": its headers are not followed by an empty line");
  }
  header_block = content.substr(0, end + eol.size());
  part.body = std::string(content.substr(end + blank_line.size()));

  size_t pos = 0;
  while (pos < header_block.size()) {
    size_t line_end = header_block.find(eol, pos);
    std::string_view line = header_block.substr(pos, line_end - pos);
    pos = line_end + eol.size();
    if (line.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
      return Invalid(where + ": a header line holds a stray CR, LF or NUL");
    }
    // A line that starts with white space continues the previous header (RFC 5322 folding).
    if (IsSpaceOrTab(line.front())) {
      if (part.headers.empty()) return Invalid(where + ": its first header line is indented");
      std::string& value = part.headers.back().second;
      value = std::string(Trim(value + " " + std::string(Trim(line))));
      continue;
    }
    size_t colon = line.find(':');
    std::string_view name = line.substr(0, colon);
    if (colon == std::string_view::npos || name.empty() ||
        !std::all_of(name.begin(), name.end(), IsTokenChar)) {
      return Invalid(where + ": \"" + std::string(line.substr(0, 60)) +
                     "\" is not a header line (Name: value)");
    }
    part.headers.emplace_back(std::string(name), std::string(Trim(line.substr(colon + 1))));
  }
  return part;
}

// The single value of a header the xAPI format relies on; a repeat would be ambiguous.
Result<std::optional<std::string_view>> SingleHeader(const MultipartPart& part,
                                                     std::string_view name, size_t number) {
  if (part.HeaderCount(name) > 1) {
    return Invalid("multipart body part " + std::to_string(number) + " has more than one " +
                   std::string(name) + " header");
  }
  return part.Header(name);
}

const EVP_MD* Sha2ForHexLength(size_t hex_len) {
  switch (hex_len) {
    case 56:
      return EVP_sha224();
    case 64:
      return EVP_sha256();
    case 96:
      return EVP_sha384();
    case 128:
      return EVP_sha512();
    default:
      return nullptr;
  }
}

bool ContainedIn(const Finder& finder, std::string_view statements_json,
                 const std::vector<OutgoingAttachment>& attachments) {
  if (finder.Find(statements_json, 0) != std::string_view::npos) return true;
  for (const OutgoingAttachment& a : attachments) {
    for (std::string_view s : {a.sha2, a.content_type, a.data}) {
      if (finder.Find(s, 0) != std::string_view::npos) return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string_view> MultipartPart::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

size_t MultipartPart::HeaderCount(std::string_view name) const {
  return std::count_if(headers.begin(), headers.end(),
                       [&](const auto& header) { return EqualsIgnoreCase(header.first, name); });
}

Result<std::string> MultipartBoundary(std::string_view content_type) {
  std::optional<std::string> boundary;
  size_t i = content_type.find(';');
  while (i < content_type.size()) {
    ++i;  // past the ';'
    while (i < content_type.size() && IsSpaceOrTab(content_type[i])) ++i;
    if (i == content_type.size()) break;  // a trailing ';' is harmless
    size_t name_start = i;
    while (i < content_type.size() && IsTokenChar(content_type[i])) ++i;
    std::string_view name = content_type.substr(name_start, i - name_start);
    if (name.empty() || i == content_type.size() || content_type[i] != '=') {
      return Invalid("the Content-Type has a malformed parameter (name=value expected)");
    }
    ++i;  // past the '='
    std::string value;
    if (i < content_type.size() && content_type[i] == '"') {
      ++i;
      bool closed = false;
      while (i < content_type.size()) {
        char c = content_type[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < content_type.size()) c = content_type[i++];
        value += c;
      }
      if (!closed) return Invalid("the Content-Type has an unterminated quoted parameter value");
      while (i < content_type.size() && IsSpaceOrTab(content_type[i])) ++i;
      if (i < content_type.size() && content_type[i] != ';') {
        return Invalid("the Content-Type has text after a quoted parameter value");
      }
    } else {
      size_t end = std::min(content_type.find(';', i), content_type.size());
      value = std::string(Trim(content_type.substr(i, end - i)));
      i = end;
    }
    if (EqualsIgnoreCase(name, "boundary")) {
      if (boundary) return Invalid("the Content-Type has more than one boundary parameter");
      boundary = std::move(value);
    }
  }
  if (!boundary) return Invalid("the multipart Content-Type has no boundary parameter");
  RETURN_IF_ERROR(CheckBoundary(*boundary));
  return *std::move(boundary);
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body,
                                                  std::string_view boundary) {
  RETURN_IF_ERROR(CheckBoundary(boundary));
  if (body.empty()) return Invalid("the multipart body is empty");
  const std::string_view eol = body.find('\r') == std::string_view::npos ? "\n" : "\r\n";
  const std::string dash_boundary = "--" + std::string(boundary);
  const Finder delimiter(std::string(eol) + dash_boundary);

  // The first delimiter line: at the very start of the body, or after the preamble.
  size_t part_start = std::string_view::npos;
  DelimiterKind kind = DelimiterKind::kNone;
  if (body.substr(0, dash_boundary.size()) == dash_boundary) {
    kind = ReadDelimiterLine(body, 0, dash_boundary.size(), eol, &part_start);
  }
  for (size_t from = 0; kind == DelimiterKind::kNone;) {
    size_t found = delimiter.Find(body, from);
    if (found == std::string_view::npos) {
      return Invalid("the multipart body never has the boundary \"" + std::string(boundary) +
                     "\" at the start of a line");
    }
    kind = ReadDelimiterLine(body, found + eol.size(), dash_boundary.size(), eol, &part_start);
    from = found + 1;
  }
  if (kind == DelimiterKind::kClose) return Invalid("the multipart body has no parts");

  std::vector<MultipartPart> parts;
  while (true) {
    size_t next_line = 0;
    size_t found = part_start;
    kind = DelimiterKind::kNone;
    while (kind == DelimiterKind::kNone) {
      found = delimiter.Find(body, found);
      if (found == std::string_view::npos) {
        return Invalid("the multipart body ends without its closing delimiter \"--" +
                       std::string(boundary) + "--\"");
      }
      kind = ReadDelimiterLine(body, found + eol.size(), dash_boundary.size(), eol, &next_line);
      if (kind == DelimiterKind::kNone) ++found;
    }
    ASSIGN_OR_RETURN(MultipartPart part,
                     ParsePart(body.substr(part_start, found - part_start), eol, parts.size() + 1));
    parts.push_back(std::move(part));
    if (kind == DelimiterKind::kClose) return parts;  // the rest is the epilogue
    part_start = next_line;
  }
}

Result<XapiMultipart> ParseXapiMultipart(std::string_view body, std::string_view content_type) {
  std::string media_type = MediaTypeOf(content_type);
  if (media_type != "multipart/mixed") {
    return Invalid("a Statement request with attachments must be multipart/mixed, not \"" +
                   media_type + "\"");
  }
  ASSIGN_OR_RETURN(std::string boundary, MultipartBoundary(content_type));
  ASSIGN_OR_RETURN(std::vector<MultipartPart> parts, ParseMultipart(body, boundary));

  XapiMultipart out;
  ASSIGN_OR_RETURN(std::optional<std::string_view> first_type,
                   SingleHeader(parts[0], "Content-Type", 1));
  if (!first_type || MediaTypeOf(*first_type) != "application/json") {
    return Invalid(
        "the first multipart part must hold the Statements with Content-Type application/json");
  }
  out.statements_json = std::move(parts[0].body);

  for (size_t i = 1; i < parts.size(); ++i) {
    MultipartPart& part = parts[i];
    const size_t number = i + 1;
    const std::string where = "multipart body part " + std::to_string(number);
    ASSIGN_OR_RETURN(std::optional<std::string_view> encoding,
                     SingleHeader(part, "Content-Transfer-Encoding", number));
    if (!encoding || !EqualsIgnoreCase(*encoding, "binary")) {
      return Invalid(where + " must have the header \"Content-Transfer-Encoding: binary\"");
    }
    ASSIGN_OR_RETURN(std::optional<std::string_view> declared_hash,
                     SingleHeader(part, kHashHeader, number));
    if (!declared_hash) {
      return Invalid(where + " has no " + std::string(kHashHeader) + " header");
    }
    if (!IsSha2Hex(*declared_hash)) {
      return Invalid(where + ": " + std::string(kHashHeader) + " \"" +
                     std::string(declared_hash->substr(0, 130)) +
                     "\" is not a SHA-2 hex digest (56, 64, 96 or 128 hex digits)");
    }
    std::string hash = Lower(*declared_hash);
    std::string actual = Sha2Hex(part.body, hash.size());
    if (actual != hash) {
      return Error(ErrorCode::kInvalidArgument,
                   where + ": its data does not have the " + std::string(kHashHeader) + " " + hash +
                       " (its SHA-2 is " + actual + ")",
                   std::string(kHashHeader));
    }
    ASSIGN_OR_RETURN(std::optional<std::string_view> part_type,
                     SingleHeader(part, "Content-Type", number));
    if (part_type) out.content_types.emplace(hash, std::string(*part_type));
    out.attachments.emplace(std::move(hash), std::move(part.body));
  }
  return out;
}

std::string ChooseBoundary(std::string_view statements_json,
                           const std::vector<OutgoingAttachment>& attachments) {
  std::string seed(statements_json.substr(0, 4096));
  for (const OutgoingAttachment& a : attachments) seed += a.sha2;
  for (int attempt = 0;; ++attempt) {
    // Content of n bytes holds fewer than n distinct candidates, so this ends.
    std::string candidate =
        "attune-" + Sha256Hex(seed + "/" + std::to_string(attempt)).substr(0, 32);
    if (!ContainedIn(Finder(candidate), statements_json, attachments)) return candidate;
  }
}

std::string MultipartContentType(std::string_view boundary) {
  std::string out = "multipart/mixed; boundary=";
  if (std::all_of(boundary.begin(), boundary.end(), IsTokenChar)) return out.append(boundary);
  // Boundary characters include none that a quoted-string would have to escape.
  return out.append("\"").append(boundary).append("\"");
}

std::string BuildMultipart(std::string_view statements_json,
                           const std::vector<OutgoingAttachment>& attachments,
                           std::string_view boundary) {
  size_t size = statements_json.size() + 128;
  for (const OutgoingAttachment& a : attachments) size += a.data.size() + a.sha2.size() + 160;
  std::string out;
  out.reserve(size);
  out.append("--").append(boundary).append("\r\nContent-Type: application/json\r\n\r\n");
  out.append(statements_json);
  for (const OutgoingAttachment& a : attachments) {
    out.append("\r\n--").append(boundary).append("\r\nContent-Type: ");
    out.append(a.content_type.empty() ? "application/octet-stream" : a.content_type);
    out.append("\r\nContent-Transfer-Encoding: binary\r\n");
    out.append(kHashHeader).append(": ").append(a.sha2).append("\r\n\r\n");
    out.append(a.data);
  }
  out.append("\r\n--").append(boundary).append("--\r\n");
  return out;
}

std::string Sha256Hex(std::string_view data) { return Sha2Hex(data, 64); }

std::string Sha2Hex(std::string_view data, size_t hex_len) {
  const EVP_MD* md = Sha2ForHexLength(hex_len);
  if (md == nullptr) return "";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &digest_len, md, nullptr) != 1) return "";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest_len * 2);
  for (unsigned int i = 0; i < digest_len; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

}  // namespace attune::xapi
