#include "services/xapi/lrs_erasure.h"

#include <openssl/sha.h>

#include "services/permissions.h"
#include "services/xapi/statement_index.h"
#include "services/xapi/statement_intake.h"

namespace attune {
namespace {

std::string Sha1Hex(const std::string& text) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace

std::vector<std::string> LrsErasure::AgentKeysFor(const Person& person,
                                                  const std::string& base_url) {
  const std::string mbox = "mailto:" + person.email;
  std::vector<std::string> keys = {
      *xapi::AgentKey({{"mbox", mbox}}),
      *xapi::AgentKey({{"mbox_sha1sum", Sha1Hex(mbox)}}),
      *xapi::AgentKey({{"account", {{"homePage", base_url}, {"name", person.id}}}}),
  };
  return keys;
}

Result<ErasureReport> LrsErasure::ErasePerson(const Principal& admin,
                                              const std::string& person_id) {
  RETURN_IF_ERROR(Require(admin, Permission::kPeopleWrite));
  const std::string base = ctx_.config.IdentityBaseUrl();
  ErasureReport report;
  // Statements acknowledged and not yet indexed would escape the delete.
  if (ctx_.statement_intake && !ctx_.statement_intake->WaitIndexed(std::chrono::seconds(60))) {
    return Error(ErrorCode::kUnavailable,
                 "the LRS is still indexing statements it received; run the erasure again");
  }
  RETURN_IF_ERROR(ctx_.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto person, tx.people().FindById(person_id));
    if (!person || person->org_id != admin.org_id) {
      return Error(ErrorCode::kNotFound, "no person " + person_id);
    }
    const auto keys = AgentKeysFor(*person, base);
    std::vector<int64_t> ref_keys;
    for (const auto& k : keys) ref_keys.push_back(xapi::RefKey(admin.org_id, k));
    ASSIGN_OR_RETURN(report.statements, tx.statements().DeleteMentioning(admin.org_id, ref_keys));
    ASSIGN_OR_RETURN(report.documents, tx.documents().DeleteForAgents(admin.org_id, keys));
    // Attachment contents (a signature holds the whole signed statement) go when no remaining
    // statement names them.
    ASSIGN_OR_RETURN(report.attachments, tx.statements().DeleteUnusedAttachments(admin.org_id));
    // Queued copies go with the statements (the outbox rows cascade); delivered ones do not.
    ASSIGN_OR_RETURN(auto forwarding, tx.forwarding().Find(admin.org_id));
    nlohmann::json details = {{"statements", report.statements},
                              {"documents", report.documents},
                              {"attachments", report.attachments}};
    if (forwarding) {
      report.forwarded_to = forwarding->endpoint;
      details["forwarded_to"] = forwarding->endpoint;
    }
    return ctx_.audit.Append(tx, admin.org_id, admin.person_id, "lrs.erasure", person_id,
                             details.dump());
  }));
  return report;
}

}  // namespace attune
