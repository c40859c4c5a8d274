#include "services/xapi/xapi_formats.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <set>
#include <vector>

#include "core/utf8.h"

namespace attune::xapi {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

template <typename Pred>
bool AllOf(std::string_view s, Pred pred) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

bool IsVariantSubtag(std::string_view t) {
  if (t.size() >= 5 && t.size() <= 8) return true;
  return t.size() == 4 && IsDigit(t[0]);
}

// Howard Hinnant's civil calendar algorithms (proleptic Gregorian), valid for any year.
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y += m <= 2;
}

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!IsHex(s[i])) {
      return false;
    }
  }
  return true;
}

bool IsIri(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size()) return false;
  if (!IsAlpha(s[0])) return false;
  for (size_t i = 1; i < colon; ++i) {
    char c = s[i];
    if (!IsAlnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c <= 0x20 || c == 0x7f) return false;
    if (std::string_view("<>\"{}|\\^`").find(static_cast<char>(c)) != std::string_view::npos) {
      return false;
    }
    if (c == '%' && (i + 2 >= s.size() || !IsHex(s[i + 1]) || !IsHex(s[i + 2]))) return false;
  }
  return IsValidUtf8(s);
}

bool IsIrl(std::string_view s) {
  if (!IsIri(s)) return false;
  std::string_view rest = s.substr(s.find(':') + 1);
  return rest.size() > 2 && rest.substr(0, 2) == "//" && rest[2] != '/';
}

bool IsLanguageTag(std::string_view tag) {
  static const std::set<std::string, std::less<>> kIrregular = {
      "en-gb-oed", "i-ami", "i-bnn",     "i-default", "i-enochian", "i-hak",
      "i-klingon", "i-lux", "i-mingo",   "i-navajo",  "i-pwn",      "i-tao",
      "i-tay",     "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de"};
  if (tag.empty()) return false;
  std::string lower = Lower(tag);
  if (kIrregular.count(lower) != 0) return true;
  std::vector<std::string_view> parts = Split(lower, '-');
  for (std::string_view p : parts) {
    if (p.empty() || p.size() > 8 || !AllOf(p, IsAlnum)) return false;
  }
  const size_t n = parts.size();
  size_t i = 0;
  // privateuse = "x" 1*("-" (1*8alphanum)); it runs to the end of the tag.
  auto private_use = [&]() { return i + 1 < n; };
  if (parts[0] == "x") return private_use();
  // language = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA; extlang = up to three 3ALPHA. The
  // 4-letter form is reserved and no 5-8 letter subtag has ever been registered, so only 2-3
  // letters are accepted: this turns away the common mistake of "English" or "french".
  if (parts[0].size() < 2 || parts[0].size() > 3 || !AllOf(parts[0], IsAlpha)) return false;
  ++i;
  if (parts[0].size() <= 3) {
    for (int ext = 0; ext < 3 && i < n && parts[i].size() == 3 && AllOf(parts[i], IsAlpha); ++ext) {
      ++i;
    }
  }
  if (i < n && parts[i].size() == 4 && AllOf(parts[i], IsAlpha)) ++i;  // script
  if (i < n && ((parts[i].size() == 2 && AllOf(parts[i], IsAlpha)) ||
                (parts[i].size() == 3 && AllOf(parts[i], IsDigit)))) {
    ++i;  // region
  }
  std::set<std::string_view> variants;
  while (i < n && IsVariantSubtag(parts[i])) {
    if (!variants.insert(parts[i]).second) return false;  // RFC 5646 2.2.5: no repeats
    ++i;
  }
  std::set<char> singletons;
  while (i < n && parts[i].size() == 1 && parts[i] != "x") {
    if (!singletons.insert(parts[i][0]).second) return false;  // 2.2.6: each singleton once
    ++i;
    size_t start = i;
    while (i < n && parts[i].size() >= 2) ++i;
    if (i == start) return false;
  }
  if (i < n && parts[i] == "x") return private_use();
  return i == n;
}

