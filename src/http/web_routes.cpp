// The web UI: static files from web/, embedded in the binary (no build step, no CDN), and the
// webcam mirror's library and face models, served from their npm install (never a CDN).
#include <fstream>
#include <map>
#include <sstream>
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

// The files the learner-only webcam mirror loads (docs/webcam-mirror.md): the library and the
// three face models it uses. No emotion model is served, so none can run.
const std::map<std::string, std::string, std::less<>>& MirrorFiles() {
  static const std::map<std::string, std::string, std::less<>> files = {
      {"human.esm.js", "dist/human.esm.js"},     {"blazeface.json", "models/blazeface.json"},
      {"blazeface.bin", "models/blazeface.bin"}, {"facemesh.json", "models/facemesh.json"},
      {"facemesh.bin", "models/facemesh.bin"},   {"iris.json", "models/iris.json"},
      {"iris.bin", "models/iris.bin"},           {"LICENSE", "LICENSE"},
  };
  return files;
}

Result<ApiResponse> ServeMirrorFile(const std::string& dir, std::string_view name) {
  const auto& files = MirrorFiles();
  auto it = files.find(name);
  if (it == files.end()) return Error(ErrorCode::kNotFound, "no such file");
  std::ifstream in(dir + "/" + it->second, std::ios::binary);
  if (!in) {
    return Error(ErrorCode::kNotFound,
                 "the webcam mirror is not installed on this server (scripts/build.sh installs it "
                 "with npm)");
  }
  std::stringstream bytes;
  bytes << in.rdbuf();
  ApiResponse r;
  r.raw_body = bytes.str();
  r.content_type = name.ends_with(".bin") ? "application/octet-stream"
                   : name == "LICENSE"    ? "text/plain; charset=utf-8"
                                          : ContentType(name);
  // Versioned by the pinned package; a day of caching spares the learner megabytes per visit.
  r.headers.emplace_back("Cache-Control", "private, max-age=86400");
  return r;
}

}  // namespace

void AddWebRoutes(HttpServer& server, const Config& config) {
  const std::string mirror_dir = config.webcam_assets;
  server.AddRoute(
      {"GET", "/ui/human/{file}", AuthMode::kPublic, BodyKind::kNone, 0, false,
       [mirror_dir](ApiRequest& r) { return ServeMirrorFile(mirror_dir, r.path_params.at(0)); }});
  server.AddRoute({"GET", "/", AuthMode::kPublic, BodyKind::kNone, 0, false,
                   [](ApiRequest&) { return Serve("index.html"); }});
  server.AddRoute({"GET", "/ui/{file}", AuthMode::kPublic, BodyKind::kNone, 0, false,
                   [](ApiRequest& r) { return Serve(r.path_params.at(0)); }});
}

}  // namespace attune
