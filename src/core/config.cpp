#include "core/config.h"

#include <charconv>
#include <fstream>
#include <functional>
#include <sstream>

namespace attune {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

template <typename Int>
Status ParseInt(const std::string& key, const std::string& v, Int lo, Int hi, Int& out) {
  Int parsed{};
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), parsed);
  if (ec != std::errc() || ptr != v.data() + v.size() || parsed < lo || parsed > hi) {
    return Error(ErrorCode::kInvalidArgument,
                 "config " + key + ": expected an integer in [" + std::to_string(lo) + ", " +
                     std::to_string(hi) + "], got '" + v + "'",
                 key);
  }
  out = parsed;
  return Ok();
}

Status ParseBool(const std::string& key, const std::string& v, bool& out) {
  if (v == "1" || v == "true" || v == "yes" || v == "on") {
    out = true;
    return Ok();
  }
  if (v == "0" || v == "false" || v == "no" || v == "off") {
    out = false;
    return Ok();
  }
  return Error(ErrorCode::kInvalidArgument, "config " + key + ": expected true or false", key);
}

}  // namespace

Status Config::Set(const std::string& raw_key, const std::string& value) {
  std::string key = raw_key;
  for (char& c : key) c = (c == '-' || c == '.') ? '_' : static_cast<char>(std::tolower(c));
  using Setter = std::function<Status(const std::string&)>;
  const std::map<std::string, Setter> setters = {
      {"bind",
       [&](auto& v) {
         bind = v;
         return Ok();
       }},
      {"port", [&](auto& v) { return ParseInt(key, v, 0, 65535, port); }},
      {"db",
       [&](auto& v) {
         db = v;
         return Ok();
       }},
      {"demo", [&](auto& v) { return ParseBool(key, v, demo); }},
      {"jurisdiction",
       [&](auto& v) {
         jurisdiction = v;
         return Ok();
       }},
      {"public_url",
       [&](auto& v) {
         public_url = v;
         return Ok();
       }},
      {"log_level",
       [&](auto& v) {
         log_level = v;
         return Ok();
       }},
      {"trusted_proxies",
       [&](auto& v) {
         trusted_proxies = v;
         return Ok();
       }},
      {"xapi_cors_origins",
       [&](auto& v) {
         xapi_cors_origins = v;
         return Ok();
       }},
      {"access_log",
       [&](auto& v) {
         access_log = v;
         return Ok();
       }},
      {"http_threads", [&](auto& v) { return ParseInt(key, v, 4, 1024, http_threads); }},
      {"keep_alive_timeout_s",
       [&](auto& v) { return ParseInt(key, v, 1, 300, keep_alive_timeout_s); }},
      {"keep_alive_max_requests",
       [&](auto& v) { return ParseInt(key, v, 1, 1000000, keep_alive_max_requests); }},
      {"listen_backlog", [&](auto& v) { return ParseInt(key, v, 16, 65535, listen_backlog); }},
      {"read_timeout_s", [&](auto& v) { return ParseInt(key, v, 1, 600, read_timeout_s); }},
      {"write_timeout_s", [&](auto& v) { return ParseInt(key, v, 1, 600, write_timeout_s); }},
      {"max_body_bytes",
       [&](auto& v) { return ParseInt<int64_t>(key, v, 1024, int64_t{1} << 34, max_body_bytes); }},
      {"max_path_bytes", [&](auto& v) { return ParseInt(key, v, 64, 65536, max_path_bytes); }},
      {"session_ttl_minutes",
       [&](auto& v) { return ParseInt(key, v, 1, 60 * 24 * 30, session_ttl_minutes); }},
      {"login_max_failures",
       [&](auto& v) { return ParseInt(key, v, 1, 1000, login_max_failures); }},
      {"login_window_minutes",
       [&](auto& v) { return ParseInt(key, v, 1, 24 * 60, login_window_minutes); }},
      {"db_pool_size", [&](auto& v) { return ParseInt(key, v, 1, 256, db_pool_size); }},
      {"affect_model",
       [&](auto& v) {
         affect_model = v;
         return Ok();
       }},
      {"item_bank",
       [&](auto& v) {
         item_bank = v;
         return Ok();
       }},
      {"scenario_library",
       [&](auto& v) {
         scenario_library = v;
         return Ok();
       }},
      {"speech_model",
       [&](auto& v) {
         speech_model = v;
         return Ok();
       }},
      {"webcam_assets",
       [&](auto& v) {
         webcam_assets = v;
         return Ok();
       }},
      {"data_key_file",
       [&](auto& v) {
         data_key_file = v;
         return Ok();
       }},
      {"counterpart_llm_url",
       [&](auto& v) {
         counterpart_llm_url = v;
         return Ok();
       }},
      {"counterpart_llm_model",
       [&](auto& v) {
         counterpart_llm_model = v;
         return Ok();
       }},
      {"counterpart_llm_api_key",
       [&](auto& v) {
         counterpart_llm_api_key = v;
         return Ok();
       }},
      {"counterpart_llm_timeout_ms",
       [&](auto& v) { return ParseInt(key, v, 100, 60'000, counterpart_llm_timeout_ms); }},
      {"auth_cache_ttl_ms",
       [&](auto& v) { return ParseInt(key, v, 0, 60'000, auth_cache_ttl_ms); }},
      {"xapi_journal", [&](auto& v) { return ParseBool(key, v, xapi_journal); }},
  };
  auto it = setters.find(key);
  if (it == setters.end()) {
    return Error(ErrorCode::kInvalidArgument, "unknown config key '" + raw_key + "'", raw_key);
  }
  return it->second(value);
}

Status Config::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error(ErrorCode::kNotFound, "cannot read config file " + path);
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    std::string t = Trim(line.substr(0, line.find('#')));
    if (t.empty()) continue;
    size_t eq = t.find('=');
    if (eq == std::string::npos) {
      return Error(ErrorCode::kInvalidArgument,
                   path + ":" + std::to_string(line_no) + ": expected key = value");
    }
    Status s = Set(Trim(t.substr(0, eq)), Trim(t.substr(eq + 1)));
    if (!s.ok()) {
      return Error(s.error().code, path + ":" + std::to_string(line_no) + ": " + s.error().message);
    }
  }
  return Ok();
}

Status Config::LoadEnvironment(char** env) {
  for (char** e = env; e && *e; ++e) {
    std::string kv = *e;
    if (kv.rfind("ATTUNE_", 0) != 0) continue;
    size_t eq = kv.find('=');
    std::string key = kv.substr(7, eq - 7);
    // Variables Attune reads that are not configuration keys.
    if (key == "CONFIG" || key == "ADMIN_PASSWORD" || key == "SOURCE_DIR" ||
        key.rfind("TEST_", 0) == 0) {
      continue;
    }
    RETURN_IF_ERROR(Set(key, kv.substr(eq + 1)));
  }
  return Ok();
}

Status Config::Validate() const {
  if (jurisdiction != "global" && jurisdiction != "eu") {
    return Error(ErrorCode::kInvalidArgument, "jurisdiction must be 'global' or 'eu'",
                 "jurisdiction");
  }
  if (db.empty()) return Error(ErrorCode::kInvalidArgument, "db must not be empty", "db");
  return Ok();
}

std::string Config::IdentityBaseUrl() const {
  std::string base = public_url.empty() ? "http://localhost" : public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

std::string Config::DataKeyFile() const {
  if (!data_key_file.empty()) return data_key_file;
  const bool postgres = db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
  return postgres ? "var/attune.key" : db + ".key";
}

}  // namespace attune
