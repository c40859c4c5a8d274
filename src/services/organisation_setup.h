#pragma once
// Creating an organisation with its first administrator and default data-stream registry, and the
// demo organisation used by `attune serve --demo`.
#include <string>

#include "core/result.h"
#include "services/service_context.h"

namespace attune {

struct NewOrganisation {
  std::string slug;
  std::string name;
  std::string jurisdiction = "global";
  bool is_demo = false;
  std::string admin_email;
  std::string admin_name;
  std::string admin_password;
};

class OrganisationSetup {
 public:
  explicit OrganisationSetup(ServiceContext ctx) : ctx_(ctx) {}
  // kAlreadyExists when the slug or the admin's e-mail is taken.
  Result<Organisation> Create(const NewOrganisation& in);
  // Creates the clearly-marked demo organisation unless it exists. Returns true when created.
  Result<bool> EnsureDemo();

  static constexpr const char* kDemoSlug = "demo";
  static constexpr const char* kDemoPassword = "attune-demo-2026";

 private:
  ServiceContext ctx_;
};

}  // namespace attune
