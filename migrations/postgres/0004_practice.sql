-- Emotion-recognition assessment and practice (services/practice): adaptive assessments, every
-- item served and answered, the item bank's calibrated parameters and exposure counts, practice
-- sessions, FSRS review cards and the learner's practice profile.

-- An adaptive assessment. The scores are the EAP ability (theta, N(0, 1) reference scale) and its
-- posterior SD, overall and per branch; ERPS = 500 + 100 theta is derived, never stored.
CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  status TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  completed_at BIGINT,
  items BIGINT NOT NULL DEFAULT 0,
  theta DOUBLE PRECISION,
  se DOUBLE PRECISION,
  recognition_theta DOUBLE PRECISION,
  recognition_se DOUBLE PRECISION,
  understanding_theta DOUBLE PRECISION,
  understanding_se DOUBLE PRECISION,
  management_theta DOUBLE PRECISION,
  management_se DOUBLE PRECISION
);
CREATE INDEX assessments_person ON assessments(person_id, started_at);
-- At most one assessment in progress per learner, even when two starts race.
CREATE UNIQUE INDEX assessments_one_active ON assessments(person_id) WHERE status = 'active';
CREATE INDEX assessments_org ON assessments(org_id);

-- One row per item served in an assessment or a practice session; the answer fills it in once.
-- An item that was never served to the learner cannot be answered, and an answer cannot change.
CREATE TABLE item_responses (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  activity_kind TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  item_id TEXT NOT NULL,
  item_version BIGINT NOT NULL,
  served_at BIGINT NOT NULL,
  answered_at BIGINT,
  option_id TEXT,
  correct BIGINT,
  key_emotion TEXT NOT NULL,
  chosen_emotion TEXT,
  UNIQUE (activity_id, position),
  UNIQUE (activity_id, item_id)
);
CREATE INDEX item_responses_person ON item_responses(person_id, served_at);
CREATE INDEX item_responses_org_item ON item_responses(org_id, item_id);

-- How many assessments served each item (the exposure control's running counts).
CREATE TABLE item_exposure (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  item_id TEXT NOT NULL,
  served BIGINT NOT NULL,
  PRIMARY KEY (org_id, item_id)
);

-- Parameters refitted from this organisation's responses (attune items calibrate); an item without
-- a row uses its authored parameters. A row for an older item version is ignored.
CREATE TABLE item_calibrations (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  item_id TEXT NOT NULL,
  item_version BIGINT NOT NULL,
  a DOUBLE PRECISION NOT NULL,
  b DOUBLE PRECISION NOT NULL,
  responses BIGINT NOT NULL,
  calibrated_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, item_id)
);

CREATE TABLE practice_sessions (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  planned_items BIGINT NOT NULL
);
CREATE INDEX practice_sessions_person ON practice_sessions(person_id, started_at);

-- FSRS memory state of one card per learner: "item:<id>" or "emotion:<name>".
CREATE TABLE review_cards (
  person_id TEXT NOT NULL REFERENCES people(id),
  card TEXT NOT NULL,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  state BIGINT NOT NULL,
  step BIGINT NOT NULL,
  stability DOUBLE PRECISION,
  difficulty DOUBLE PRECISION,
  due BIGINT NOT NULL,
  last_review BIGINT,
  reviews BIGINT NOT NULL,
  lapses BIGINT NOT NULL,
  PRIMARY KEY (person_id, card)
);
CREATE INDEX review_cards_due ON review_cards(person_id, due);

-- The learner's role family and seniority, which steer item choice toward their own context.
CREATE TABLE practice_profiles (
  person_id TEXT PRIMARY KEY REFERENCES people(id),
  org_id TEXT NOT NULL REFERENCES organisations(id),
  role TEXT NOT NULL,
  seniority TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
