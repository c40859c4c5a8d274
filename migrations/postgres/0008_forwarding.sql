-- Forwarding of statements to an external LRS (services/xapi/statement_forwarder.h): one row per
-- organisation that forwards, with its delivery state. `sealed_password` is the external LRS's
-- secret sealed with the server's data key (services/secret_box.h), never stored in clear.
-- `enabled` = 0 pauses delivery; statements still queue. `attempts` counts consecutive failures
-- of the head of the queue; `lease_until` keeps two servers on one database from delivering the
-- same organisation at once.
CREATE TABLE xapi_forwarding (
  org_id TEXT PRIMARY KEY REFERENCES organisations(id),
  endpoint TEXT NOT NULL,
  username TEXT NOT NULL,
  sealed_password TEXT NOT NULL,
  enabled BIGINT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  delivered BIGINT NOT NULL DEFAULT 0,
  rejected BIGINT NOT NULL DEFAULT 0,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL DEFAULT 0,
  last_attempt_at BIGINT,
  last_delivered_at BIGINT,
  last_error TEXT,
  lease_until BIGINT NOT NULL DEFAULT 0
);

-- The durable outbox: a row per statement still to forward, written in the transaction that
-- stores the statement, deleted when the external LRS has acknowledged it. Erasing a statement
-- erases its row.
CREATE TABLE xapi_outbox (
  seq BIGINT PRIMARY KEY REFERENCES xapi_statements(seq) ON DELETE CASCADE,
  org_id TEXT NOT NULL
);
CREATE INDEX xapi_outbox_org ON xapi_outbox(org_id, seq);

-- Statements the external LRS refused for good (for example a 400 for a property it does not
-- accept), kept so an admin can see which and why; the queue moves on past them.
CREATE TABLE xapi_outbox_rejected (
  seq BIGINT PRIMARY KEY REFERENCES xapi_statements(seq) ON DELETE CASCADE,
  org_id TEXT NOT NULL,
  status BIGINT NOT NULL,
  error TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX xapi_outbox_rejected_org ON xapi_outbox_rejected(org_id, at);
