// docs/api/openapi.json and the route table must describe the same API.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "support/test_env.h"

namespace attune {
namespace {

TEST(OpenApi, DocumentsExactlyTheRoutesTheServerHas) {
  std::ifstream in(testing::SourceDir() + "/docs/api/openapi.json");
  ASSERT_TRUE(in) << "docs/api/openapi.json is missing";
  nlohmann::json doc = nlohmann::json::parse(in);
  EXPECT_EQ(doc["openapi"].get<std::string>().rfind("3.", 0), 0u);
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(c));
      documented.insert(upper + " " + path);
      EXPECT_TRUE(op.contains("summary")) << upper << " " << path << " needs a summary";
      EXPECT_TRUE(op.contains("responses")) << upper << " " << path << " needs responses";
    }
  }
  testing::TestServer server;
  std::set<std::string> served;
  for (const auto& r : server.app().server().routes()) {
    if (r.documented) served.insert(r.method + " " + r.path);
  }
  for (const auto& r : served) EXPECT_TRUE(documented.count(r)) << r << " is not in openapi.json";
  for (const auto& d : documented)
    EXPECT_TRUE(served.count(d)) << d << " is documented but not served";
}

TEST(OpenApi, TheServerPublishesTheSameFile) {
  testing::TestServer server;
  auto res = server.Client()->Get("/api/v1/openapi.json");
  ASSERT_TRUE(res);
  std::ifstream in(testing::SourceDir() + "/docs/api/openapi.json");
  EXPECT_EQ(nlohmann::json::parse(res->body), nlohmann::json::parse(in));
}

}  // namespace
}  // namespace attune
