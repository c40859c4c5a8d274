-- A documented exception that lets a biometric data stream run under the eu jurisdiction policy
-- (for example the learner-only webcam mirror, after the organisation's own legal review). Empty:
-- no exception, and the policy keeps the stream off. Recorded by an admin, in the audit log.
ALTER TABLE data_streams ADD COLUMN eu_exception TEXT NOT NULL DEFAULT '';
