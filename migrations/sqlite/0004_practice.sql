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
  started_at INTEGER NOT NULL,
  completed_at INTEGER,
  items INTEGER NOT NULL DEFAULT 0,
  theta REAL,
  se REAL,
  recognition_theta REAL,
  recognition_se REAL,
  understanding_theta REAL,
  understanding_se REAL,
  management_theta REAL,
  management_se REAL
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
  position INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  item_version INTEGER NOT NULL,
  served_at INTEGER NOT NULL,
  answered_at INTEGER,
  option_id TEXT,
  correct INTEGER,
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
  served INTEGER NOT NULL,
  PRIMARY KEY (org_id, item_id)
);

-- Parameters refitted from this organisation's responses (attune items calibrate); an item without
-- a row uses its authored parameters. A row for an older item version is ignored.
CREATE TABLE item_calibrations (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  item_id TEXT NOT NULL,
  item_version INTEGER NOT NULL,
  a REAL NOT NULL,
  b REAL NOT NULL,
  responses INTEGER NOT NULL,
  calibrated_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, item_id)
);

CREATE TABLE practice_sessions (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  planned_items INTEGER NOT NULL
);
CREATE INDEX practice_sessions_person ON practice_sessions(person_id, started_at);

-- FSRS memory state of one card per learner: "item:<id>" or "emotion:<name>".
CREATE TABLE review_cards (
  person_id TEXT NOT NULL REFERENCES people(id),
  card TEXT NOT NULL,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  state INTEGER NOT NULL,
  step INTEGER NOT NULL,
  stability REAL,
  difficulty REAL,
  due INTEGER NOT NULL,
  last_review INTEGER,
  reviews INTEGER NOT NULL,
  lapses INTEGER NOT NULL,
  PRIMARY KEY (person_id, card)
);
CREATE INDEX review_cards_due ON review_cards(person_id, due);

-- The learner's role family and seniority, which steer item choice toward their own context.
CREATE TABLE practice_profiles (
  person_id TEXT PRIMARY KEY REFERENCES people(id),
  org_id TEXT NOT NULL REFERENCES organisations(id),
  role TEXT NOT NULL,
  seniority TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
