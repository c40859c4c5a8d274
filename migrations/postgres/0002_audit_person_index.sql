-- Audit entries about a person (as actor or target), for their data-subject export.
CREATE INDEX audit_log_actor ON audit_log(actor_id);
CREATE INDEX audit_log_target ON audit_log(target);
