// Text affect analysis: emotions with evidence, tone markers, and empathy of a reply.
#include "http/affect_json.h"
#include "http/api_routes.h"
#include "http/json_body.h"

namespace attune {
namespace {

constexpr size_t kMaxTextBytes = 64 * 1024;  // the engine truncates past 10,000 characters

nlohmann::json ErrorJson(const Error& e) {
  return {{"error", {{"code", ErrorCodeName(e.code)}, {"message", e.message}}}};
}

}  // namespace

void AddAffectRoutes(HttpServer& server, ApiServices& s) {
  server.AddRoute(
      {"POST", "/api/v1/affect/analyze", AuthMode::kRequired, BodyKind::kJson, 4 * 1024 * 1024,
       true, [&s](ApiRequest& r) -> Result<ApiResponse> {
         ASSIGN_OR_RETURN(auto body,
                          JsonBody::Parse(r.Body(), {"text", "texts", "explain", "all"}));
         ASSIGN_OR_RETURN(auto text, body.OptString("text", kMaxTextBytes));
         ASSIGN_OR_RETURN(auto texts, body.OptStringArray("texts", AffectService::kMaxBatch + 1));
         ASSIGN_OR_RETURN(auto explain, body.OptBool("explain"));
         ASSIGN_OR_RETURN(auto all, body.OptBool("all"));
         if (text.has_value() == texts.has_value()) {
           return Error(ErrorCode::kInvalidArgument, "give either text or texts", "text");
         }
         std::vector<std::string> inputs = texts ? *texts : std::vector<std::string>{*text};
         for (const auto& t : inputs) {
           if (t.size() > kMaxTextBytes) {
             return Error(ErrorCode::kInvalidArgument,
                          "each text must be at most " + std::to_string(kMaxTextBytes) + " bytes",
                          "texts");
           }
         }
         ASSIGN_OR_RETURN(auto results,
                          s.affect.Analyze(*r.principal, inputs, explain.value_or(true)));
         if (text) {
           // A single text that cannot be analysed is the request's error.
           if (!results[0].ok()) return results[0].error();
           return JsonResponse(
               AnalysisJson(s.affect.engine(), inputs[0], *results[0], all.value_or(false)));
         }
         nlohmann::json out = nlohmann::json::array();
         for (size_t i = 0; i < results.size(); ++i) {
           out.push_back(results[i].ok() ? AnalysisJson(s.affect.engine(), inputs[i], *results[i],
                                                        all.value_or(false))
                                         : ErrorJson(results[i].error()));
         }
         return JsonResponse({{"results", out}});
       }});
  server.AddRoute({"POST", "/api/v1/affect/empathy", AuthMode::kRequired, BodyKind::kJson,
                   256 * 1024, true, [&s](ApiRequest& r) -> Result<ApiResponse> {
                     ASSIGN_OR_RETURN(auto body, JsonBody::Parse(r.Body(), {"message", "reply"}));
                     ASSIGN_OR_RETURN(auto message, body.RequiredString("message", kMaxTextBytes));
                     ASSIGN_OR_RETURN(auto reply, body.RequiredString("reply", kMaxTextBytes));
                     ASSIGN_OR_RETURN(auto assessment,
                                      s.affect.Empathy(*r.principal, message, reply));
                     return JsonResponse(EmpathyJson(reply, assessment));
                   }});
}

}  // namespace attune
