-- Role-play simulations (services/roleplay): a learner's run through a scenario, every reply with
-- the signals read from it and the feedback given, and the rubric scores of finished runs (the
-- learner's progress per criterion over time).
CREATE TABLE roleplay_sessions (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  scenario_id TEXT NOT NULL,
  scenario_version INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  outcome TEXT,
  overall REAL
);
CREATE INDEX roleplay_sessions_person ON roleplay_sessions(person_id, started_at);

-- `signals` is the JSON of the signals and their evidence spans, from which a run is replayed.
CREATE TABLE roleplay_turns (
  session_id TEXT NOT NULL REFERENCES roleplay_sessions(id),
  turn INTEGER NOT NULL,
  node TEXT NOT NULL,
  reply TEXT NOT NULL,
  signals TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, turn)
);

CREATE TABLE roleplay_criterion_scores (
  session_id TEXT NOT NULL REFERENCES roleplay_sessions(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  criterion_id TEXT NOT NULL,
  criterion TEXT NOT NULL,
  score REAL NOT NULL,
  completed_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, criterion_id)
);
CREATE INDEX roleplay_criterion_scores_person ON roleplay_criterion_scores(person_id, completed_at);
