-- The statement a statement refers to with a StatementRef object (voiding ones included), so
-- that when a target arrives after statements that refer to it, they can inherit its filter
-- values (xAPI 1.0.3 Communication 2.1.3: a statement that targets another meets the filters its
-- target meets). Filled in for the statements already stored.
ALTER TABLE xapi_statements ADD COLUMN ref_target TEXT;
UPDATE xapi_statements SET ref_target = (statement::jsonb #>> '{object,id}')
  WHERE (statement::jsonb #>> '{object,objectType}') = 'StatementRef';
CREATE INDEX xapi_statements_ref_target ON xapi_statements(org_id, ref_target)
  WHERE ref_target IS NOT NULL;
