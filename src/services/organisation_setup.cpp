#include "services/organisation_setup.h"

#include <regex>

#include "core/ids.h"
#include "services/auth_service.h"
#include "services/governance_service.h"
#include "services/people_import.h"
#include "services/person_validation.h"

namespace attune {

Result<Organisation> OrganisationSetup::Create(const NewOrganisation& in) {
  static const std::regex kSlug("[a-z0-9][a-z0-9-]{1,62}");
  if (!std::regex_match(in.slug, kSlug)) {
    return Error(ErrorCode::kInvalidArgument, "slug must be 2-63 of a-z, 0-9 and -", "slug");
  }
  if (in.name.empty() || in.name.size() > 200) {
    return Error(ErrorCode::kInvalidArgument, "name must be 1-200 characters", "name");
  }
  if (in.jurisdiction != "global" && in.jurisdiction != "eu") {
    return Error(ErrorCode::kInvalidArgument, "jurisdiction must be global or eu", "jurisdiction");
  }
  ASSIGN_OR_RETURN(std::string email, NormaliseEmail(in.admin_email));
  RETURN_IF_ERROR(ValidatePersonName(in.admin_name));
  RETURN_IF_ERROR(AuthService::ValidateNewPassword(in.admin_password));
  ASSIGN_OR_RETURN(std::string hash, ctx_.passwords.Hash(in.admin_password));
  const int64_t now = ctx_.clock.NowMillis();
  Organisation org{
      NewUuidV7(ctx_.clock, ctx_.random), in.slug, in.name, in.jurisdiction, in.is_demo, now};
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.organisations().Insert(org));
    for (const auto& s : GovernanceService::DefaultStreams(org.id, now)) {
      RETURN_IF_ERROR(tx.governance().UpsertStream(s));
    }
    Person admin;
    admin.id = NewUuidV7(ctx_.clock, ctx_.random);
    admin.org_id = org.id;
    admin.employee_id = "admin";
    admin.name = in.admin_name;
    admin.email = email;
    admin.locale = "en";
    admin.roles = {"admin"};
    admin.created_at = admin.updated_at = now;
    RETURN_IF_ERROR(tx.people().Insert(admin));
    RETURN_IF_ERROR(tx.people().SetPasswordHash(admin.id, hash));
    return ctx_.audit.Append(tx, org.id, "cli", "org.created", org.id,
                             "{\"slug\":\"" + org.slug + "\"}");
  }));
  return org;
}

Result<bool> OrganisationSetup::EnsureDemo() {
  bool exists = false;
  RETURN_IF_ERROR(ctx_.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto org, tx.organisations().FindBySlug(kDemoSlug));
    exists = org.has_value();
    return Ok();
  }));
  if (exists) return false;
  NewOrganisation demo{kDemoSlug,    "Northwind Demo (demo data)", ctx_.config.jurisdiction,
                       true,         "admin@demo.attune.test",     "Ada Admin (demo)",
                       kDemoPassword};
  ASSIGN_OR_RETURN(Organisation org, Create(demo));
  // Fictional people, imported through the same path as a real HRIS export.
  static constexpr const char* kPeople =
      "employee_id,name,email,team,manager_id,role,locale\n"
      "D001,Dana Director (demo),dana@demo.attune.test,Leadership,,manager;analyst,en-GB\n"
      "D002,Maya Manager (demo),maya@demo.attune.test,Sales,D001,manager,en-GB\n"
      "D003,Liam Learner (demo),liam@demo.attune.test,Sales/EMEA,D002,learner,en-GB\n"
      "D004,Sofia Seller (demo),sofia@demo.attune.test,Sales/EMEA,D002,learner,es-ES\n"
      "D005,Noah Negotiator (demo),noah@demo.attune.test,Sales/EMEA,D002,learner;peer,en-GB\n"
      "D006,Ava Account (demo),ava@demo.attune.test,Sales/Americas,D002,learner,en-US\n"
      "D007,Ethan Enterprise (demo),ethan@demo.attune.test,Sales/Americas,D002,learner,en-US\n"
      "D008,Sam Support Lead (demo),sam@demo.attune.test,Support,D001,manager,en-GB\n"
      "D009,Priya Support (demo),priya@demo.attune.test,Support,D008,learner,en-IN\n"
      "D010,Jonas Support (demo),jonas@demo.attune.test,Support,D008,learner,de-DE\n"
      "D011,Chloe Support (demo),chloe@demo.attune.test,Support,D008,learner,fr-FR\n"
      "D012,Omar Support (demo),omar@demo.attune.test,Support,D008,learner,en-GB\n"
      "D013,Elena Eng Lead (demo),elena@demo.attune.test,Engineering,D001,manager,en-GB\n"
      "D014,Kai Platform (demo),kai@demo.attune.test,Engineering/Platform,D013,learner,en-GB\n"
      "D015,Lena Platform (demo),lena@demo.attune.test,Engineering/Platform,D013,learner,de-DE\n"
      "D016,Ravi Platform (demo),ravi@demo.attune.test,Engineering/Platform,D013,learner,en-IN\n"
      "D017,Mia Product (demo),mia@demo.attune.test,Engineering/Product,D013,learner,en-US\n"
      "D018,Theo Product (demo),theo@demo.attune.test,Engineering/Product,D013,learner,en-GB\n"
      "D019,Hana HR (demo),hana@demo.attune.test,People,D001,ld_admin,en-GB\n"
      "D020,Chris Coach (demo),chris@demo.attune.test,People,D019,coach,en-GB\n"
      "D021,Aldo Auditor (demo),aldo@demo.attune.test,People,D019,auditor,it-IT\n";
  Principal system;
  system.org_id = org.id;
  system.person_id = "system";
  system.roles = {"admin"};
  system.via = Principal::Via::kCli;
  PeopleImport importer(ctx_);
  ASSIGN_OR_RETURN(auto report, importer.Run(system, kPeople, false));
  if (!report.valid) {
    return Error(ErrorCode::kInternal, "demo data failed to import: " + report.errors[0].message);
  }
  // Four people can log in with the demo password: a manager, a learner, the L&D admin and the
  // auditor.
  for (const char* email : {"maya@demo.attune.test", "liam@demo.attune.test",
                            "hana@demo.attune.test", "aldo@demo.attune.test"}) {
    ASSIGN_OR_RETURN(std::string hash, ctx_.passwords.Hash(kDemoPassword));
    RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto person, tx.people().FindByEmail(email));
      if (!person) return Error(ErrorCode::kInternal, "demo person missing");
      return tx.people().SetPasswordHash(person->id, hash);
    }));
  }
  return true;
}

}  // namespace attune
