// The web UI: static files from web/, embedded in the binary (no build step, no CDN).
#include <map>
#include <string_view>

#include "http/api_routes.h"
#include "services/secrets.h"

namespace attune_web {
const std::map<std::string_view, std::string_view>& Files();
}

namespace attune {
namespace {

std::string ContentType(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".json")) return "application/json";
  if (ends(".png")) return "image/png";
  return "application/octet-stream";
}

Result<ApiResponse> Serve(std::string_view path) {
  const auto& files = attune_web::Files();
  auto it = files.find(path);
  if (it == files.end()) return Error(ErrorCode::kNotFound, "no such file");
  ApiResponse r;
  r.raw_body = std::string(it->second);
  r.content_type = ContentType(path);
  // Short cache with revalidation: files change with each release of the binary.
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.headers.emplace_back("ETag", "\"" + Sha256Hex(it->second).substr(0, 16) + "\"");
  return r;
}

}  // namespace

void AddWebRoutes(HttpServer& server) {
  server.AddRoute({"GET", "/", AuthMode::kPublic, BodyKind::kNone, 0, false,
                   [](ApiRequest&) { return Serve("index.html"); }});
  server.AddRoute({"GET", "/ui/{file}", AuthMode::kPublic, BodyKind::kNone, 0, false,
                   [](ApiRequest& r) { return Serve(r.path_params.at(0)); }});
}

}  // namespace attune
