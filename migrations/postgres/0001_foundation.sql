-- Organisations, people, teams, credentials, governance and the audit log.
CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('global', 'eu')),
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);

CREATE TABLE people (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  employee_id TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  locale TEXT NOT NULL,
  manager_id TEXT REFERENCES people(id),
  active INTEGER NOT NULL DEFAULT 1,
  password_hash TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (org_id, employee_id)
);
CREATE INDEX people_manager ON people(manager_id);

CREATE TABLE person_roles (
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (person_id, role)
);

CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  parent_id TEXT REFERENCES teams(id),
  created_at BIGINT NOT NULL,
  UNIQUE (org_id, path)
);

CREATE TABLE team_members (
  team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, person_id)
);
CREATE INDEX team_members_person ON team_members(person_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_person ON api_tokens(person_id);

CREATE TABLE login_failures (
  id BIGSERIAL PRIMARY KEY,
  email TEXT NOT NULL,
  remote TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_email ON login_failures(email, at);
CREATE INDEX login_failures_remote ON login_failures(remote, at);

CREATE TABLE data_streams (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  purpose TEXT NOT NULL,
  legal_basis TEXT NOT NULL
    CHECK (legal_basis IN ('consent', 'legitimate_interest', 'contract', 'legal_obligation')),
  retention_days INTEGER NOT NULL CHECK (retention_days > 0),
  biometric INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, key)
);

CREATE TABLE consents (
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  stream_key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('granted', 'withdrawn', 'objected')),
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (person_id, stream_key)
);

-- Append-only and hash-chained: see services/audit_log.h. Updates and deletes are refused here as a
-- first line of defence; `attune audit verify` detects tampering that bypasses this.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  org_id TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
