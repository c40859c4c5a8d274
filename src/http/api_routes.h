#pragma once
// The route table. Each Add*Routes function registers one family; docs/api/openapi.json documents
// every route with documented == true, and tests/openapi_sync_test.cpp keeps the two in step.
#include "http/http_server.h"
#include "http/metrics.h"
#include "services/affect_service.h"
#include "services/auth_service.h"
#include "services/directory_service.h"
#include "services/governance_service.h"
#include "services/people_import.h"
#include "services/practice/assessment_service.h"
#include "services/practice/practice_service.h"
#include "services/roleplay/roleplay_service.h"
#include "services/xapi/document_service.h"
#include "services/xapi/lrs_credentials.h"
#include "services/xapi/statement_forwarding.h"
#include "services/xapi/statement_service.h"

namespace attune {

struct ApiServices {
  Store& store;
  AuthService& auth;
  DirectoryService& directory;
  PeopleImport& people_import;
  GovernanceService& governance;
  AffectService& affect;
  LrsCredentialService& lrs_credentials;
  StatementService& statements;
  DocumentService& documents;
  ForwardingService& forwarding;
  practice::AssessmentService& assessments;
  practice::PracticeService& practice;
  roleplay::RoleplayService& roleplay;
  HttpMetrics& metrics;
  const Config& config;
};

void AddOpsRoutes(HttpServer& server, ApiServices& s);
void AddAuthRoutes(HttpServer& server, ApiServices& s);
void AddDirectoryRoutes(HttpServer& server, ApiServices& s);
void AddGovernanceRoutes(HttpServer& server, ApiServices& s);
void AddAffectRoutes(HttpServer& server, ApiServices& s);
void AddLrsCredentialRoutes(HttpServer& server, ApiServices& s);
void AddLrsForwardingRoutes(HttpServer& server, ApiServices& s);
void AddPracticeRoutes(HttpServer& server, ApiServices& s);
void AddRoleplayRoutes(HttpServer& server, ApiServices& s);
void AddXapiStatementRoutes(HttpServer& server, ApiServices& s);
void AddXapiDocumentRoutes(HttpServer& server, ApiServices& s);
// `config.webcam_assets`: where the webcam mirror's library and face models are installed.
void AddWebRoutes(HttpServer& server, const Config& config);

inline void AddAllRoutes(HttpServer& server, ApiServices& s) {
  AddOpsRoutes(server, s);
  AddAuthRoutes(server, s);
  AddDirectoryRoutes(server, s);
  AddGovernanceRoutes(server, s);
  AddAffectRoutes(server, s);
  AddLrsCredentialRoutes(server, s);
  AddLrsForwardingRoutes(server, s);
  AddPracticeRoutes(server, s);
  AddRoleplayRoutes(server, s);
  AddXapiStatementRoutes(server, s);
  AddXapiDocumentRoutes(server, s);
  AddWebRoutes(server, s.config);
}

}  // namespace attune
