#pragma once
// The http(s) URLs that Attune's outgoing clients are configured with (an LLM endpoint, an
// external LRS): scheme, host (a name or a bracketed IPv6 address), optional port and path; no
// query, fragment or credentials.
#include <optional>
#include <string>

namespace attune {

struct HttpUrl {
  std::string origin;  // scheme://host:port, the port always explicit
  std::string path;    // as given ("" when absent)
};

std::optional<HttpUrl> ParseHttpUrl(const std::string& url);

}  // namespace attune
