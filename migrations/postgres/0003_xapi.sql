-- The xAPI Learning Record Store (services/xapi): client credentials, statements with their query
-- index, activity definitions, attachments, documents and the forwarding outbox.

-- HTTP Basic key/secret pairs for LRS clients. The key is public (it names the credential in the
-- authority); only a SHA-256 of the high-entropy secret is kept.
CREATE TABLE lrs_credentials (
  key TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX lrs_credentials_org ON lrs_credentials(org_id);

-- One row per statement. `statement` is the stored JSON (normal form, with id, stored, authority,
-- timestamp and version set). `seq` orders statements stored in the same millisecond. `voids` is
-- the target of a voiding statement.
CREATE TABLE xapi_statements (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  id TEXT NOT NULL,
  stored BIGINT NOT NULL,
  voided BIGINT NOT NULL DEFAULT 0,
  voids TEXT,
  statement TEXT NOT NULL,
  UNIQUE (org_id, id)
);
CREATE INDEX xapi_statements_stored ON xapi_statements(org_id, stored, seq);
CREATE INDEX xapi_statements_voids ON xapi_statements(org_id, voids) WHERE voids IS NOT NULL;

-- The query index: one row per filterable value of a statement ("verb:<IRI>", "agent:<inverse
-- functional identifier>", "activity:<IRI>", "registration:<UUID>"), including the values a
-- statement inherits from the statement it targets with a StatementRef. `key` is the value's
-- 63-bit hash together with the organisation (services/xapi/statement_index.h), 8 bytes instead
-- of about 100. `broad` is 1 when the value matches only under related_agents /
-- related_activities. Ordered by (stored, seq) within a key, so one range scan serves a page of a
-- filtered query.
CREATE TABLE xapi_statement_refs (
  key BIGINT NOT NULL,
  stored BIGINT NOT NULL,
  seq BIGINT NOT NULL REFERENCES xapi_statements(seq) ON DELETE CASCADE,
  broad BIGINT NOT NULL,
  PRIMARY KEY (key, stored, seq)
);
CREATE INDEX xapi_statement_refs_seq ON xapi_statement_refs(seq);

-- The LRS's canonical definition of each activity (the Activities resource).
CREATE TABLE xapi_activities (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  id TEXT NOT NULL,
  definition TEXT NOT NULL,
  updated BIGINT NOT NULL,
  PRIMARY KEY (org_id, id)
);

-- Attachment contents by SHA-2, shared by every statement that names the hash. Base64 text so the
-- same SQL serves both databases.
CREATE TABLE xapi_attachments (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  sha2 TEXT NOT NULL,
  content_type TEXT NOT NULL,
  content TEXT NOT NULL,
  PRIMARY KEY (org_id, sha2)
);

-- State, Activity Profile and Agent Profile documents. Absent keys are stored as ''. `content` is
-- base64; `etag` is the quoted SHA-1 of the content.
CREATE TABLE xapi_documents (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  kind TEXT NOT NULL CHECK (kind IN ('state', 'activity_profile', 'agent_profile')),
  activity_id TEXT NOT NULL,
  agent TEXT NOT NULL,
  registration TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  content TEXT NOT NULL,
  etag TEXT NOT NULL,
  updated BIGINT NOT NULL,
  PRIMARY KEY (org_id, kind, activity_id, agent, registration, doc_id)
);
