#pragma once
// Server configuration. Built in layers: defaults < config file < ATTUNE_* environment < flags.
#include <cstdint>
#include <map>
#include <string>

#include "core/result.h"

namespace attune {

struct Config {
  std::string bind = "127.0.0.1";
  int port = 8080;
  // SQLite file path, or a postgresql:// URL.
  std::string db = "var/attune.db";
  bool demo = false;
  // Default jurisdiction policy for new organisations: "global" or "eu" (biometric inference off).
  std::string jurisdiction = "global";
  // Public origin (scheme://host[:port]); https here turns on Secure cookies.
  std::string public_url;
  // Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed; the client's
  // address (rate limiting, audit, access log) is then the nearest untrusted hop.
  std::string trusted_proxies;
  // Comma-separated origins (https://content.example.com) whose pages may call the LRS at /xapi/
  // from a browser (CORS), or "*" for any. Empty: none (same-origin only). Never affects /api/.
  std::string xapi_cors_origins;
  std::string log_level = "info";
  // "stdout", "off", or a file path.
  std::string access_log = "stdout";
  int http_threads = 64;
  int keep_alive_timeout_s = 2;
  int keep_alive_max_requests = 10000;
  int listen_backlog = 1024;
  int read_timeout_s = 10;
  int write_timeout_s = 10;
  int64_t max_body_bytes = 8 * 1024 * 1024;
  int max_path_bytes = 2048;
  int session_ttl_minutes = 8 * 60;
  int login_max_failures = 5;
  int login_window_minutes = 15;
  int db_pool_size = 8;
  // How long a resolved session or token may be reused without a database read (0 = never).
  int auth_cache_ttl_ms = 1000;
  // SQLite only: acknowledge xAPI statements once they are in the ingest journal
  // ("<db>.xapi-journal") and index them in the background (docs/adr/0016-xapi-ingest-journal.md).
  // false: every statement is indexed before it is acknowledged, at about a third of the ingest
  // rate.
  bool xapi_journal = true;
  // The shipped text affect model (relative paths are from the working directory).
  std::string affect_model = "models/affect/emotion-v1.bin";
  // The item bank directory (docs/item-bank.md). Missing: assessment and practice are unavailable;
  // present but invalid: the server does not start, and says which file and line is wrong.
  std::string item_bank = "content/items";
  // The role-play scenario library (docs/scenarios.md); the same rules as item_bank.
  std::string scenario_library = "content/scenarios";
  // The offline speech-to-text model for spoken replies (Debian's pocketsphinx-en-us). Missing:
  // spoken replies are refused with 503 and typed replies work as before.
  std::string speech_model = "/usr/share/pocketsphinx/model/en-us";
  // Optional: an OpenAI-compatible chat endpoint (http(s)://host:port/v1) that words the role-play
  // counterpart's lines in the persona's voice. Empty: the scenario's own lines. The scenario
  // still decides every branch and the score; failures fall back to the scripted line.
  // The webcam mirror's library and face models (@vladmandic/human, installed by npm from
  // third_party/human). Missing: the mirror says it is not installed.
  std::string webcam_assets = "third_party/human/node_modules/@vladmandic/human";
  // The 32-byte key that seals secrets the server must read back (an external LRS's password for
  // statement forwarding; services/secret_box.h). Empty: "<db>.key" beside a SQLite file, or
  // var/attune.key with PostgreSQL. Created on first use; back it up apart from the database.
  std::string data_key_file;
  std::string counterpart_llm_url;
  std::string counterpart_llm_model;
  std::string counterpart_llm_api_key;
  int counterpart_llm_timeout_ms = 4000;

  // Applies `key = value` pairs (file syntax and env/flag names share the same keys).
  Status Set(const std::string& key, const std::string& value);
  // Reads a file of `key = value` lines; `#` starts a comment.
  Status LoadFile(const std::string& path);
  // Applies ATTUNE_<KEY> variables from `environ` (key upper-cased, '-' and '.' as '_').
  Status LoadEnvironment(char** environ);
  Status Validate() const;
  bool SecureCookies() const { return public_url.rfind("https://", 0) == 0; }
  // The base URL that names this server inside stored identifiers (xAPI agent accounts, activity
  // IRIs, credential authorities): public_url without a trailing slash, or http://localhost when
  // it is not configured. It must not depend on how a request reached the server.
  std::string IdentityBaseUrl() const;
  // data_key_file, or its default.
  std::string DataKeyFile() const;
};

}  // namespace attune