bool IsIso8601Duration(std::string_view s) {
  if (s.size() < 2 || s[0] != 'P') return false;
  static constexpr std::string_view kDateOrder = "YMD";
  static constexpr std::string_view kTimeOrder = "HMS";
  size_t date_next = 0;
  size_t time_next = 0;
  bool in_time = false;
  bool any = false;
  bool any_time = false;
  bool had_fraction = false;
  size_t i = 1;
  while (i < s.size()) {
    if (s[i] == 'T') {
      if (in_time) return false;
      in_time = true;
      ++i;
      continue;
    }
    if (had_fraction) return false;  // only the smallest component may have a fraction
    size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start) return false;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      size_t fraction_start = ++i;
      while (i < s.size() && IsDigit(s[i])) ++i;
      if (i == fraction_start) return false;
      had_fraction = true;
    }
    if (i == s.size()) return false;
    char designator = s[i++];
    if (!in_time && designator == 'W') return !any && i == s.size();  // PnW stands alone
    std::string_view order = in_time ? kTimeOrder : kDateOrder;
    size_t& next = in_time ? time_next : date_next;
    size_t pos = order.find(designator, next);
    if (pos == std::string_view::npos) return false;
    next = pos + 1;
    any = true;
    if (in_time) any_time = true;
  }
  return any && (!in_time || any_time);
}

bool IsMailtoIri(std::string_view s) {
  constexpr std::string_view kPrefix = "mailto:";
  if (s.substr(0, kPrefix.size()) != kPrefix || !IsIri(s)) return false;
  std::string_view address = s.substr(kPrefix.size());
  size_t at = address.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < address.size() &&
         address.find('@', at + 1) == std::string_view::npos;
}

bool IsSha1Hex(std::string_view s) { return s.size() == 40 && AllOf(s, IsHex); }

bool IsSha2Hex(std::string_view s) {
  return (s.size() == 56 || s.size() == 64 || s.size() == 96 || s.size() == 128) && AllOf(s, IsHex);
}

bool IsMediaType(std::string_view s) {
  auto is_token = [](char c) {
    return IsAlnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  };
  std::string_view type = s.substr(0, s.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  size_t slash = type.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == type.size()) return false;
  if (!AllOf(type.substr(0, slash), is_token) || !AllOf(type.substr(slash + 1), is_token)) {
    return false;
  }
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  }
  return true;
}

Result<std::string> NormaliseTimestamp(std::string_view s) {
  auto bad = [](std::string message) { return Error(ErrorCode::kInvalidArgument, message); };
  size_t i = 0;
  auto number = [&](size_t digits, int& out) {
    if (i + digits > s.size()) return false;
    out = 0;
    for (size_t k = 0; k < digits; ++k) {
      if (!IsDigit(s[i + k])) return false;
      out = out * 10 + (s[i + k] - '0');
    }
    i += digits;
    return true;
  };
  auto literal = [&](char c) {
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  };
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!(number(4, year) && literal('-') && number(2, month) && literal('-') && number(2, day) &&
        (literal('T') || literal('t')) && number(2, hour) && literal(':') && number(2, minute) &&
        literal(':') && number(2, second))) {
    return bad("must be an ISO 8601 date-time such as 2013-05-18T05:32:34.804Z");
  }
  std::string_view fraction;
  if (literal('.')) {
    size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start) return bad("must have digits after the decimal point");
    fraction = s.substr(start, i - start);
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return bad("has a date or time field out of range");
  }
  if (i == s.size()) return bad("must include a time zone (\"Z\" or an offset such as +01:00)");
  int offset_minutes = 0;
  if (!literal('Z') && !literal('z')) {
    bool negative = s[i] == '-';
    if (!literal('+') && !literal('-')) return bad("has an invalid time zone");
    int offset_hours = 0, offset_mins = 0;
    if (!number(2, offset_hours)) return bad("has an invalid time zone offset");
    if (i < s.size()) {
      literal(':');
      if (!number(2, offset_mins)) return bad("has an invalid time zone offset");
    }
    if (offset_hours > 23 || offset_mins > 59) return bad("has a time zone offset out of range");
    if (negative && offset_hours == 0 && offset_mins == 0) {
      return bad("must not use the offset -00:00 (unknown local offset)");
    }
    offset_minutes = (negative ? -1 : 1) * (offset_hours * 60 + offset_mins);
  }
  if (i != s.size()) return bad("has unexpected characters after the time zone");

  int64_t total = DaysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offset_minutes;
  int64_t days = total >= 0 ? total / 1440 : -((-total + 1439) / 1440);
  int64_t minute_of_day = total - days * 1440;
  int64_t utc_year = 0;
  int utc_month = 0, utc_day = 0;
  CivilFromDays(days, utc_year, utc_month, utc_day);
  if (utc_year < 0 || utc_year > 9999) return bad("is out of range once converted to UTC");
  char buf[80];  // roomy enough that the compiler can prove nothing is truncated
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d", static_cast<int>(utc_year),
                utc_month, utc_day, static_cast<int>(minute_of_day / 60),
                static_cast<int>(minute_of_day % 60), second);
  std::string out(buf);
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }
  out += 'Z';
  return out;
}

}  // namespace attune::xapi
