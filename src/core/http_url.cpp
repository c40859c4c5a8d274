#include "core/http_url.h"

#include <regex>

namespace attune {

std::optional<HttpUrl> ParseHttpUrl(const std::string& url) {
  static const std::regex kUrl(
      R"(^(https?://)([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:]+\])(?::(\d{1,5}))?(/[^?#\s]*)?$)");
  std::smatch m;
  if (url.size() > 2000 || !std::regex_match(url, m, kUrl)) return std::nullopt;
  const bool tls = m[1].str() == "https://";
  const int port = m[3].matched ? std::stoi(m[3].str()) : (tls ? 443 : 80);
  if (port < 1 || port > 65535) return std::nullopt;
  return HttpUrl{m[1].str() + m[2].str() + ":" + std::to_string(port),
                 m[4].matched ? m[4].str() : ""};
}

}  // namespace attune
