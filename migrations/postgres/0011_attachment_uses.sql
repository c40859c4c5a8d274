-- Which stored statements name each attachment (by SHA-2), so that when erasure or retention
-- deletes statements, attachment contents no remaining statement names are deleted with them
-- (services/xapi/lrs_erasure.h, services/retention_service.h). Rows go with their statement.
CREATE TABLE xapi_attachment_uses (
  org_id TEXT NOT NULL,
  sha2 TEXT NOT NULL,
  seq BIGINT NOT NULL REFERENCES xapi_statements(seq) ON DELETE CASCADE,
  PRIMARY KEY (org_id, sha2, seq)
);
CREATE INDEX xapi_attachment_uses_seq ON xapi_attachment_uses(seq);

-- The statements stored before this migration.
INSERT INTO xapi_attachment_uses (org_id, sha2, seq)
SELECT DISTINCT s.org_id, (a.value ->> 'sha2'), s.seq
FROM xapi_statements s, jsonb_array_elements(s.statement::jsonb -> 'attachments') a
WHERE s.statement LIKE '%"attachments"%'
ON CONFLICT DO NOTHING;
